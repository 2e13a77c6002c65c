import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grassroots.core.models import AuditEntry
from grassroots.ledgers import importers, services
from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.importers import Issue
from grassroots.ledgers.services import import_ledger
from grassroots.ledgers.tests.factories import RESIDENT, UNIT, ledger_file, raw_file, run_import
from grassroots.people.models import Person

RESIDENT_HEADERS = KINDS["residents"].headers
SECOND = {**RESIDENT, "身份证号": "14082919700203002X", "门牌号": "1单元102"}


def ours():
    return Person.objects.filter(id_number__startswith="140829")


@pytest.mark.django_db
def test_a_file_not_named_xlsx_is_refused(places):
    result = run_import("residents", [RESIDENT], name="居民.xls")

    assert result.issues == (
        Issue(
            None,
            "",
            "Only .xlsx files can be imported. "
            "In Excel or WPS choose “Save as” and the .xlsx format.",
        ),
    )


@pytest.mark.django_db
def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(places):
    upload = SimpleUploadedFile("居民.xlsx", "姓名,性别\n张三,男\n".encode())

    result = import_ledger(actor=None, kind="residents", file=upload)

    assert result.issues == (
        Issue(
            None,
            "",
            "The file could not be read as an Excel workbook (.xlsx): "
            "it is damaged or in another format.",
        ),
    )


@pytest.mark.django_db
def test_wrong_and_missing_headers_are_reported_on_the_header_row(places):
    headers = [*RESIDENT_HEADERS[:-1], "门牌"]
    upload = raw_file([headers, [RESIDENT[header] for header in RESIDENT_HEADERS]])

    result = import_ledger(actor=None, kind="residents", file=upload)

    assert result.issues == (
        Issue(1, "门牌号", "This column is missing: copy the header row from the template."),
        Issue(1, "门牌", "Unknown column: use the headers of the template."),
    )
    assert not ours().exists()


@pytest.mark.django_db
def test_a_column_given_twice_is_reported(places):
    upload = raw_file([[*KINDS["units"].headers, "地址"]])

    result = import_ledger(actor=None, kind="units", file=upload)

    assert result.issues == (Issue(1, "地址", "This column appears more than once."),)


@pytest.mark.django_db
def test_a_ledger_of_another_kind_has_no_header_row(places):
    result = import_ledger(actor=None, kind="residents", file=ledger_file("units", [UNIT]))

    assert result.issues == (
        Issue(
            None,
            "",
            "No header row was found. The first row must hold the template's headers: "
            "姓名、性别、出生年份、手机号、身份证号、社区、小区、楼栋、门牌号.",
        ),
    )


@pytest.mark.django_db
def test_a_file_with_headers_only_has_nothing_to_import(places):
    result = run_import("residents", [])

    assert result.issues == (Issue(None, "", "The file has no data rows under the header row."),)


@pytest.mark.django_db
def test_a_title_row_a_serial_column_and_blank_rows_keep_excel_row_numbers(places):
    upload = raw_file(
        [
            ["幸福小区居民台账"],
            ["序号", *RESIDENT_HEADERS],
            [1, *(RESIDENT[header] for header in RESIDENT_HEADERS)],
            [2],
            [3, *(SECOND[header] for header in RESIDENT_HEADERS[:-1]), None],
        ]
    )

    result = import_ledger(actor=None, kind="residents", file=upload)

    assert result.issues == (Issue(5, "门牌号", "This cell is required."),)


@pytest.mark.django_db
def test_too_many_rows_are_refused(places, monkeypatch):
    monkeypatch.setattr(importers, "MAX_ROWS", 1)

    result = run_import("residents", [RESIDENT, SECOND])

    assert result.issues == (
        Issue(None, "", "The file has more than 1 data rows: split it into smaller files."),
    )


@pytest.mark.django_db
def test_a_failure_while_writing_leaves_nothing_behind(places, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "record_audit", broken_audit)

    with pytest.raises(RuntimeError):
        run_import("residents", [RESIDENT, SECOND])

    assert not ours().exists()


@pytest.mark.django_db
def test_a_successful_import_is_audited_with_its_counts(places, staff):
    actor = staff
    run_import("residents", [RESIDENT], actor=actor)

    run_import("residents", [RESIDENT, SECOND], actor=actor, name="幸福小区.xlsx")

    entries = AuditEntry.objects.filter(action="import").order_by("id")
    assert [(entry.actor, entry.detail) for entry in entries] == [
        (
            actor,
            {"kind": "residents", "file": "ledger.xlsx", "rows": 1, "created": 1, "updated": 0},
        ),
        (
            actor,
            {"kind": "residents", "file": "幸福小区.xlsx", "rows": 2, "created": 1, "updated": 1},
        ),
    ]


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown ledger kind: cats"):
        import_ledger(actor=None, kind="cats", file=ledger_file("units", [UNIT]))
