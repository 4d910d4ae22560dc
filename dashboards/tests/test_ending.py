import datetime as dt

import pytest
from django.core import mail

from aanbod.tests.factories import OfferFactory
from dashboards.ending import ending_notices_plan, ending_notices_send_due
from dashboards.models import EndingNotice
from partners.tests.factories import AgreementFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)


def test_coordinators_hear_once_three_months_before_an_agreement_or_money_ends(cast, network):
    AgreementFactory(
        network=network, subject="Convenant pamperbank", end=TODAY + dt.timedelta(days=85)
    )
    AgreementFactory(network=network, subject="Nog ver weg", end=TODAY + dt.timedelta(days=200))
    OfferFactory(
        organisation=OrganisationFactory(networks=[network]),
        networks=[network],
        title="Speelcafé",
        funding_source="Kinderarmoedefonds",
        funding_ends=TODAY + dt.timedelta(days=60),
        indexed=False,
    )
    assert ending_notices_send_due(today=TODAY) == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert any("Convenant pamperbank" in s for s in subjects)
    assert any("Kinderarmoedefonds" in s for s in subjects)
    # The coordinator only: not the network's viewer or partners, nor the far coordinator.
    assert all(message.to == [cast.coordinator.email] for message in mail.outbox)
    # The next day's scan sends nothing again.
    assert ending_notices_send_due(today=TODAY + dt.timedelta(days=1)) == 0
    ending_notices_plan(today=TODAY)
    assert EndingNotice.objects.count() == 2


def test_a_prolonged_agreement_gets_a_new_notice(cast, network):
    agreement = AgreementFactory(network=network, end=TODAY + dt.timedelta(days=30))
    ending_notices_send_due(today=TODAY)
    agreement.end = TODAY + dt.timedelta(days=80)
    agreement.save(update_fields=["end"])
    assert ending_notices_send_due(today=TODAY) == 1
