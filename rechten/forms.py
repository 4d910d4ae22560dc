"""The family's "Help me with this": the question form, with consent to attach the result."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doorverwijzing.forms_intake import IntakeForm


class RightsHelpForm(IntakeForm):
    """Name and a way to reach them; the list goes to the contact point only when they agree."""

    question = forms.CharField(
        label=_("Anything you want to tell us?"),
        max_length=1000,
        required=False,
        help_text=_("A few words are enough."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    best_time = None
    consent = forms.BooleanField(
        label=_("I agree that the contact point sees my answers and this list."),
        error_messages={"required": _("Tick the box if you agree, or call us instead.")},
    )

    def details(self) -> dict:
        return {field: self.cleaned_data[field] for field in ("name", "phone", "email", "language")}
