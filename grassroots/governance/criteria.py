"""The two criteria sets of compound governance as the campaign defines them: 三无 (no
property management, no responsible department, no security) and 六有 (organisation coverage,
a team running affairs, rules, property service, a deliberation venue, funding). They are
rows, edited in the back office; this makes them when they are missing."""

THREE_WITHOUT = "three_without"
SIX_HAVE = "six_have"

SETS = [
    (
        THREE_WITHOUT,
        "三无",
        "deficit",
        "无物业管理、无主管部门、无安保的老旧小区",
        [
            ("property_management", "无物业管理", "没有物业公司，也没有自管的物业服务"),
            ("responsible_department", "无主管部门", "原产权单位撤销或改制，无单位负责"),
            ("security", "无安保", "没有门卫、巡逻或技防设施"),
        ],
    ),
    (
        SIX_HAVE,
        "六有",
        "target",
        "有组织覆盖、有人员管事、有制度规范、有物业服务、有议事场所、有经费保障",
        [
            ("organisation", "有组织覆盖", "建立小区党支部或兼合式党组织"),
            ("people", "有人员管事", "有物业管理委员会或居民自治管理委员会等管事队伍"),
            ("rules", "有制度规范", "有居民公约、议事规则等制度并上墙公开"),
            ("property_service", "有物业服务", "引入物业企业或实行居民自管、社区托管"),
            ("venue", "有议事场所", "有固定的议事、活动场所"),
            ("funding", "有经费保障", "有物业费、共建资金或财政补助等稳定经费"),
        ],
    ),
]


def ensure_criteria_sets(set_model=None, criterion_model=None) -> None:
    """Create the sets and items not there yet (historical models in a migration)."""
    if set_model is None:
        from grassroots.governance.models import CriteriaSet as set_model
        from grassroots.governance.models import Criterion as criterion_model
    for code, name, meaning, description, items in SETS:
        criteria_set, _ = set_model.objects.get_or_create(
            code=code, defaults={"name": name, "meaning": meaning, "description": description}
        )
        for order, (item_code, item_name, what) in enumerate(items):
            criterion_model.objects.get_or_create(
                criteria_set=criteria_set,
                code=item_code,
                defaults={"name": item_name, "description": what, "order": order},
            )
