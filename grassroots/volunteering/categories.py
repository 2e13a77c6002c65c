"""The starter team categories: 夏县's six specialty teams and 绛县's 七彩蒲公英 colours.
They are rows (edited in the back office); this makes them when they are missing."""

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


def ensure_starter_categories(model=None) -> None:
    """Create the starter categories not there yet (`model` is the migration's historical
    model, or the current one)."""
    if model is None:
        from grassroots.volunteering.models import TeamCategory as model
    for i, name in enumerate(SPECIALTIES):
        model.objects.get_or_create(
            code=f"specialty-{i + 1}",
            defaults={"scheme": "专业服务队", "name": name, "focus": name, "order": i},
        )
    for i, (code, name, colour, focus) in enumerate(COLOURS):
        model.objects.get_or_create(
            code=code,
            defaults={
                "scheme": "七彩蒲公英",
                "name": name,
                "colour": colour,
                "focus": focus,
                "order": i,
            },
        )
