"""The import pages' forms: they parse what a page posts; the upload, the commit and the columns
matched by hand are checked by the services (``import_upload_request``, ``import_commit_request``,
``import_mapping_request``), which refuse with the catalogue's codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from payung.edge.forms import PageForm, parsed
from payung.imports.models import CommitMode


class UploadForm(PageForm):
    """The programme and, for a village operator's file, the village; the file itself comes in
    ``request.FILES`` (its size is checked by ``payung.files.uploads``)."""

    refusal = _("Choose a programme and a file.")

    programme = forms.Field(required=False)
    village = forms.Field(required=False)

    def clean_programme(self) -> int:
        """The programme's id; not a number (or empty) is refused, and the page asks for one.
        A form posted without the field at all names the programme 0, which is none: the page
        answers 404, as it did before it had a form."""
        value = self.cleaned_data["programme"]
        try:
            return 0 if value is None else int(value)
        except ValueError:
            raise forms.ValidationError(self.refusal, code="invalid") from None

    def clean_village(self) -> str | None:
        """The village code for rows without one; ``None`` when none is chosen."""
        return self.cleaned_data["village"] or None


class CommitForm(forms.Form):
    """How to save a validated import. The mode is passed on as posted: an unknown one is the
    service's refusal (``import.state``); none posted is "only if every row is valid"."""

    mode = forms.Field(required=False)

    def clean_mode(self) -> str:
        mode = self.cleaned_data["mode"]
        return str(CommitMode.ALL_VALID) if mode is None else str(mode)


class DetailForm(forms.Form):
    """The preview's query: ``?refused=all_valid`` after a commit refused because some rows are
    not valid (the page then says why and offers "valid rows only")."""

    refused = forms.Field(required=False)

    def clean_refused(self) -> bool:
        return bool(self.cleaned_data["refused"] == CommitMode.ALL_VALID)


class MappingForm(forms.Form):
    """The field chosen for each column of the file (``col0``, ``col1``, …), passed on as
    chosen: an unknown field or none leaves the column unmatched (the service's rule)."""

    def __init__(self, *args: Any, columns: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(columns):
            self.fields[f"col{index}"] = forms.Field(required=False)

    def columns(self) -> dict[int, str | None]:
        """``{column index: field}``, for ``import_mapping_request``."""
        return {int(name.removeprefix("col")): value for name, value in parsed(self).items()}
