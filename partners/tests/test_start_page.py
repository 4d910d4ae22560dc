import datetime as dt

import pytest
from django.utils import timezone

from aanbod.choices import OfferStatus
from aanbod.tests.factories import OfferFactory
from partners.choices import Role
from partners.invitations import role_invite

from .factories import AgreementFactory, OrganisationFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    """The cast's coordinator (conftest.py), with the staff account the invitation gives."""
    return staff(cast.coordinator)


def test_admin_start_page_shows_what_needs_the_coordinator(client, cast, coordinator):
    network = cast.network
    today = timezone.localdate()
    AgreementFactory(
        network=network, subject="Convenant loopt af", end=today + dt.timedelta(days=30)
    )
    AgreementFactory(
        network=cast.far_network, subject="Convenant van elders", end=today + dt.timedelta(days=30)
    )
    OrganisationFactory(name="Partner zonder contact", contact_name="", networks=[network])
    role_invite(actor=coordinator, email="nog-niet@x.be", role=Role.VIEWER, network=network)
    client.force_login(coordinator)
    content = client.get("/admin/").content.decode()
    assert "Convenant loopt af" in content
    assert "Convenant van elders" not in content
    assert "Partner zonder contact" in content
    assert f"nog-niet@x.be — {Role.VIEWER.label} ({network.name}), uitgenodigd op" in content
    assert f"({network.name})</li>" in content.split("Convenant loopt af", 1)[1]


def test_admin_start_page_runs_a_constant_number_of_queries(
    client, cast, coordinator, django_assert_max_num_queries
):
    network = cast.network
    for index in range(15):
        AgreementFactory(network=network, end=timezone.localdate() + dt.timedelta(days=index))
        OrganisationFactory(contact_name="", networks=[network])
        OfferFactory(networks=[network], status=OfferStatus.IN_REVIEW)
        OfferFactory(networks=[network], funding_ends=timezone.localdate())
    client.force_login(coordinator)
    # One query for the five lists of the network (partners), one for the four offer lists
    # (aanbod), one for the rights; none for Django's model permissions (the app list asks
    # the registry only).
    with django_assert_max_num_queries(9):
        assert client.get("/admin/").status_code == 200


def test_admin_start_page_links_the_qr_flyer_of_the_coordinators_network(client, cast, coordinator):
    network = cast.network
    cast.far_network.name = "Ander netwerk"
    cast.far_network.save(update_fields=["name"])
    client.force_login(coordinator)
    content = client.get("/admin/").content.decode()
    flyers = content[content.index('id="flyers"') :]
    flyers = flyers[: flyers.index("</ul>")]
    assert f"/aanbod/flyer/?network={network.pk}" in flyers
    assert "Ander netwerk" not in flyers
    assert client.get(f"/nl/aanbod/flyer/?network={network.pk}").status_code == 200
