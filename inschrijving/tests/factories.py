import datetime as dt

from django.utils import timezone

from aanbod.tests.factories import OccurrenceFactory, OfferFactory
from inschrijving import services
from inschrijving.models import RegistrationList
from partners.choices import Role
from partners.tests.factories import MembershipFactory


def keeper(offer):
    """A partner editor of the offer's organisation: who keeps its registration lists."""
    return MembershipFactory(role=Role.PARTNER_EDITOR, organisation=offer.organisation).user


def session_list(
    *, capacity: int = 2, days_ahead: int = 7, offer=None, **fields
) -> RegistrationList:
    """A registration list for one dated activity, `days_ahead` days from now."""
    offer = offer or OfferFactory(indexed=False)
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days_ahead)
    occurrence = OccurrenceFactory(offer=offer, starts_at=starts)
    if "actor" not in fields:
        fields["actor"] = keeper(offer)
    return services.registration_list_open(
        offer=offer, occurrence=occurrence, capacity=capacity, **fields
    )


def register(registration_list, n: int = 1, **fields):
    values = {
        "name": f"Ouder {n}",
        "email": f"ouder{n}@example.be",
        "children_by_band": {"0-3": 1},
        **fields,
    }
    return services.registration_create(registration_list_id=registration_list.pk, **values)
