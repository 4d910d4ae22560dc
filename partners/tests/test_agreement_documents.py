"""Agreement documents: only the network's coordinators and viewers download them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .factories import AgreementFactory, staff

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n<html><script>alert(1)</script>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py) with staff accounts, as their invitations give them."""
    staff(cast.coordinator, cast.far_coordinator, cast.viewer, cast.owner, cast.outsider)
    return cast


@pytest.fixture
def agreement(cast):
    """An agreement of the cast's network with the cast's organisation as a partner."""
    agreement = AgreementFactory(
        network=cast.network,
        subject="Convenant Wilgendaal 2026",
        document=SimpleUploadedFile("scan 0001 (definitief).PDF", PDF),
    )
    agreement.partners.add(cast.organisation)
    return agreement


def test_a_new_upload_gets_a_random_name(agreement):
    assert re.fullmatch(r"agreements/[0-9a-f]{32}\.pdf", agreement.document.name)
    assert "Wilgendaal" not in agreement.document.name and "scan" not in agreement.document.name


@pytest.mark.parametrize("person", ["coordinator", "viewer"])
def test_the_networks_coordinator_and_viewer_download_it(client, cast, agreement, person):
    client.force_login(cast[person])
    response = client.get(agreement.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == (
        'attachment; filename="convenant-wilgendaal-2026.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("person", ["far_coordinator", "outsider", "social_worker"])
def test_an_outsider_gets_404(client, cast, agreement, person):
    client.force_login(cast[person])
    assert client.get(agreement.document.url).status_code == 404


def test_a_partner_editor_of_a_partner_in_it_gets_404(client, cast, agreement):
    assert cast.organisation in agreement.partners.all()
    client.force_login(cast.owner)
    assert client.get(agreement.document.url).status_code == 404


def test_anonymous_is_sent_to_the_login(client, agreement):
    response = client.get(agreement.document.url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_an_unknown_or_empty_name_is_404(client, cast, agreement):
    client.force_login(cast.coordinator)
    AgreementFactory(network=agreement.network)  # no document
    url = agreement.document.url
    assert (
        client.get(url.replace(agreement.document.name, "agreements/bestaat-niet.pdf")).status_code
        == 404
    )
    assert client.get(url.replace(agreement.document.name, "")).status_code == 404


def test_a_file_missing_on_disk_is_404_not_500(client, cast, agreement):
    client.force_login(cast.coordinator)
    agreement.document.storage.delete(agreement.document.name)
    assert client.get(agreement.document.url).status_code == 404


def test_the_files_address_is_the_checking_view_not_media(agreement):
    assert not agreement.document.url.startswith("/media/")
    assert agreement.document.url.endswith(f"/overeenkomsten/{agreement.document.name}")


def test_the_admin_links_to_the_checking_view(client, cast, agreement):
    client.force_login(cast.coordinator)
    response = client.get(f"/admin/partners/agreement/{agreement.pk}/change/")
    assert response.status_code == 200
    assert f'href="{agreement.document.url}"' in response.content.decode()
