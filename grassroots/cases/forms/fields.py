"""The photo input every form with photos shares (the case's, and governance's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.cases.models import PHOTOS_MAX

PHOTO_TYPES = "image/jpeg,image/png,image/webp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos in one input; the photo module checks what they really are."""

    def __init__(self, *args, **kwargs):
        attrs = {"accept": PHOTO_TYPES, "capture": "environment"}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > PHOTOS_MAX:
            raise forms.ValidationError(
                _("At most %(max)d photos can be attached.") % {"max": PHOTOS_MAX}
            )
        return [super(MultipleFileField, self).clean(f, initial) for f in files]
