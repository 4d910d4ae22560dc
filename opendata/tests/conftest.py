import pytest


@pytest.fixture
def demo_catalogue(db):
    """The whole demo network and catalogue, as a visitor of the demo site sees it."""
    from aanbod.demo import load as load_offers
    from partners.demo import load as load_network

    load_network()
    load_offers()
