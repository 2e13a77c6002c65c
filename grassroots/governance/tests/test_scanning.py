"""The disclosure scan reads inside the attachments: a mobile or ID number in an .xlsx cell, a
.docx paragraph or footer, or a PDF page blocks publishing, named and masked; a clean file
publishes; a damaged file, an old .xls or a PDF without text is refused, never published
unread. Through the service and the page, and for outsiders."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.conftest import make_user
from grassroots.governance import scanning, services
from grassroots.governance.models import Disclosure
from grassroots.governance.services import GovernanceRefused

pytestmark = pytest.mark.django_db


def xlsx(*rows, second_sheet=()) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    extra = book.create_sheet("附表")
    for row in second_sheet:
        extra.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraphs(*runs_per_paragraph) -> str:
    """<w:p>s, each of runs (several runs may split one number, as Word does)."""
    return "".join(
        "<w:p>" + "".join(f"<w:r><w:t>{t}</w:t></w:r>" for t in runs) + "</w:p>"
        for runs in runs_per_paragraph
    )


def docx(*body, footer=()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f"<w:document {_W}><w:body>{_paragraphs(*body)}</w:body></w:document>",
        )
        if footer:
            archive.writestr("word/footer1.xml", f"<w:ftr {_W}>{_paragraphs(*footer)}</w:ftr>")
    return out.getvalue()


def pdf(text: str | None) -> bytes:
    """A one-page PDF showing `text` in Helvetica (ASCII), or a blank page for None."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draft(actor, area, *files: tuple[str, bytes]) -> Disclosure:
    return services.draft_disclosure(
        actor=actor,
        area=area,
        category="residence",
        title="停车位分配公示",
        body="分配结果见附件。",
        period="2026年12月",
        files=[SimpleUploadedFile(name, content) for name, content in files],
    )


def _found(name: str, kind: str, number: str) -> str:
    """The finding as the publisher reads it (in the language in use)."""
    message = _(
        "The attachment 《%(name)s》 contains a %(kind)s %(number)s; remove it before publishing."
    )
    return message % {"name": name, "kind": _(kind), "number": number}


def _refusal(actor, disclosure) -> list[str]:
    with pytest.raises(GovernanceRefused) as caught:
        services.publish_disclosure(actor=actor, disclosure=disclosure)
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.DRAFT
    return caught.value.fields["problems"]


@pytest.mark.parametrize(
    ("name", "content", "number"),
    [
        (
            "车位名单.xlsx",
            xlsx(("序号", "姓名", "电话"), (1, "张三", "13812341234")),
            "138****1234",
        ),
        # a number typed into a cell as a number, on the second sheet
        ("车位名单.xlsx", xlsx(("车位", "户主"), second_sheet=((7, 13912345678),)), "139****5678"),
        # Word splits a number across runs; the footer is read too
        ("车位名单.docx", docx(["车位7号：王五，电话", "1375555", "6666"]), "137****6666"),
        ("车位名单.docx", docx(["车位分配如下"], footer=[["联系 18600001234"]]), "186****1234"),
        ("车位名单.pdf", pdf("Lot 7: 15811112222"), "158****2222"),
    ],
)
def test_a_mobile_inside_an_attachment_blocks_publishing(
    staff_user, compound, name, content, number
):
    draft = _draft(staff_user, compound, (name, content))
    assert _refusal(staff_user, draft) == [_found(name, "mobile number", number)]


def test_an_id_number_in_a_sheet_blocks_publishing(staff_user, compound):
    draft = _draft(staff_user, compound, ("低保.xlsx", xlsx(("李四", "14082819900101123X"))))
    found = _found("低保.xlsx", "ID number", "1408" + "*" * 11 + "23X")
    assert _refusal(staff_user, draft) == [found]


def test_clean_attachments_publish(staff_user, compound):
    draft = _draft(
        staff_user,
        compound,
        ("车位名单.xlsx", xlsx(("车位", "楼栋", "费用（元）"), (7, "3号楼", 1200.5))),
        ("说明.docx", docx(["2026-12-01 起执行"], footer=[["社区办公室 0359-6321234"]])),
        ("通知.pdf", pdf("Parking from 2026-12-01, 120 yuan a month")),
        ("现场.jpg", b"\xff\xd8\xff"),
    )
    published = services.publish_disclosure(actor=staff_user, disclosure=draft)
    assert published.status == Disclosure.Status.PUBLISHED


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("车位名单.xlsx", b"PK\x03\x04 not a workbook", "damaged"),
        ("车位名单.docx", xlsx(("no", "document")), "damaged"),  # a zip without word/document.xml
        ("车位名单.pdf", b"%PDF-1.4 garbage", "damaged"),
        ("扫描件.pdf", pdf(None), "no_text"),
        ("车位名单.xls", b"\xd0\xcf\x11\xe0", "old_format"),
        ("车位名单.zip", b"PK", "unknown_kind"),
    ],
)
def test_an_unreadable_attachment_is_refused(staff_user, compound, name, content, reason):
    draft = _draft(staff_user, compound, (name, content))
    kind = name.rsplit(".", 1)[1].upper()
    assert _refusal(staff_user, draft) == [str(scanning.WHY[reason]) % {"name": name, "kind": kind}]


def test_a_long_list_names_five_numbers_and_counts_the_rest(staff_user, compound):
    rows = [(n, f"1381234{n:04d}") for n in range(1, 13)]
    draft = _draft(staff_user, compound, ("名单.xlsx", xlsx(*rows)))
    problems = _refusal(staff_user, draft)
    assert problems[:5] == [
        _found("名单.xlsx", "mobile number", f"138****{n:04d}") for n in range(1, 6)
    ]
    assert problems[5:] == [
        _("The attachment 《%(name)s》 holds %(count)s more such numbers.")
        % {"name": "名单.xlsx", "count": 7}
    ]


def test_the_page_shows_what_the_attachment_holds_and_publishes_once_removed(
    client, staff_user, compound
):
    draft = _draft(staff_user, compound, ("名单.pdf", pdf("Tel 13812341234")))
    url = f"/governance/disclosures/{draft.pk}/"
    client.force_login(staff_user)
    page = client.post(url, {"action": "publish"}, follow=True).content.decode()
    assert _("Not published. Fix these first:") in page
    assert _found("名单.pdf", "mobile number", "138****1234") in page
    draft.refresh_from_db()
    assert draft.status == Disclosure.Status.DRAFT
    client.post(url, {"action": "remove", "attachment": draft.attachments.get().pk})
    client.post(url, {"action": "publish"})
    draft.refresh_from_db()
    assert draft.status == Disclosure.Status.PUBLISHED


def test_outsiders_neither_see_nor_publish(client, city, county, staff_user, compound):
    draft = _draft(staff_user, compound, ("名单.xlsx", xlsx(("车位", 7))))
    url = f"/governance/disclosures/{draft.pk}/"
    other = Area.objects.add_child(
        city, instance=Area(name="别县", level=Area.Level.COUNTY, code="140898000000")
    )
    client.force_login(make_user("other_admin", Role.COUNTY_ADMIN, area=other))
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "publish"}).status_code == 404
    auditor = make_user("auditor1", Role.AUDITOR, area=county)
    client.force_login(auditor)
    assert client.get(url).status_code == 200
    client.post(url, {"action": "publish"})
    with pytest.raises(GovernanceRefused) as caught:
        services.publish_disclosure(actor=auditor, disclosure=draft)
    assert caught.value.code == "forbidden"
    draft.refresh_from_db()
    assert draft.status == Disclosure.Status.DRAFT
