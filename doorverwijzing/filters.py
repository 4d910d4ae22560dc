"""The inbox filters: a bad value in the address is ignored, never an error page."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import OPEN_STATUSES, ReferralStatus, Urgency

OPEN = "open"
STATUS_CHOICES = [(OPEN, _("Still open")), *ReferralStatus.choices]


class ReferralInboxFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("All"), method="filter_status"
    )
    urgency = django_filters.ChoiceFilter(
        label=_("Urgency"), choices=Urgency.choices, empty_label=_("All")
    )
    reference = django_filters.CharFilter(
        label=_("Reference"),
        field_name="public_id",
        lookup_expr="icontains",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    @property
    def qs(self):
        # An invalid value (typed into the address) drops that filter, not the page.
        if not self.is_bound or self.form.is_valid():
            return super().qs
        for name in list(self.form.errors):
            self.form.cleaned_data.pop(name, None)
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset
