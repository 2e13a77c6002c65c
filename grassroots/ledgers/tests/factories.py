"""Ledger workbooks built in memory, row by row, keyed by the Chinese headers."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from grassroots.ledgers.columns import KINDS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

RESIDENT = {
    "姓名": "张三",
    "性别": "男",
    "出生年份": 1965,
    "手机号": "13912345678",
    "身份证号": "140829196503150012",
    "社区": "北关社区",
    "小区": "幸福小区",
    "楼栋": "1号楼",
    "门牌号": "1单元101",
}
PARTY_MEMBER = {
    "姓名": "李四",
    "性别": "女",
    "手机号": "13987654321",
    "身份证号": "140829197802140028",
    "所属党组织": "北关社区党支部",
    "是否在职": "是",
    "工作单位": "北关社区卫生服务站",
    "社区": "北关社区",
    "居住小区": "幸福小区",
    "入党日期": "2001-07-01",
    "楼栋党小组长": "否",
    "党员中心户": "是",
}
UNIT = {
    "单位编码": "11140829MB1234567A",
    "单位名称": "闻喜县实验小学",
    "类别": "驻区单位",
    "报到社区": "北关社区",
    "地址": "县城中心街2号",
    "办公电话": "0359-6321234",
}
COMPOUND = {
    "社区": "北关社区",
    "小区名称": "和平小区",
    "统计代码": "140829100002",
    "建成年份": 1988,
    "户数": 96,
    "无物业管理": "是",
    "无主管部门": "是",
    "无人防物防": "否",
    "地址": "北关街20号",
}


def workbook_bytes(rows: list[list], *, sheet_title: str = "台账") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ledger_file(kind: str, records: list[dict], *, name: str = "ledger.xlsx") -> SimpleUploadedFile:
    """An upload with the kind's header row and one row per record, in the template's order."""
    headers = KINDS[kind].headers
    rows = [headers] + [[record.get(header) for header in headers] for record in records]
    return SimpleUploadedFile(name, workbook_bytes(rows), content_type=XLSX_TYPE)


def raw_file(rows: list[list], *, name: str = "ledger.xlsx") -> SimpleUploadedFile:
    """An upload with exactly these rows, headers included."""
    return SimpleUploadedFile(name, workbook_bytes(rows), content_type=XLSX_TYPE)


def run_import(kind: str, records: list[dict], *, actor=None, name: str = "ledger.xlsx"):
    """Import a ledger of these records through the service, as the command and the page do."""
    from grassroots.ledgers.services import import_ledger

    return import_ledger(actor=actor, kind=kind, file=ledger_file(kind, records, name=name))


def english_client(user) -> Client:
    """A signed-in client that chose English with the language switch."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client
