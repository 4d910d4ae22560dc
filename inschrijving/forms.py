"""The family's registration form (short: the minimum), and the partner's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from huisvanhetkind.antispam import HoneypotFormMixin
from huisvanhetkind.public_forms import PublicFormMixin

from .choices import AGE_BAND_LABELS, AGE_BAND_MONTHS
from .models import CHILDREN_FIELDS, RegistrationList
from .services import MAX_CHILDREN

NO_WAY_TO_REACH = _("Fill in your phone number or e-mail address, so we can reach you")


def bands_for_offer(offer) -> list[str]:
    """The age bands an offer's ages overlap (pregnancy counts as 0-3); every band when open."""
    ages = offer.age_months
    if ages is None or getattr(ages, "isempty", False):
        return list(AGE_BAND_MONTHS)
    low = ages.lower if ages.lower is not None else -1000
    high = ages.upper if ages.upper is not None else 10_000
    low = max(low, 0) if high > 0 else 0
    high = max(high, 1)
    bands = [band for band, (a, b) in AGE_BAND_MONTHS.items() if low < b and high > a]
    return bands or ["0-3"]


def _number(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_CHILDREN,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "hvhk-input-short"}),
    )


class ChildrenMixin(forms.Form):
    """One number for an offer of one age band; a number per band otherwise."""

    def add_children_fields(self, registration_list: RegistrationList) -> None:
        self.bands = bands_for_offer(registration_list.offer)
        if len(self.bands) == 1:
            field = _number(_("How many children come along?"))
            field.required = True
            field.min_value = 1
            field.initial = 1
            self.fields["children_" + self.bands[0]] = field
        else:
            for band in self.bands:
                self.fields["children_" + band] = _number(
                    _("Children of %(band)s") % {"band": AGE_BAND_LABELS[band]}
                )

    def children_by_band(self) -> dict[str, int]:
        return {band: self.cleaned_data.get("children_" + band) or 0 for band in self.bands}

    def clean(self):
        data = super().clean()
        if hasattr(self, "bands") and not any(data.get("children_" + band) for band in self.bands):
            raise forms.ValidationError(_("Say how many children come along (at least 1)."))
        return data


class RegistrationForm(HoneypotFormMixin, PublicFormMixin, ChildrenMixin):
    not_marked_optional = ("phone", "email")

    name = forms.CharField(
        label=_("Your name or nickname"),
        max_length=100,
        error_messages={"required": _("Fill in a name or nickname")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("We mail you a link to see, change or cancel. No account needed."),
        error_messages={"invalid": _("Fill in an e-mail address like name@example.be")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Or your phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, registration_list: RegistrationList, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_children_fields(registration_list)
        if registration_list.asks_note:
            self.fields["note"] = forms.CharField(
                label=_("Anything we should know? (for example allergies)"),
                max_length=300,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # The honeypot last, after every visible field.
        self.fields["website"] = self.fields.pop("website")

    def clean(self):
        data = super().clean()
        if not data.get("email") and not (data.get("phone") or "").strip():
            self.add_error("email", NO_WAY_TO_REACH)
        return data


class RegistrationChangeForm(ChildrenMixin):
    name = forms.CharField(label=_("Your name or nickname"), max_length=100)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_children_fields(registration.registration_list)
        for band in self.bands:
            self.fields["children_" + band].initial = getattr(registration, CHILDREN_FIELDS[band])
        self.fields["name"].initial = registration.name
        if registration.registration_list.asks_note:
            self.fields["note"] = forms.CharField(
                label=_("Anything we should know? (for example allergies)"),
                max_length=300,
                required=False,
                initial=registration.note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class DeskRegistrationForm(ChildrenMixin):
    """A partner registers a family at the desk or on the phone."""

    name = forms.CharField(label=_("Name or nickname"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)

    def __init__(self, *args, registration_list: RegistrationList, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_children_fields(registration_list)

    def clean(self):
        data = super().clean()
        if not data.get("email") and not (data.get("phone") or "").strip():
            self.add_error("phone", NO_WAY_TO_REACH)
        return data


class RegistrationListForm(forms.ModelForm):
    class Meta:
        model = RegistrationList
        fields = ["occurrence", "capacity", "waiting_list", "closes_at", "asks_note"]
        widgets = {
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "capacity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }

    def __init__(self, *args, offer, now, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["occurrence"]
        # Only dates without a list: choosing one that has a list would meet the database
        # constraint, whose message names the constraint instead of the date.
        field.queryset = offer.occurrences.filter(
            starts_at__gt=now, cancelled=False, registration_lists__isnull=True
        ).order_by("starts_at")
        field.empty_label = _("All dates (a series)")
        field.label = _("For which date?")
        field.required = False
        self.fields["closes_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["capacity"].min_value = 1
