"""'Keep me posted': an address, a municipality, a language and the children's birth months."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from huisvanhetkind.antispam import HoneypotFormMixin
from huisvanhetkind.public_forms import PublicFormMixin
from partners.models import Municipality

from .subscriptions import MAX_CHILDREN

BAD_MONTH = _("Write the month like 2025-03 (year-month)")


def parse_month(value: str) -> dt.date | None:
    """'2025-03' (what a month field sends) or '03/2025' (typed by hand)."""
    value = (value or "").strip()
    for pattern in ("%Y-%m", "%m/%Y", "%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-03"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        month = parse_month(value)
        today = timezone.localdate()
        if month is None:
            raise forms.ValidationError(BAD_MONTH)
        if not (today.year - 19 <= month.year and month <= today + dt.timedelta(days=300)):
            raise forms.ValidationError(
                _("Give a month from the last 18 years, or the expected month.")
            )
        return month


class SubscriptionForm(HoneypotFormMixin, PublicFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        error_messages={
            "required": _("Fill in your e-mail address"),
            "invalid": _("Fill in an e-mail address like name@example.be"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Municipality.objects.filter(networks__isnull=False).distinct(),
        error_messages={"required": _("Choose your municipality")},
    )
    language = forms.ChoiceField(label=_("In which language do you want the mail?"))
    child_1 = MonthField(
        label=_("Birth month of your child (or the expected month)"),
        help_text=_("Year and month, for example 2025-03."),
        error_messages={"required": _("Give the birth month of your child")},
    )
    child_2 = MonthField(label=_("Birth month of another child"), required=False)
    child_3 = MonthField(label=_("Birth month of another child"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
        self.fields["website"] = self.fields.pop("website")

    def birth_months(self) -> list[dt.date]:
        months = [self.cleaned_data.get(f"child_{n}") for n in range(1, MAX_CHILDREN)]
        return [month for month in months if month]
