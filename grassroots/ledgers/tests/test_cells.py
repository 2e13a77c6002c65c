import datetime as dt

import pytest

from grassroots.ledgers import cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), ("  张三\u3000", "张三"), (13912345678, "13912345678"), (1965.0, "1965")],
)
def test_cells_read_as_the_text_a_person_sees(value, expected):
    assert cells.as_text(value) == expected


@pytest.mark.parametrize("value", ["139 1234 5678", 13912345678, "139-1234-5678"])
def test_mobile_numbers_may_be_typed_as_numbers_or_with_separators(value):
    assert cells.mobile(value) == "13912345678"


@pytest.mark.parametrize("value", ["1391234567", "23912345678", "139123456789", "mobile"])
def test_malformed_mobile_numbers_are_refused(value):
    with pytest.raises(cells.CellError, match="11 digits and starts with 1"):
        cells.mobile(value)


@pytest.mark.parametrize(("value", "expected"), [("是", True), ("否", False), (True, True)])
def test_yes_no_cells(value, expected):
    assert cells.yes_no("是", "否")(value) is expected


# openpyxl reads an Excel date cell as a naive datetime.
EXCEL_DATE = dt.datetime(2001, 7, 1)  # noqa: DTZ001


@pytest.mark.parametrize(
    "value", ["2001-07-01", "2001/7/1", "2001.07.01", "2001年7月1日", EXCEL_DATE]
)
def test_joining_dates_in_the_usual_spellings(value):
    assert cells.joining_date(value) == dt.date(2001, 7, 1)


def test_a_joining_date_in_the_future_is_refused():
    with pytest.raises(cells.CellError, match="Write a date from 1921-07-01 to"):
        cells.joining_date(dt.date.today() + dt.timedelta(days=2))  # noqa: DTZ011


@pytest.mark.parametrize("value", ["1965", 1965, 1965.0])
def test_years_may_be_text_or_numbers(value):
    assert cells.past_year(value) == 1965


def test_a_text_cell_has_a_length_limit():
    with pytest.raises(cells.CellError, match=r"Write at most 3 characters\."):
        cells.text(3)("四个汉字")


def test_the_birth_year_is_read_from_an_id_number():
    assert cells.birth_year_in("140829196503150012") == 1965
    assert cells.birth_year_in("140829180003150012") is None
