import io

import pytest
from django.core.management import CommandError, call_command

from grassroots.ledgers.tests.factories import UNIT, ledger_file
from grassroots.units.models import Unit


def write_ledger(tmp_path, kind, records, name="units.xlsx"):
    path = tmp_path / name
    path.write_bytes(ledger_file(kind, records).read())
    return str(path)


@pytest.mark.django_db
def test_the_command_imports_a_clean_file(places, tmp_path):
    out = io.StringIO()

    call_command("import_ledger", "units", write_ledger(tmp_path, "units", [UNIT]), stdout=out)

    assert out.getvalue().strip() == "Units imported: 1 created, 0 updated."
    assert Unit.objects.get(code=UNIT["单位编码"]).name == UNIT["单位名称"]


@pytest.mark.django_db
def test_the_command_fails_and_lists_every_issue_when_a_row_is_bad(places, tmp_path):
    path = write_ledger(tmp_path, "units", [UNIT, {**UNIT, "单位名称": "闻喜县第二中学"}])
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"^Nothing was imported: the file has 1 problem\.$"):
        call_command("import_ledger", "units", path, stderr=err)

    assert err.getvalue().strip() == (
        "Row 3, column “单位编码”: Same as row 2: a file may list each record only once."
    )
    assert not Unit.objects.filter(code=UNIT["单位编码"]).exists()


@pytest.mark.django_db
def test_the_command_refuses_a_file_that_is_not_xlsx(places, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("单位编码,单位名称\n")
    err = io.StringIO()

    with pytest.raises(CommandError, match="the file has 1 problem"):
        call_command("import_ledger", "units", str(path), stderr=err)

    assert err.getvalue().startswith("Only .xlsx files can be imported.")


def test_the_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_ledger", "units", str(tmp_path / "missing.xlsx"))


def test_the_command_only_knows_the_four_kinds(tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'cats'"):
        call_command("import_ledger", "cats", str(tmp_path / "x.xlsx"))
