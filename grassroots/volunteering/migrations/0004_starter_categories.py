from django.db import migrations

# 夏县's six specialty teams and 绛县's 七彩蒲公英 colours; editable in the back office.
SPECIALTIES = ["党建指导", "红色宣传", "平安建设", "社务协调", "文明帮创", "温暖帮扶"]
COLOURS = [
    ("red", "红色", "#d7263d", "党建引领"),
    ("orange", "橙色", "#f46036", "医疗救助"),
    ("yellow", "黄色", "#e3b505", "便民利民"),
    ("green", "绿色", "#2e933c", "文明创建"),
    ("cyan", "青色", "#1b998b", "宣传教育"),
    ("blue", "蓝色", "#2e5eaa", "平安建设"),
    ("purple", "紫色", "#7b4fa0", "文体活动"),
]


def add(apps, schema_editor):
    TeamCategory = apps.get_model("volunteering", "TeamCategory")
    for i, name in enumerate(SPECIALTIES):
        TeamCategory.objects.get_or_create(
            code=f"specialty-{i + 1}",
            defaults={"scheme": "专业服务队", "name": name, "focus": name, "order": i},
        )
    for i, (code, name, colour, focus) in enumerate(COLOURS):
        TeamCategory.objects.get_or_create(
            code=code,
            defaults={
                "scheme": "七彩蒲公英",
                "name": name,
                "colour": colour,
                "focus": focus,
                "order": i,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0003_activities")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
