"""The forms of the pages composed at the top (``people.py``)."""

from __future__ import annotations

from django import forms
from django.conf import settings


class PersonCheckForm(forms.Form):
    """What the data-entry form holds while it is typed, for the live checks: each value is
    passed on as typed (or absent, ``None``) and the domain's readers judge it (``parse_nik``,
    ``parse_date``, ``parse_sex``, ``parse_phone``); an unreadable one only leaves its check out.
    The NIK, the name and the mother's name are trimmed."""

    nik = forms.Field(required=False)
    full_name = forms.Field(required=False)
    birth_date = forms.Field(required=False)
    sex = forms.Field(required=False)
    phone = forms.Field(required=False)
    village = forms.Field(required=False)
    mother_name = forms.Field(required=False)

    def clean_nik(self) -> str:
        return str(self.cleaned_data["nik"] or "").strip()

    def clean_full_name(self) -> str:
        return str(self.cleaned_data["full_name"] or "").strip()

    def clean_mother_name(self) -> str:
        return str(self.cleaned_data["mother_name"] or "").strip()

    def clean_phone(self) -> str:
        return str(self.cleaned_data["phone"] or "")

    def clean_village(self) -> str:
        return str(self.cleaned_data["village"] or "")


class LanguageForm(forms.Form):
    """The language switch in every page's header: a language and where to go back to."""

    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)
