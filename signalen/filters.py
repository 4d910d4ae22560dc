"""Which network a coordinator's signal pages show (django-filter): the declaration, its
validation and the 404 in one place. ?netwerk=<slug> picks one of the user's networks;
without it the first; a slug that is not theirs is the same 404 as one that does not exist."""

import django_filters
from django.http import Http404

from partners.models import Network


class NetworkChoiceFilterSet(django_filters.FilterSet):
    """Filters the user's networks (the queryset given) by the `netwerk` slug."""

    netwerk = django_filters.CharFilter(field_name="slug")

    class Meta:
        model = Network
        fields = ["netwerk"]

    def network(self) -> Network:
        network = self.qs.first()
        if network is None:
            raise Http404
        return network
