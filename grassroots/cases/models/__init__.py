"""The cases app's models, by sub-domain: configuration (`reference`), the case with its
timeline (`case`), and who takes it (`taking`)."""

from grassroots.cases.models.case import DESCRIPTION_MAX, PHOTOS_MAX, Case, Event, Photo
from grassroots.cases.models.reference import Category, DeadlinePolicy, RateFormula
from grassroots.cases.models.taking import Assignment, Extension, Supervision, TransferCard

__all__ = [
    "DESCRIPTION_MAX",
    "PHOTOS_MAX",
    "Assignment",
    "Case",
    "Category",
    "DeadlinePolicy",
    "Event",
    "Extension",
    "Photo",
    "RateFormula",
    "Supervision",
    "TransferCard",
]
