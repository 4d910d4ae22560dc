"""Forms of 'no wrong door': forward a referral, and the referrer's answer for the family."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ConsentMethod, ForwardingBasis


class ForwardForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Forward to"),
        queryset=None,
        help_text=_("Also an organisation of another network, e.g. when the family moves."),
    )
    reason = forms.CharField(
        label=_("Why they are the better place"),
        max_length=200,
        help_text=_("E.g. 'debt counselling is their work'. No personal data."),
    )
    basis = forms.ChoiceField(
        label=_("The family's consent"), choices=ForwardingBasis.choices, widget=forms.RadioSelect
    )
    consent_given_by = forms.CharField(
        label=_("Who gave consent?"),
        max_length=100,
        required=False,
        help_text=_("Only when the family told you they agree."),
    )
    consent_method = forms.ChoiceField(
        label=_("How?"),
        choices=ConsentMethod.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = targets

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("basis") == ForwardingBasis.FAMILY_AGREED:
            if not cleaned.get("consent_given_by"):
                self.add_error("consent_given_by", _("Say who gave consent."))
            if not cleaned.get("consent_method"):
                self.add_error("consent_method", _("Say how consent was given."))
        return cleaned


class ForwardingConsentForm(forms.Form):
    consent_given_by = forms.CharField(label=_("Who gave consent?"), max_length=100)
    consent_method = forms.ChoiceField(
        label=_("How?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
