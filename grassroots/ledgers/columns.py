"""The four ledger formats: Chinese column headers, what each column takes, and an example row.

Headers, notes and the words cells may hold (是/否, 男/女, unit kinds) are the file format that
county staff fill in, not interface text, so they stay as Chinese literals, all in this module.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grassroots.ledgers import cells
from grassroots.people.models import Person
from grassroots.units.models import Unit

YES, NO = "是", "否"
GENDERS = {"男": Person.Gender.MALE, "女": Person.Gender.FEMALE}
UNIT_KINDS = {
    "县直单位": Unit.Kind.COUNTY_DEPARTMENT,
    "市直单位": Unit.Kind.CITY_DEPARTMENT,
    "驻区单位": Unit.Kind.STATIONED,
    "企业": Unit.Kind.ENTERPRISE,
    "社会组织": Unit.Kind.SOCIAL,
}
# Headers a ledger often carries that the import may safely skip.
IGNORED_HEADERS = frozenset({"序号"})


@dataclass(frozen=True)
class Column:
    """One column of a ledger: the key its value is stored under and how its cells are read."""

    key: str
    header: str
    parse: cells.Parser
    note: str
    example: Any
    required: bool = True
    # The value of a blank cell in an optional column; None means “leave what is stored”.
    blank: Any = None


@dataclass(frozen=True)
class LedgerKind:
    """One importable ledger: its name, its columns and the keys that may appear once per file."""

    name: str
    label: Promise
    sheet_title: str
    columns: tuple[Column, ...]
    unique: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def header_of(self, key: str) -> str:
        return next(column.header for column in self.columns if column.key == key)


def _yes_no_column(
    key: str, header: str, note: str, example: str, required: bool = False
) -> Column:
    note = f"{note}填“是”或“否”" + ("。" if required else "，留空视为“否”。")
    return Column(key, header, cells.yes_no(YES, NO), note, example, required=required, blank=False)


NAME = Column("name", "姓名", cells.text(50), "必填，居民本人姓名。", "张三")
GENDER = Column("gender", "性别", cells.choice(GENDERS), "必填，填“男”或“女”。", "男")
MOBILE = Column(
    "mobile", "手机号", cells.mobile, "选填，11位手机号码，以1开头。", "13912345678", required=False
)
ID_NUMBER = Column(
    "id_number",
    "身份证号",
    cells.id_number,
    "必填，18位居民身份证号（17位数字加最后一位数字或X），请把单元格设为文本格式。",
    "140829196503150012",
)
COMMUNITY = Column(
    "community_name", "社区", cells.text(100), "必填，社区（村）名称，须与系统中一致。", "北关社区"
)

RESIDENTS = LedgerKind(
    name="residents",
    label=_("Residents"),
    sheet_title="居民台账",
    columns=(
        NAME,
        GENDER,
        Column(
            "birth_year",
            "出生年份",
            cells.past_year,
            "选填，四位年份，如1965；留空时按身份证号计算。",
            1965,
            required=False,
        ),
        MOBILE,
        ID_NUMBER,
        COMMUNITY,
        Column(
            "compound_name",
            "小区",
            cells.text(100),
            "必填，小区名称，须是该社区下已有的小区。",
            "幸福小区",
        ),
        Column(
            "building_name",
            "楼栋",
            cells.text(100),
            "必填，楼栋（巷院）名称，须是该小区下已有的楼栋。",
            "1号楼",
        ),
        Column("door", "门牌号", cells.text(20), "必填，单元和门牌，如1单元101。", "1单元101"),
    ),
    unique=(("id_number",),),
)

PARTY_MEMBERS = LedgerKind(
    name="party_members",
    label=_("Party members"),
    sheet_title="党员台账",
    columns=(
        NAME,
        GENDER,
        MOBILE,
        ID_NUMBER,
        Column(
            "org_name",
            "所属党组织",
            cells.text(100),
            "必填，党组织全称，须是系统中已有的党组织。",
            "北关社区党支部",
        ),
        _yes_no_column("in_service", "是否在职", "必填，在职党员", YES, required=True),
        Column(
            "workplace_name",
            "工作单位",
            cells.text(100),
            "选填，单位名称，须是系统中已有的单位。",
            "县民政局",
            required=False,
        ),
        COMMUNITY,
        Column(
            "compound_name",
            "居住小区",
            cells.text(100),
            "必填，居住的小区名称，须是该社区下已有的小区（在职党员向此报到）。",
            "幸福小区",
        ),
        Column(
            "joined_on",
            "入党日期",
            cells.joining_date,
            "选填，日期，如2001-07-01。",
            "2001-07-01",
            required=False,
        ),
        _yes_no_column("building_group_leader", "楼栋党小组长", "选填，", NO),
        _yes_no_column("central_household", "党员中心户", "选填，", YES),
    ),
    unique=(("id_number",),),
)

UNITS = LedgerKind(
    name="units",
    label=_("Units"),
    sheet_title="单位台账",
    columns=(
        Column(
            "code",
            "单位编码",
            cells.text(40),
            "必填，单位唯一编码（如统一社会信用代码），再次导入时按此更新。",
            "11140829012345678X",
        ),
        Column(
            "name",
            "单位名称",
            cells.text(100),
            "必填，单位全称，不可与本县其他单位重名。",
            "县民政局",
        ),
        Column(
            "kind",
            "类别",
            cells.choice(UNIT_KINDS),
            "必填，填“" + "”“".join(UNIT_KINDS) + "”之一。",
            "县直单位",
        ),
        Column(
            "community_name",
            "报到社区",
            cells.text(100),
            "选填，单位报到的社区名称；您管理多个县时必填，用来确定单位所属的县。",
            "北关社区",
            required=False,
        ),
        Column(
            "address", "地址", cells.text(200), "选填，办公地址。", "县城中心街1号", required=False
        ),
        Column(
            "phone",
            "办公电话",
            cells.phone,
            "选填，数字和连字符，如0359-6321234。",
            "0359-6321234",
            required=False,
        ),
    ),
    unique=(("code",),),  # names are unique per county, checked once the county is known
)

COMPOUNDS = LedgerKind(
    name="compounds",
    label=_("Compounds"),
    sheet_title="小区台账",
    columns=(
        COMMUNITY,
        Column(
            "name",
            "小区名称",
            cells.text(100),
            "必填，小区名称；同一社区下按此名称更新已有小区，没有则新建。",
            "幸福小区",
        ),
        Column(
            "code",
            "统计代码",
            cells.area_code,
            "选填，12位统计用区划代码。",
            "140829100001",
            required=False,
        ),
        Column(
            "build_year",
            "建成年份",
            cells.past_year,
            "选填，四位年份，如1992。",
            1992,
            required=False,
        ),
        Column(
            "households",
            "户数",
            cells.whole_number(0, 100000),
            "选填，整数，小区住户数。",
            120,
            required=False,
        ),
        _yes_no_column("no_property_management", "无物业管理", "选填，", YES),
        _yes_no_column("no_responsible_department", "无主管部门", "选填，", YES),
        _yes_no_column("no_security", "无人防物防", "选填，", NO),
        Column(
            "address", "地址", cells.text(200), "选填，小区地址。", "北关街12号", required=False
        ),
    ),
    unique=(("community_name", "name"), ("code",)),
)

KINDS: dict[str, LedgerKind] = {
    kind.name: kind for kind in (RESIDENTS, PARTY_MEMBERS, UNITS, COMPOUNDS)
}
