from typing import Any

from django import forms

class MoveNodeForm(forms.ModelForm[Any]): ...

def movenodeform_factory(model: Any, form: Any = ..., **kwargs: Any) -> type[MoveNodeForm]: ...
