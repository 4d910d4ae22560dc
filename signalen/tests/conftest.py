import pytest

from partners.choices import Role
from partners.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

from .factories import coordinator_of


@pytest.fixture
def network(db):
    network = NetworkFactory(slug="scheldevallei-test")
    network.municipalities.set([MunicipalityFactory(name="Berkhove")])
    return network


@pytest.fixture
def cast(network):
    """coordinator, worker (social worker of a partner), outsider (coordinator elsewhere)."""
    organisation = OrganisationFactory(networks=[network])
    worker = UserFactory()
    MembershipFactory(user=worker, role=Role.SOCIAL_WORKER, organisation=organisation)
    return {
        "coordinator": coordinator_of(network),
        "worker": worker,
        "organisation": organisation,
        "outsider": coordinator_of(NetworkFactory()),
    }
