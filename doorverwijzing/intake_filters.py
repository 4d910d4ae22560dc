"""The filter of the contact point's inbox (django-filter): the declaration, its validation
and its form in one place. Without a status the inbox shows what is still to do; a status
that does not exist shows every question (a bad address is no error)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import OPEN_INTAKE_STATUSES, IntakeStatus
from .models import IntakeRequest

STILL_TO_DO, ALL = "open", "all"


class IntakeInboxFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[(STILL_TO_DO, _("Still to do")), (ALL, _("All")), *IntakeStatus.choices],
        empty_label=None,
        label=_("Status"),
        method="filter_status",
    )

    class Meta:
        model = IntakeRequest
        fields = ["status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = STILL_TO_DO
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == STILL_TO_DO:
            return queryset.filter(status__in=OPEN_INTAKE_STATUSES)
        if value in IntakeStatus.values:
            return queryset.filter(status=value)
        return queryset
