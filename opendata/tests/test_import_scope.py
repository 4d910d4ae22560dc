"""An import changes only offers the importer may edit, as the offer form would, and keeps
links that are not web or mail addresses out of the public page and the API."""

import json

import pytest

from aanbod.choices import OfferStatus
from aanbod.tests.factories import OfferFactory
from opendata.models import ImportStatus
from opendata.offer_import import offer_import_run, offer_import_start, preview_counts
from opendata.spreadsheet import spreadsheet_preview
from opendata.uitdatabank import read_documents, uit_preview
from partners.tests.factories import OrganisationFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer_only_in_b(cast):
    """A partner in the cast's two networks, with an offer only in the far one; the
    importer is the cast's coordinator (of the near one)."""
    a, b = cast.network, cast.far_network
    shared = OrganisationFactory(networks=[a, b])
    offer = OfferFactory(
        indexed=False, organisation=shared, networks=[b], status=OfferStatus.PUBLISHED
    )
    return a, shared, offer, staff(cast.coordinator)


def _csv(offer) -> bytes:
    return f"slug,title,summary\n{offer.slug},Overschreven,Zonder nazicht\n".encode()


def test_the_preview_refuses_an_offer_the_importer_may_not_edit(offer_only_in_b):
    _a, shared, offer, coordinator_a = offer_only_in_b
    preview = spreadsheet_preview(_csv(offer), "aanbod.csv")
    preview_counts(preview, source="spreadsheet", organisation=shared, actor=coordinator_a)
    assert not preview.acceptable
    assert offer.slug in preview.errors[0]


def test_the_run_checks_again_and_changes_nothing(offer_only_in_b):
    a, shared, offer, coordinator_a = offer_only_in_b
    preview = spreadsheet_preview(_csv(offer), "aanbod.csv")
    preview_counts(preview, source="spreadsheet", organisation=shared)  # no actor: unchecked
    run = offer_import_start(
        preview=preview,
        kind="spreadsheet",
        organisation=shared,
        network=a,
        actor=coordinator_a,
        file_name="aanbod.csv",
    )
    run = offer_import_run(run_id=run.pk)
    assert run.status == ImportStatus.FAILED and offer.slug in run.error
    offer.refresh_from_db()
    assert offer.title != "Overschreven" and list(offer.networks.all()) != [a]


def test_a_booking_link_that_is_no_web_address_is_left_out():
    document = {
        "@id": "https://io.uitdatabank.be/event/0f4ea9ad-3681-4f3b-adc2-4b8b00dd8451",
        "@type": "Event",
        "name": {"nl": "Voorleesuur"},
        "calendarType": "permanent",
        "bookingInfo": {"url": "javascript:alert(1)", "email": "niet-een-adres", "phone": "09"},
    }
    preview = uit_preview(read_documents(json.dumps([document]).encode()))
    (row,) = preview.rows
    assert "url" not in row.fields and "email" not in row.fields
    assert row.fields["phone"] == "09"
    assert "javascript" not in json.dumps(row.texts)
