"""The personal-data scan of a disclosure before it goes public: the mobile and ID numbers in its
title, its text, its attachments' names and the TEXT of its attachments — every cell of every
sheet of an .xlsx, the body, headers, footers and notes of a .docx, the pages of a PDF, a plain
text file as it is. The numbers are found by `core.masking.personal_numbers`, as on every other
published text.

A file that cannot be read (damaged, the old .doc/.xls formats, password-protected, a PDF
without text such as a scan, a type we cannot open) is a finding too: nothing goes public
unread. Photos are the exception, and only their names are read (there is no OCR)."""

import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import IO
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from grassroots.core.masking import personal_numbers

PHOTOS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
TEXTS = {".txt", ".csv"}
OLD_OFFICE = {".doc", ".xls", ".ppt", ".wps", ".et"}
# More unpacked XML than this is not an office document a community writes: refuse it rather
# than unpack it (a zip bomb). openpyxl, zipfile and expat read within it.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The numbers named per attachment; a list of hundreds is summed up after these.
SHOWN = 5
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")


# Why a file could not be read, said to the publisher with what to do instead.
WHY = {
    "damaged": _lazy(
        "The attachment 《%(name)s》 is damaged or is not really a %(kind)s file, so it cannot "
        "be checked; attach it again."
    ),
    "old_format": _lazy(
        "The attachment 《%(name)s》 is in an old format (.doc, .xls) that cannot be checked; "
        "save it as .docx, .xlsx or PDF and attach it again."
    ),
    "no_text": _lazy(
        "The attachment 《%(name)s》 has no text to read (a scanned PDF?), so it cannot be "
        "checked; attach a PDF with text, or type the content into the disclosure."
    ),
    "locked": _lazy(
        "The attachment 《%(name)s》 is password-protected and cannot be checked; attach it "
        "without a password."
    ),
    "too_large": _lazy("The attachment 《%(name)s》 unpacks to too much data to be checked."),
    "unknown_kind": _lazy(
        "The attachment 《%(name)s》 is of a kind that cannot be checked; attach .xlsx, .docx, "
        "PDF, text or photos."
    ),
}


class Unreadable(Exception):
    """The file cannot be read, so it cannot be checked: `reason` is a key of WHY."""

    def __init__(self, reason: str, name: str = "", kind: str = "") -> None:
        super().__init__(reason)
        self.reason, self.name, self.kind = reason, name, kind

    def __str__(self) -> str:
        return str(WHY[self.reason]) % {"name": self.name, "kind": self.kind}


def numbers_in(text: str) -> list[tuple[str, str]]:
    """Mobile and ID numbers in a text as (kind, masked), each once. The text is read whole
    (138 1234 5678) and word by word, so a cell or column beside a number (序号 1, then the
    mobile) does not join it into one longer, harmless-looking run."""
    found: dict[tuple[str, str], None] = {}
    for part in (text, *text.split()):
        for pair in personal_numbers(part):
            found[pair] = None
    return list(found)


def _check_unpacked(archive: zipfile.ZipFile, name: str) -> None:
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise Unreadable("too_large", name)


def _xlsx_text(name: str, data: IO[bytes]) -> Iterator[str]:
    """Every cell of every sheet, one a line (the values a reader sees, not formulas)."""
    from openpyxl import load_workbook  # a large import, needed only when a workbook comes

    with zipfile.ZipFile(data) as archive:
        _check_unpacked(archive, name)
    data.seek(0)
    book = load_workbook(data, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)  # 13812345678.0 is the number typed in
                    if value is not None:
                        yield str(value)
    finally:
        book.close()


def _docx_text(name: str, data: IO[bytes]) -> Iterator[str]:
    """Each paragraph of the body, the headers, footers, notes and comments, one a line; a
    tab or break inside a paragraph starts a new line too."""
    with zipfile.ZipFile(data) as archive:
        _check_unpacked(archive, name)
        parts = [n for n in archive.namelist() if _DOCX_PARTS.fullmatch(n)]
        if "word/document.xml" not in parts:
            raise zipfile.BadZipFile("no word/document.xml")
        for part in sorted(parts):
            xml = archive.read(part)
            if b"<!DOCTYPE" in xml:
                raise ElementTree.ParseError("a DOCTYPE has no place in a document part")
            for paragraph in ElementTree.fromstring(xml).iter(f"{_W}p"):
                words = []
                for node in paragraph.iter():
                    if node.tag == f"{_W}t":
                        words.append(node.text or "")
                    elif node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
                        words.append("\n")
                yield "".join(words)


def _pdf_text(name: str, data: IO[bytes]) -> Iterator[str]:
    """The text of every page; a PDF with pages but no text at all (a scan) is unreadable."""
    from pypdf import PdfReader

    reader = PdfReader(data)
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("locked", name)
    texts = [page.extract_text() or "" for page in reader.pages]
    if not any(t.strip() for t in texts):
        raise Unreadable("no_text", name)
    yield from texts


def _plain_text(name: str, data: IO[bytes]) -> Iterator[str]:
    raw = data.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            yield raw.decode(encoding)
            return
        except UnicodeDecodeError:
            continue
    raise ValueError("neither UTF-8 nor GB18030")


READERS = {".xlsx": _xlsx_text, ".docx": _docx_text, ".pdf": _pdf_text}
READERS.update(dict.fromkeys(TEXTS, _plain_text))


def attachment_text(name: str, data: IO[bytes]) -> str | None:
    """The text of an attachment, one cell or paragraph a line; None for a photo (not read).
    Raises Unreadable, saying why, for a file that cannot be read."""
    suffix = PurePath(name).suffix.lower()
    if suffix in PHOTOS:
        return None
    if suffix in OLD_OFFICE:
        raise Unreadable("old_format", name)
    reader = READERS.get(suffix)
    if reader is None:
        raise Unreadable("unknown_kind", name)
    try:
        return "\n".join(reader(name, data))
    except Unreadable:
        raise
    except Exception as error:  # any failure to parse means the file is unread
        raise Unreadable("damaged", name, suffix.lstrip(".").upper()) from error


def problems_in(
    *, title: str, body: str, attachments: Sequence[tuple[str, IO[bytes]]]
) -> list[str]:
    """What must be fixed before publishing: each mobile or ID number in the title, the text,
    an attachment's name or its content (masked), and each attachment that cannot be read."""
    kinds = {"mobile": _("mobile number"), "id": _("ID number")}
    places = [(_("title"), title), (_("text"), body)]
    places += [(_("attachment name %(name)s") % {"name": n}, n) for n, _data in attachments]
    problems = [
        _("%(where)s contains a %(kind)s (%(number)s).")
        % {"where": where, "kind": kinds[kind], "number": masked}
        for where, text in places
        for kind, masked in numbers_in(text)
    ]
    for name, data in attachments:
        try:
            text = attachment_text(name, data)
        except Unreadable as unreadable:
            problems.append(str(unreadable))
            continue
        found = numbers_in(text or "")
        problems += [
            _(
                "The attachment 《%(name)s》 contains a %(kind)s %(number)s; remove it before "
                "publishing."
            )
            % {"name": name, "kind": kinds[kind], "number": masked}
            for kind, masked in found[:SHOWN]
        ]
        if len(found) > SHOWN:
            problems.append(
                _("The attachment 《%(name)s》 holds %(count)s more such numbers.")
                % {"name": name, "count": len(found) - SHOWN}
            )
    return problems
