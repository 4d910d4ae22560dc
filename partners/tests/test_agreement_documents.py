"""Agreement documents: only the network's coordinators and viewers download them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.choices import Role

from .factories import (
    AgreementFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n<html><script>alert(1)</script>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agreement():
    return AgreementFactory(
        subject="Convenant Wilgendaal 2026",
        document=SimpleUploadedFile("scan 0001 (definitief).PDF", PDF),
    )


def _member(agreement, role: str):
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, role=role, network=agreement.network)
    return user


def test_a_new_upload_gets_a_random_name(agreement):
    assert re.fullmatch(r"agreements/[0-9a-f]{32}\.pdf", agreement.document.name)
    assert "Wilgendaal" not in agreement.document.name and "scan" not in agreement.document.name


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VIEWER])
def test_the_networks_coordinator_and_viewer_download_it(client, agreement, role):
    client.force_login(_member(agreement, role))
    response = client.get(agreement.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == (
        'attachment; filename="convenant-wilgendaal-2026.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_an_outsider_gets_404(client, agreement):
    other_network = NetworkFactory()
    outsider = UserFactory(is_staff=True)
    MembershipFactory(user=outsider, role=Role.COORDINATOR, network=other_network)
    client.force_login(outsider)
    assert client.get(agreement.document.url).status_code == 404


def test_a_partner_editor_of_a_partner_in_it_gets_404(client, agreement):
    partner = OrganisationFactory(networks=[agreement.network])
    agreement.partners.add(partner)
    editor = UserFactory(is_staff=True)
    MembershipFactory(user=editor, role=Role.PARTNER_EDITOR, organisation=partner)
    client.force_login(editor)
    assert client.get(agreement.document.url).status_code == 404


def test_anonymous_is_sent_to_the_login(client, agreement):
    response = client.get(agreement.document.url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_an_unknown_or_empty_name_is_404(client, agreement):
    client.force_login(_member(agreement, Role.COORDINATOR))
    AgreementFactory(network=agreement.network)  # no document
    url = agreement.document.url
    assert (
        client.get(url.replace(agreement.document.name, "agreements/bestaat-niet.pdf")).status_code
        == 404
    )
    assert client.get(url.replace(agreement.document.name, "")).status_code == 404


def test_a_file_missing_on_disk_is_404_not_500(client, agreement):
    client.force_login(_member(agreement, Role.COORDINATOR))
    agreement.document.storage.delete(agreement.document.name)
    assert client.get(agreement.document.url).status_code == 404


def test_the_files_address_is_the_checking_view_not_media(agreement):
    assert not agreement.document.url.startswith("/media/")
    assert agreement.document.url.endswith(f"/overeenkomsten/{agreement.document.name}")


def test_the_admin_links_to_the_checking_view(client, agreement):
    client.force_login(_member(agreement, Role.COORDINATOR))
    response = client.get(f"/admin/partners/agreement/{agreement.pk}/change/")
    assert response.status_code == 200
    assert f'href="{agreement.document.url}"' in response.content.decode()
