"""The filters of Mijn aanbod and of the coordinator's review list (django-filter): the
declarations, their validation and their forms in one place. A status that does not exist
shows every offer on Mijn aanbod: a bad address is no error there."""

import django_filters
from django.utils.translation import gettext_lazy as _

from huisvanhetkind.permissions import coordinated_network_ids
from partners.models import Network, Organisation

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


NEW, CHANGED = "new", "changed"


class ReviewFilterSet(django_filters.FilterSet):
    """Offers waiting for a coordinator: of one network (for a coordinator of several), of
    one partner, new ones or changes to offers parents already find.

    The choices are the reviewer's own: their networks, and the partners with an offer
    waiting in the queryset given (the selector's, already scoped). Another network or
    partner is an error beside the field, and that filter is left out: the list never
    reaches beyond the reviewer's networks.
    """

    netwerk = django_filters.ModelChoiceFilter(
        label=_("Network"),
        field_name="networks",
        to_field_name="slug",
        queryset=Network.objects.none(),
        empty_label=_("All"),
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        field_name="organisation",
        to_field_name="slug",
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("What is new"),
        choices=[(NEW, _("New offer")), (CHANGED, _("Change to a published offer"))],
        empty_label=_("All"),
        method="filter_kind",
    )

    class Meta:
        model = Offer
        fields = ["netwerk", "partner", "kind"]

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        networks = coordinated_network_ids(user)
        if len(networks) > 1:
            self.filters["netwerk"].queryset = Network.objects.filter(id__in=networks).order_by(
                "name"
            )
        else:  # one network: nothing to choose
            del self.filters["netwerk"]
        self.filters["partner"].queryset = Organisation.objects.filter(
            id__in=self.queryset.values("organisation_id")
        ).order_by("name")

    def filter_kind(self, queryset, name, value):
        # An offer that was published before comes back for review when an import changed it.
        return queryset.filter(published_at__isnull=value == NEW)
