"""Bad input never becomes a 500: NUL bytes anywhere in a request are refused with a 400."""

import pytest

from partners.tests.factories import LocationFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# PostgreSQL refuses NUL in text ("A string literal cannot contain NUL characters"), so a
# NUL that reaches a query is a 500; every public entry point that reads a parameter.
PUBLIC_URLS_WITH_NUL = [
    "/nl/stel-je-vraag/?netwerk=a%00b",
    "/nl/signaal/?netwerk=%00",
    "/nl/aanbod/?q=slaap%00",
    "/nl/aanbod/?plaats=%00",
    "/nl/agenda/?q=%00",
    "/nl/aanbod/flyer/?q=%00",
    "/nl/lijstje/delen/?ids=%00",
    "/nl/aanbod/ab%00c/",
    "/nl/partners/%00/",
    "/nl/account/login/?next=%00",
]


@pytest.fixture
def network():
    network = NetworkFactory(slug="scheldevallei")
    network.organiser = OrganisationFactory(networks=[network])
    network.save()
    LocationFactory(organisation=network.organiser, network=network)
    return network


@pytest.mark.parametrize("url", PUBLIC_URLS_WITH_NUL)
def test_nul_byte_in_a_public_url_answers_400(client, network, url):
    assert client.get(url).status_code == 400


def test_nul_byte_in_posted_form_data_answers_400(client, network):
    response = client.post(
        "/nl/stel-je-vraag/?netwerk=scheldevallei",
        {
            "name": "Sam\x00ira",
            "phone": "0470 98 76 54",
            "question": "Slaapt slecht",
            "website": "",
        },
    )
    assert response.status_code == 400


def test_nul_byte_in_the_login_form_answers_400(client, network):
    response = client.post("/nl/account/login/", {"login": "a\x00@example.be", "password": "x"})
    assert response.status_code == 400


def test_ordinary_requests_pass(client, network):
    assert client.get("/nl/stel-je-vraag/?netwerk=scheldevallei").status_code == 200
