"""What public text keeps and hides: a corpus of phone, ID and door numbers in the shapes people
type them, Chinese text around them, and the harmless numbers that must survive."""

import re
import unicodedata

import pytest
from django.utils import translation

from grassroots.core.masking import personal_numbers, public_text

# (text, a part that must not be published)
HIDDEN = [
    ("电话13812345678", "13812345678"),
    ("请打138 1234 5678联系", "1234"),
    ("手机：138-1234-5678。", "5678"),
    ("手机138.1234.5678", "1234"),
    ("联系+86 138 1234 5678", "5678"),
    ("+86-13812345678找王师傅", "5678"),
    ("0086 138 1234 5678", "5678"),
    ("电话：１３８１２３４５６７８", "５６７８"),
    ("电话：１３８ １２３４ ５６７８，谢谢", "５６７８"),
    ("电话138  1234  5678", "5678"),
    ("138/1234/5678", "5678"),
    ("办公室0359-6321234", "6321234"),
    ("办公室0359 6321234", "6321234"),
    ("(0359)6321234", "6321234"),
    ("（0359）632 1234", "1234"),
    ("座机 0359-632-1234 转 808", "1234"),
    ("家里电话6321234", "6321234"),
    ("家里电话63212345，晚上打", "63212345"),
    ("10:00-11:30 13812345678", "5678"),
    ("身份证140828199001011234", "1990"),
    ("身份证号14082819900101123X", "123X"),
    ("身份证 140828 19900101 123x", "123x"),
    ("老身份证140828900101123", "900101"),
    ("身份证：１４０８２８１９９００１０１１２３４", "１９９０"),
    ("我住3号楼2单元501", "501"),
    ("3号楼2单元501室漏水", "501"),
    ("2单元301室的邻居", "301"),
    ("住5栋", "5栋"),
    ("302房的老人", "302"),
    ("家在1-2-301", "301"),
    ("3-501室门口", "501"),
    ("三号楼二单元楼道灯坏了", "三号楼"),
    ("A座1102", "1102"),
    ("5#楼3层", "5#"),
    ("幸福路12号院", "12号"),
    ("晋新小区3号楼 1201", "1201"),
    ("银行卡6222021234567890123", "6222"),
]
# Text with harmless numbers: published as it is.
KEPT = [
    "2026年3月5日上午停水",
    "3月5号下午",
    "12月25号以前",
    "补贴1500元",
    "共花费15000.50元",
    "预算12000000元",
    "¥1234567",
    "18:30在楼下集合",
    "8:30-12:00办理",
    "涉及3户居民",
    "30户居民签了字",
    "2026年",
    "2025-2026年度",
    "2026-03-05检查",
    "2026/3/5",
    "坐3号线",
    "2室1厅",
    "3-5天内处理",
    "10-300米",
    "见2026-000123",
    "第3号文件",
    "收入12万元",
    "路灯3.5米高",
]


def _flat(text: str) -> str:
    """Digits made ASCII and joined across the separators people put inside numbers."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"(?<=\d)[\s\-‐‑–—.()/]+(?=\d)", "", text)


@pytest.mark.parametrize(("text", "secret"), HIDDEN, ids=[t for t, _s in HIDDEN])
def test_public_text_hides_phone_id_and_door_numbers(text, secret):
    with translation.override("en"):
        shown = public_text(text)
    assert secret not in shown
    assert not re.search(r"\d{7,}", _flat(shown)), shown  # nothing phone- or ID-like is left
    door = r"\d+\s*(?:号楼|栋|幢|座|单元|室|房|号院|#)|\d+-\d+-\d+|\d-\d{3}"
    assert not re.search(door, _flat(shown)), shown


@pytest.mark.parametrize("text", KEPT)
def test_public_text_keeps_dates_times_amounts_and_counts(text):
    assert public_text(text) == text


def test_the_text_around_a_number_stays_and_says_what_was_hidden():
    with translation.override("en"):
        shown = public_text("积水，住3号楼2单元501，电话138 1234 5678，身份证14082819900101123X")
    assert shown == "积水，住**，电话[phone hidden]，身份证[ID number hidden]"
    with translation.override("zh-hans"):
        assert public_text("电话0359-6321234") == "电话[电话已隐藏]"


def test_the_disclosure_scan_finds_mobiles_and_ids_in_any_shape_but_not_landlines():
    text = "联系138 1234 5678或１３９１２３４５６７８，身份证140828 19900101 123X，0359-6321234"
    assert personal_numbers(text) == [
        ("mobile", "138****5678"),
        ("mobile", "139****5678"),
        ("id", "1408***********23X"),
    ]
    assert personal_numbers("2026年3月5日，补贴1500元，3号楼") == []
