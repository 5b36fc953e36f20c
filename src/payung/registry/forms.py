"""The data-entry form: plain fields; every rule is the domain's (``validate_worker_row``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.domain.headers import Field
from payung.domain.occupations import OCCUPATIONS
from payung.domain.worker_row import HeirRelation


class PersonForm(forms.Form):
    programme = forms.TypedChoiceField(label=_("Programme"), coerce=int, required=False)
    nik = forms.CharField(label="NIK", max_length=32)
    family_card = forms.CharField(
        label=_("Family card number (No. KK)"), max_length=32, required=False
    )
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("L", _("Male")), ("P", _("Female"))])
    birth_place = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    birth_date = forms.CharField(label=_("Date of birth"), help_text="dd-mm-yyyy")
    village = forms.ChoiceField(label=_("Village"))
    hamlet = forms.CharField(label=_("Hamlet (dusun)"), max_length=100, required=False)
    rt = forms.CharField(label="RT", max_length=3, required=False)
    rw = forms.CharField(label="RW", max_length=3, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=24, required=False)
    occupation = forms.ChoiceField(
        label=_("Occupation"), choices=[(o.name_id, o.name_id) for o in OCCUPATIONS]
    )
    monthly_income = forms.CharField(label=_("Monthly income (Rp)"), max_length=20, required=False)
    mother_name = forms.CharField(label=_("Mother's maiden name"), max_length=100, required=False)
    heir_name = forms.CharField(label=_("Heir's name"), max_length=100, required=False)
    heir_relation = forms.ChoiceField(
        label=_("Heir's relation"),
        choices=[("", "—"), *[(r.value, r.value) for r in HeirRelation]],
        required=False,
    )
    heir_nik = forms.CharField(label=_("Heir's NIK"), max_length=32, required=False)
    heir_phone = forms.CharField(label=_("Heir's phone"), max_length=24, required=False)
    decile = forms.TypedChoiceField(
        label=_("DTSEN decile"),
        choices=[("", "—"), *[(str(n), str(n)) for n in range(1, 11)]],
        coerce=int,
        required=False,
        empty_value=None,
    )

    # Form field → domain field; the form's errors are placed by the domain issue's "field".
    FIELDS = {
        "nik": Field.NIK,
        "family_card": Field.KK,
        "full_name": Field.FULL_NAME,
        "sex": Field.SEX,
        "birth_place": Field.BIRTH_PLACE,
        "birth_date": Field.BIRTH_DATE,
        "village": Field.VILLAGE_CODE,
        "hamlet": Field.HAMLET,
        "rt": Field.RT,
        "rw": Field.RW,
        "address": Field.ADDRESS,
        "phone": Field.PHONE,
        "occupation": Field.OCCUPATION,
        "monthly_income": Field.INCOME,
        "mother_name": Field.MOTHER_NAME,
        "heir_name": Field.HEIR_NAME,
        "heir_relation": Field.HEIR_RELATION,
        "heir_nik": Field.HEIR_NIK,
        "heir_phone": Field.HEIR_PHONE,
        "decile": Field.DECILE,
    }

    def domain_values(self) -> dict[Field, object]:
        data = self.cleaned_data
        return {
            field: data.get(name) if data.get(name) not in ("", None) else None
            for name, field in self.FIELDS.items()
        }

    def field_for(self, domain_field: str) -> str | None:
        for name, field in self.FIELDS.items():
            if field.value == domain_field:
                return name
        return None


class PersonEditForm(PersonForm):
    """The data-entry form without the person's identity (NIK, No. KK, sex, birth date, village)
    and programme: those come from the record itself, so the NIK never reaches the browser."""

    IDENTITY = ("programme", "nik", "family_card", "sex", "birth_date", "village")

    # Why the record is corrected: kept with the change in the audit trail, not a domain field.
    reason = forms.CharField(label=_("Reason for the correction"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in self.IDENTITY:
            del self.fields[name]


class SearchForm(forms.Form):
    """The list's search: a name, or a 16-digit NIK (the selector tells them apart). Posted,
    so a NIK never reaches a URL; kept as typed, to show it again."""

    q = forms.CharField(required=False, strip=False)
