import pytest


@pytest.fixture
def demo_catalogue(db, demo_network):
    """The whole demo network and catalogue, as a visitor of the demo site sees it."""
