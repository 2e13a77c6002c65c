"""Service attributes: the starter questions, and checking the `attribute[CODE]` a caller sends."""

from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from grassroots.cases.models import Category
from grassroots.open311.models import ServiceAttribute

D = ServiceAttribute.Datatype
MAX_STRING, MAX_TEXT = 200, 2000

# category code → (code, datatype, required, question, how to answer, choices)
Question = tuple[str, str, bool, str, str, list[tuple[str, str]]]
STARTER: dict[str, list[Question]] = {
    "drainage": [
        ("where", D.SINGLE, True, "积水或堵塞的位置", "选一项",
         [("stairwell", "楼道"), ("road", "路面"), ("basement", "地下室"), ("yard", "院内")]),
        ("depth_cm", D.NUMBER, False, "积水深度（厘米）", "数字，如 15", []),
        ("since", D.DATETIME, False, "从何时开始", "日期时间，如 2026-11-28T08:00:00+08:00", []),
        ("affected", D.MULTI, False, "影响了哪些", "可多选",
         [("homes", "住户"), ("shops", "商铺"), ("traffic", "道路通行")]),
        ("landmark", D.STRING, False, "附近标志物", "如 3号楼东侧", []),
        ("details", D.TEXT, False, "补充说明", "", []),
    ],
    "lighting": [
        ("pole_number", D.STRING, False, "灯杆编号", "灯杆上的编号，如 XX-0123", []),
        ("lamps_out", D.NUMBER, False, "不亮的路灯数", "数字", []),
    ],
}  # fmt: skip


def ensure_starter_attributes() -> None:
    """Create the starter questions where their category exists and they are missing."""
    for category in Category.objects.filter(code__in=STARTER):
        for order, (code, datatype, required, question, how, values) in enumerate(
            STARTER[category.code]
        ):
            ServiceAttribute.objects.get_or_create(
                category=category,
                code=code,
                defaults={
                    "datatype": datatype,
                    "required": required,
                    "description": question,
                    "datatype_description": how,
                    "order": order + 1,
                    "values": [{"key": k, "name": n} for k, n in values],
                },
            )


class InvalidAttribute(ValueError):
    """A value sent for an attribute that the attribute does not accept."""


def _one(attribute: ServiceAttribute, raw: str) -> str:
    """One checked value, returned as the text shown on the case."""
    raw = raw.replace("\x00", "").strip()
    kind = attribute.datatype
    if kind == D.NUMBER:
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= Decimal(10) ** 12:
            raise InvalidAttribute(
                _("attribute[%(code)s] must be a number.") % {"code": attribute.code}
            )
        return str(number)
    if kind == D.DATETIME:
        try:
            moment = parse_datetime(raw)
        except ValueError:
            moment = None
        if moment is None:
            raise InvalidAttribute(
                _("attribute[%(code)s] must be a date and time such as 2026-11-28T08:00:00+08:00.")
                % {"code": attribute.code}
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    limit = MAX_TEXT if kind == D.TEXT else MAX_STRING
    if len(raw) > limit:
        raise InvalidAttribute(
            _("attribute[%(code)s] is longer than %(max)d characters.")
            % {"code": attribute.code, "max": limit}
        )
    return raw


def checked_attributes(category: Category, data) -> list[dict]:
    """The caller's `attribute[CODE]` values for `category`, checked; raises InvalidAttribute.

    `data` is a QueryDict. A multivaluelist arrives as `attribute[CODE][]` (or repeated
    `attribute[CODE]`). The result is what the case keeps: code, question and the answer shown.
    """
    attributes = {a.code: a for a in category.service_attributes.all()}
    sent: dict[str, list[str]] = {}
    for name in data:
        if not name.startswith("attribute["):
            continue
        code = name[len("attribute[") :].split("]", 1)[0]
        if code not in attributes:
            raise InvalidAttribute(_("Unknown attribute: %(code)s") % {"code": code[:40]})
        sent.setdefault(code, []).extend(v for v in data.getlist(name) if v.strip())
    result = []
    for code, attribute in attributes.items():
        values = sent.get(code, [])
        if not attribute.variable:
            continue
        if not values:
            if attribute.required:
                raise InvalidAttribute(
                    _("attribute[%(code)s] is required: %(question)s")
                    % {"code": code, "question": attribute.description}
                )
            continue
        if attribute.datatype in ServiceAttribute.LISTS:
            names = {v["key"]: v["name"] for v in attribute.values}
            if any(v not in names for v in values) or (
                attribute.datatype == D.SINGLE and len(values) > 1
            ):
                raise InvalidAttribute(
                    _("attribute[%(code)s] must be one of: %(keys)s")
                    % {"code": code, "keys": ", ".join(names)}
                )
            shown = "、".join(names[v] for v in dict.fromkeys(values))
        else:
            if len(values) > 1:
                raise InvalidAttribute(_("attribute[%(code)s] takes one value.") % {"code": code})
            shown = _one(attribute, values[0])
        result.append({"code": code, "question": attribute.description, "answer": shown})
    return result
