"""The filter of Mijn aanbod (django-filter): the declaration, its validation and its form
in one place. A status that does not exist shows every offer: a bad address is no error."""

import django_filters

from .choices import OfferStatus
from .models import Offer


class MineFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=OfferStatus.choices)

    class Meta:
        model = Offer
        fields = ["status"]

    def chosen_status(self) -> str:
        """The status the list shows ('' for all), after validation."""
        return self.form.cleaned_data.get("status") or "" if self.is_valid() else ""
