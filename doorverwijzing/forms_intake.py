"""Forms of 'Stel je vraag': the family's public form and the worker's 'turn into a referral'."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from huisvanhetkind.antispam import HoneypotFormMixin
from huisvanhetkind.public_forms import PublicFormMixin
from partners.models import Organisation

from .choices import OTHER_LANGUAGE, ContactPreference
from .forms import ReferralForm
from .models import IntakeRequest


def _language_choices() -> list[tuple[str, str]]:
    # Each language in its own name: a parent recognises "العربيّة", not "Arabisch".
    return [
        (code, get_language_info(code)["name_local"]) for code, _name in settings.ALL_LANGUAGES
    ] + [(OTHER_LANGUAGE, _("Another language (tell us which in your question)"))]


NO_WAY_TO_REACH = _("Fill in your phone number or e-mail address so we can reach you")


class IntakeForm(HoneypotFormMixin, PublicFormMixin, forms.Form):
    """What a family fills in: short, in plain words, nothing we do not need."""

    not_marked_optional = ("phone", "email")

    name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        error_messages={"required": _("Fill in your first name")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        error_messages={"invalid": _("Fill in an e-mail address like name@example.be")},
        help_text=_("Give a phone number, an e-mail address, or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("In which language do you want to talk?"),
        error_messages={"required": _("Choose the language you want to talk in")},
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=1000,
        error_messages={"required": _("Write your question in a few words")},
        help_text=_("A few sentences are enough. You can tell more when we talk."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    best_time = forms.CharField(
        label=_("When can we call you best?"),
        max_length=100,
        required=False,
        help_text=_("For example: Tuesday after 4 pm."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", NO_WAY_TO_REACH)
        return cleaned

    def details(self) -> dict:
        return {
            field: self.cleaned_data[field]
            for field in ("name", "phone", "email", "language", "question", "best_time")
        }


class IntakeReferralForm(ReferralForm):
    """The referral form, filled in from the family's question: the contact point refers."""

    def __init__(self, *args, receiving, **kwargs):
        super().__init__(
            *args, referring=Organisation.objects.none(), receiving=receiving, **kwargs
        )
        for field in ("referring_organisation", "offer_id", "made_by_phone"):
            del self.fields[field]

    @staticmethod
    def initial_from(intake: IntakeRequest) -> dict:
        """Prefill from the question, server-side: personal data never travels in a URL."""
        language = intake.language if intake.language != OTHER_LANGUAGE else "nl"
        return {
            "family_name": intake.name,
            "family_phone": intake.phone,
            "family_email": intake.email,
            "question": intake.question,
            "language": language,
            "contact_preference": ContactPreference.PHONE
            if intake.phone
            else ContactPreference.EMAIL,
        }
