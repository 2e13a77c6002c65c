"""Choosing who takes a case: the dispatch form with suggested takers first, and bulk dispatch.

A taker is written as "<kind>:<pk>" (unit, team or member) so that one <select> can offer units,
volunteer teams and party members at once, each kind in its own group.
"""

from typing import cast

from django import forms
from django.db.models import Case as SqlCase
from django.db.models import IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import selectors, services
from grassroots.cases.errors import FORBIDDEN, CaseRefused
from grassroots.cases.models import Case, TransferCard
from grassroots.cases.permissions import COMMUNITY_ROLES, cases_visible_to
from grassroots.core.masking import mask_mobile
from grassroots.party.models import PartyMember
from grassroots.units.models import Unit
from grassroots.units.selectors import units_serving
from grassroots.volunteering.models import Team

TAKER_KINDS: dict[str, type[Unit] | type[Team] | type[PartyMember]] = {
    "unit": Unit,
    "team": Team,
    "member": PartyMember,
}
BULK_MAX = 100  # more ticks than three pages of a queue is a forged request


def _prefix(case: Case, level: str) -> str:
    """The path of the case's community or compound in the area tree."""
    return Area.cut(case.area.path, level)


def taker_key(taker) -> str:
    kind = next(k for k, model in TAKER_KINDS.items() if isinstance(taker, model))
    return f"{kind}:{taker.pk}"


def taker_from_key(key: str):
    """The unit, team or party member a "<kind>:<pk>" choice stands for, or None."""
    kind, _sep, pk = (key or "").partition(":")
    if kind not in TAKER_KINDS or not pk.isdigit():
        return None
    return TAKER_KINDS[kind].objects.filter(pk=int(pk)).first()


def lead_choices(case: Case, *, find: str = "") -> tuple[list[Unit], list]:
    """The paired units, and grouped taker choices: paired units (包联单位) first, then other
    units, the community's volunteer teams and the party members living in the compound (names
    only, mobile masked). `find` narrows the other units by name."""
    paired = selectors.paired_units(case)
    others = units_serving(case.area).exclude(pk__in=[u.pk for u in paired]).order_by("name")
    if find:
        others = others.filter(name__contains=find)
    teams = Team.objects.filter(community__path=_prefix(case, Area.Level.COMMUNITY))
    members = PartyMember.objects.filter(
        home_compound__path=_prefix(case, Area.Level.COMPOUND)
    ).select_related("person")
    groups = [
        (_("Paired units (包联单位) — suggested"), [(taker_key(u), u.name) for u in paired]),
        (_("Other units"), [(taker_key(u), u.name) for u in others]),
        (
            _("Volunteer teams of the community"),
            [(taker_key(t), t.name) for t in teams.order_by("name")],
        ),
        (
            _("Party members living in the compound"),
            [
                (taker_key(m), f"{m.person.name} {mask_mobile(m.person.mobile)}".strip())
                for m in members.order_by("person__name", "pk")
            ],
        ),
    ]
    return paired, [(label, options) for label, options in groups if options]


def offered_lead(case: Case, key: str):
    """The taker a "<kind>:<pk>" choice names (a bare number is a unit), if the dispatch form
    offers it for the case, else None."""
    key = f"unit:{key}" if key.isdigit() else key
    _paired, groups = lead_choices(case)
    offered = {k for _label, options in groups for k, _name in options}
    return taker_from_key(key) if key in offered else None


def units_paired_first(case: Case) -> list[tuple]:
    """Units to summon, paired (包联) with the case's place first; its takers are left out."""
    paired = [u.pk for u in selectors.paired_units(case)]
    first = SqlCase(
        When(pk__in=paired, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    taking = case.assignments.filter(active=True).exclude(unit=None).values("unit_id")
    units = (
        units_serving(case.area)
        .exclude(pk__in=taking)
        .annotate(first=first)
        .order_by("first", "name")
        .values_list("pk", "name")
    )
    groups: dict[str, list] = {}
    for pk, name in units:
        label = str(_("Paired units (包联)") if pk in paired else _("Other units"))
        groups.setdefault(label, []).append((pk, name))
    return list(groups.items())


class TakerField(forms.ChoiceField):
    """A "<kind>:<pk>" choice; a bare number is read as a unit, as older forms posted it."""

    def to_python(self, value):
        value = super().to_python(value)
        return f"unit:{value}" if value.isdigit() else value


class DispatchForm(forms.Form):
    """吹哨派单: one lead taker (required), co-handling units, complexity and a note."""

    lead = TakerField(
        label=gettext_lazy("Lead taker"),
        error_messages={"required": gettext_lazy("Choose the lead taker.")},
    )
    co_handlers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Co-handling units"),
        queryset=Unit.objects.none(),  # the units serving the case, set per case
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=gettext_lazy("Hold Ctrl (or long-press on a phone) to choose several."),
    )
    complex = forms.BooleanField(label=gettext_lazy("Complex (15 working days)"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case: Case, find: str = "", **kwargs):
        kwargs.setdefault("initial", {"complex": case.complex})
        super().__init__(*args, **kwargs)
        self.case = case
        self.suggested, groups = lead_choices(case, find="" if self.is_bound else find)
        lead = cast(forms.ChoiceField, self.fields["lead"])
        lead.choices = [("", _("Choose the lead taker")), *groups]
        co = cast(forms.ModelMultipleChoiceField, self.fields["co_handlers"])
        co.queryset = units_serving(case.area).order_by("name")

    def clean_lead(self):
        # Only what the form offered: the units serving the case, the community's teams and
        # the members living in the compound.
        key = self.cleaned_data["lead"]
        offered = {k for _label, options in self.fields["lead"].choices[1:] for k, _n in options}
        taker = taker_from_key(key) if key in offered else None
        if taker is None:
            raise forms.ValidationError(_("Choose the lead taker."))
        return taker

    def clean_co_handlers(self) -> list[Unit]:
        return list(self.cleaned_data["co_handlers"])


def dispatched_message(card: TransferCard | None):
    """The success message; a transfer card (事项转批卡) is named and linked for printing."""
    if card is None:
        return _("Dispatched.")
    return format_html(
        '{} <a href="{}">{}</a>',
        _("Dispatched with transfer card %(n)s.") % {"n": card.number},
        reverse("cases:card", args=[card.pk]),
        _("Print the transfer card"),
    )


class CaseIdsField(forms.Field):
    """The ticked case checkboxes: distinct ids in the order ticked."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        ids = [int(v) for v in value or [] if str(v).isdigit()]
        return list(dict.fromkeys(ids))[:BULK_MAX]


class BulkDispatchForm(forms.Form):
    """Dispatch every ticked case of the 待派单 queue to one lead unit: a unit serving the
    areas the dispatcher runs (each case is checked again by the service)."""

    lead = forms.ModelChoiceField(
        label=gettext_lazy("Dispatch the ticked cases to"),
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("Choose the lead unit"),
        error_messages={"required": gettext_lazy("Choose the lead unit.")},
    )
    case = CaseIdsField(
        required=True, error_messages={"required": gettext_lazy("Tick at least one case.")}
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        lead = cast(forms.ModelChoiceField, self.fields["lead"])
        lead.queryset = units_for_dispatcher(actor).order_by("name")


def units_for_dispatcher(actor):
    """The units that serve some area the actor dispatches in: those areas' counties' and the
    city's."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return Unit.objects.all()
    paths = {p for root in scope.area_paths(COMMUNITY_ROLES) for p in serving_paths_of(root)}
    inside = scope.area_q("area__path", roles=COMMUNITY_ROLES)
    return Unit.objects.filter(Q(area__path__in=paths) | inside)


def serving_paths_of(path: str) -> list[str]:
    return [path[:n] for n in range(Area.steplen, len(path) + 1, Area.steplen)]


def dispatch_many(*, actor, ids: list[int], lead: Unit) -> tuple[int, list[str]]:
    """Dispatch each case to `lead` through the service; a refusal is noted and the rest go on.

    Cases the actor cannot see are refused without being touched, named only by the number sent.
    """
    visible = cases_visible_to(actor).filter(pk__in=ids).select_related("area", "category")
    found = {case.pk: case for case in visible}
    done, refusals = 0, []
    for pk in ids:
        case = found.get(pk)
        try:
            if case is None:
                raise CaseRefused("forbidden", FORBIDDEN)
            services.dispatch_case(actor=actor, case=case, lead=lead)
            done += 1
        except CaseRefused as refused:
            name = case.reference if case else f"#{pk}"
            refusals.append(f"{name}: {refused.message}")
    return done, refusals
