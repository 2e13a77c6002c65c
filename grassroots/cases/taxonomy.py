"""The starter taxonomy and default deadlines, for a database emptied after its migrations ran.

(The data migration 0003 carries its own frozen copy: migrations never import app code.)
"""

from grassroots.cases.models import Category, DeadlinePolicy

CATEGORIES = [
    ("drainage", "排水/下水道", False), ("water", "供水", True), ("power", "供电", True),
    ("gas", "燃气", True), ("heating", "供暖", True), ("roads", "道路", False),
    ("lighting", "路灯照明", False), ("sanitation", "环境卫生", False), ("greening", "绿化", False),
    ("property", "物业管理", False), ("security", "安防", False), ("fire", "消防", False),
    ("neighbours", "邻里纠纷", False), ("elderly", "养老助残", False), ("jobs", "就业", False),
    ("legal", "法律咨询", False), ("health", "医疗健康", False), ("other", "其他", False),
]  # fmt: skip


def ensure_starter_taxonomy() -> None:
    """Create the starter categories and the two default deadline policies where missing."""
    for order, (code, name, urgent) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "urgent": urgent, "order": order}
        )
    for urgent, sign_hours in ((False, 7), (True, 2)):
        DeadlinePolicy.objects.get_or_create(
            category=None,
            urgent=urgent,
            defaults={"sign_hours": sign_hours, "handle_days": 7, "complex_handle_days": 15},
        )
