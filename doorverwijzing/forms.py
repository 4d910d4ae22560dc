from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from aanbod.models import Offer
from partners.models import Organisation

from .choices import (
    ConsentMethod,
    ContactPreference,
    DeclineReason,
    FirstContactResult,
    Outcome,
    Urgency,
)
from .models import NO_SENSITIVE_DATA_HELP, ReferralMailPreference
from .selectors import offers_to_suggest
from .services import contact_preference_errors

MAX_CHILDREN = 12


class ReferralForm(forms.Form):
    """Everything a warm hand-over needs, in one screen that takes under two minutes."""

    referring_organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none()
    )
    receiving_organisation = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organisation.objects.none()
    )
    offer_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    question = forms.CharField(
        label=_("The question, in a few lines"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=NO_SENSITIVE_DATA_HELP,
    )
    already_done = forms.CharField(
        label=_("What was already done"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=NO_SENSITIVE_DATA_HELP,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    family_name = forms.CharField(
        label=_("Name or initials of the family"),
        max_length=100,
        help_text=_("Initials are enough."),
    )
    family_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    family_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_preference = forms.ChoiceField(
        label=_("How does the first contact happen?"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the family"), choices=settings.ALL_LANGUAGES, initial="nl"
    )
    interpreter_needed = forms.BooleanField(label=_("An interpreter is needed"), required=False)
    children_ages = forms.CharField(
        label=_("Ages of the children"),
        required=False,
        max_length=60,
        help_text=_("In years, separated by commas, e.g. 0, 3, 7."),
    )
    made_by_phone = forms.BooleanField(
        label=_("I already handed the family over by phone; I record it now"), required=False
    )
    consent_given_by = forms.CharField(
        label=_("Who gave consent?"),
        max_length=100,
        help_text=_("E.g. 'the mother' or 'both parents'."),
    )
    consent_method = forms.ChoiceField(
        label=_("How?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    # Unticked until the worker ticks them with the family: consent is given, not presumed.
    share_contact_details = forms.BooleanField(
        label=_("The family agrees that we share their contact details"),
        required=False,
        initial=False,
    )
    share_question = forms.BooleanField(
        label=_("The family agrees that we share the question and what was done"),
        required=False,
        initial=False,
    )
    consent_confirmed = forms.BooleanField(
        label=_("The family knows what I share, with whom, and that they can withdraw."),
    )

    def __init__(self, *args, referring: list, receiving, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referring_organisation"].queryset = referring
        self.fields["receiving_organisation"].queryset = receiving

    def clean_children_ages(self) -> list[int]:
        raw = self.cleaned_data["children_ages"]
        ages = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) > 30:
                raise forms.ValidationError(_("Give ages as whole years, e.g. 0, 3, 7."))
            ages.append(int(part))
        if len(ages) > MAX_CHILDREN:
            raise forms.ValidationError(_("That is more children than we can record."))
        return ages

    def clean(self):
        cleaned = super().clean()
        # The box starts unticked; a form without it (the contact point's) shares them.
        shares = cleaned.get("share_contact_details", "share_contact_details" not in self.fields)
        errors = contact_preference_errors(
            preference=cleaned.get("contact_preference", ""),
            phone=cleaned.get("family_phone", ""),
            email=cleaned.get("family_email", ""),
            shares_contact_details=shares,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned

    def consent(self) -> dict:
        data = self.cleaned_data
        return {
            "given_by": data["consent_given_by"],
            "method": data["consent_method"],
            "share_contact_details": data["share_contact_details"],
            "share_question": data["share_question"],
        }

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            field: data[field]
            for field in (
                "question",
                "already_done",
                "urgency",
                "family_name",
                "family_phone",
                "family_email",
                "contact_preference",
                "language",
                "interpreter_needed",
                "children_ages",
            )
        }


class ReferralStepForm(forms.Form):
    """One step on one referral: some steps offer choices that depend on the referral."""

    def __init__(self, *args, referral=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, offer) -> str:
        return f"{offer.title} — {offer.organisation.name}"


class DeclineForm(ReferralStepForm):
    reason = forms.ChoiceField(
        label=_("Why?"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    suggested_offer = OfferChoiceField(
        label=_("Offer that fits better (optional)"),
        queryset=Offer.objects.none(),
        required=False,
        empty_label=_("No suggestion"),
    )
    remark = forms.CharField(
        label=_("Remark for the referrer"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.referral is not None:
            self.fields["suggested_offer"].queryset = offers_to_suggest(referral=self.referral)


class FirstContactForm(ReferralStepForm):
    result = forms.ChoiceField(
        label=_("What happened?"), choices=FirstContactResult.choices, widget=forms.RadioSelect
    )


class CloseForm(ReferralStepForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    remark = forms.CharField(
        label=_("Remark"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentWithdrawForm(ReferralStepForm):
    """Erasing cannot be undone: the worker confirms explicitly, on a page of its own."""

    confirm = forms.BooleanField(
        label=_(
            "The family withdrew their consent. Erase their personal data now; "
            "this cannot be undone."
        ),
    )


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReferralMailPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
