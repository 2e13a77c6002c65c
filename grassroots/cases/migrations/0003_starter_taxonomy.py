from django.db import migrations

# The starter taxonomy; water, power, gas and heating are urgent by nature.
CATEGORIES = [
    ("drainage", "排水/下水道", False),
    ("water", "供水", True),
    ("power", "供电", True),
    ("gas", "燃气", True),
    ("heating", "供暖", True),
    ("roads", "道路", False),
    ("lighting", "路灯照明", False),
    ("sanitation", "环境卫生", False),
    ("greening", "绿化", False),
    ("property", "物业管理", False),
    ("security", "安防", False),
    ("fire", "消防", False),
    ("neighbours", "邻里纠纷", False),
    ("elderly", "养老助残", False),
    ("jobs", "就业", False),
    ("legal", "法律咨询", False),
    ("health", "医疗健康", False),
    ("other", "其他", False),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    DeadlinePolicy = apps.get_model("cases", "DeadlinePolicy")
    for order, (code, name, urgent) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "urgent": urgent, "order": order}
        )
    # One working day (7 working hours) to sign, two hours when urgent; 7 / 15 days to handle.
    for urgent, sign_hours in ((False, 7), (True, 2)):
        DeadlinePolicy.objects.get_or_create(
            category=None,
            urgent=urgent,
            defaults={"sign_hours": sign_hours, "handle_days": 7, "complex_handle_days": 15},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
