"""Imports in the admin: upload, preview, refusal of a bad file, confirm, progress; and
offers from a spreadsheet (CSV/XLSX)."""

import io
import json

import pytest
from openpyxl import Workbook

from aanbod.choices import OfferStatus
from aanbod.models import Offer
from aanbod.tests.factories import OfferFactory
from opendata.models import ImportStatus, OfferImport
from opendata.offer_import import offer_import_run, preview_counts
from opendata.spreadsheet import spreadsheet_preview
from partners.tests.factories import LocationFactory, OrganisationFactory, staff

from .test_uitdatabank import documents

pytestmark = pytest.mark.django_db
UPLOAD = "/admin/opendata/offerimport/upload/"


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py) with staff accounts, as their invitations give them."""
    staff(cast.coordinator, cast.owner, cast.viewer)
    return cast


@pytest.fixture
def setup(client, cast):
    """The cast's coordinator logged in, importing for the cast's organisation."""
    client.force_login(cast.coordinator)
    return cast.network, cast.organisation, cast.coordinator


def _file(content: bytes, name: str) -> io.BytesIO:
    data = io.BytesIO(content)
    data.name = name
    return data


def test_upload_preview_confirm_and_progress(client, setup, django_assert_max_num_queries):
    _network, organisation, _coordinator = setup
    body = json.dumps(documents()).encode()
    response = client.post(
        UPLOAD,
        {
            "kind": "uitdatabank",
            "organisation": organisation.pk,
            "file": _file(body, "export.json"),
        },
    )
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.acceptable and preview.new == 5
    assert b"Cursus of workshop" in response.content  # an unmapped term is listed
    assert not OfferImport.objects.exists()  # nothing happens before the confirmation
    confirm = client.post(UPLOAD, {"preview_token": response.context["preview_token"]})
    run = OfferImport.objects.get()
    assert confirm.status_code == 302 and confirm["Location"].endswith(f"/{run.pk}/progress/")
    with django_assert_max_num_queries(15):
        page = client.get(confirm["Location"])
    assert page.status_code == 200 and b"<progress" in page.content
    offer_import_run(run_id=run.pk)
    state = client.get(confirm["Location"] + "?format=json").json()
    assert state == {"status": "done", "done": 5, "total": 5}
    assert Offer.objects.filter(status=OfferStatus.PUBLISHED).count() == 5
    assert client.get(f"/admin/opendata/offerimport/{run.pk}/change/").status_code == 200


def test_a_bad_file_is_refused_whole_with_a_message_per_document(client, setup):
    _network, organisation, _user = setup
    docs = [*documents(), {"name": "zonder id"}]
    response = client.post(
        UPLOAD,
        {
            "kind": "uitdatabank",
            "organisation": organisation.pk,
            "file": _file(json.dumps(docs).encode(), "export.json"),
        },
    )
    assert response.status_code == 200
    assert "Document 7" in response.content.decode()
    assert b'name="preview_token"' not in response.content
    not_json = client.post(
        UPLOAD,
        {
            "kind": "uitdatabank",
            "organisation": organisation.pk,
            "file": _file(b"{", "export.json"),
        },
    )
    assert not_json.status_code == 200 and not_json.context["form"].errors["file"]


def test_only_own_partners_can_be_chosen_and_viewers_are_refused(client, cast, setup):
    network, organisation, _coordinator = setup
    assert cast.other_organisation in network.organisations.all()  # a partner not chosen
    client.force_login(cast.owner)
    response = client.get(UPLOAD)
    assert response.status_code == 200
    assert list(response.context["form"].fields["organisation"].queryset) == [organisation]
    client.force_login(cast.viewer)
    assert client.get(UPLOAD).status_code == 403
    run = OfferImport.objects.create(kind="uitdatabank", organisation=organisation, network=network)
    assert client.get(f"/admin/opendata/offerimport/{run.pk}/progress/").status_code == 404


CSV = (
    "slug;title;title_fr;summary;life_domains;access_type;cost;kansentarief;email;"
    "age_from_months;age_to_months;location\n"
    "babbelcafe;Babbelcafé;Café papote;Samen praten;meeting;walk_in;free;nee;a@b.be;0;36;{loc}\n"
    "bestaand;Nieuwe titel;;Nieuwe zin;Gezondheid;Op afspraak;paid;ja;;;;\n"
)


def test_offers_from_a_csv_and_a_partner_editor_goes_to_review(client, cast, setup):
    network, organisation, _coordinator = setup
    location = LocationFactory(network=network, organisation=organisation)
    OfferFactory(slug="bestaand", organisation=organisation, networks=[network])
    client.force_login(cast.owner)
    data = CSV.format(loc=location.slug).encode()
    response = client.post(
        UPLOAD,
        {"kind": "spreadsheet", "organisation": organisation.pk, "file": _file(data, "aanbod.csv")},
    )
    preview = response.context["preview"]
    assert preview.errors == [] and (preview.new, preview.updated) == (1, 1)
    client.post(UPLOAD, {"preview_token": response.context["preview_token"]})
    run = offer_import_run(run_id=OfferImport.objects.get().pk)
    assert run.status == ImportStatus.DONE, run.error
    new = Offer.objects.get(slug="babbelcafe")
    assert (new.title_fr, new.status) == ("Café papote", OfferStatus.IN_REVIEW)
    assert list(new.locations.all()) == [location]
    assert (new.age_months.lower, new.age_months.upper) == (0, 36)
    changed = Offer.objects.get(slug="bestaand")
    assert changed.title == "Nieuwe titel" and changed.status == OfferStatus.IN_REVIEW
    assert changed.kansentarief and changed.life_domains == ["health"]


def test_a_bad_spreadsheet_row_refuses_the_file():
    data = (
        "slug,title,access_type,email,age_from_months\n"
        "a,Eén,walk_in,a@b.be,0\n"
        "b,Twee,zwemmen,geen-mail,x\n"
        "a,Dubbel,walk_in,,\n"
    ).encode()
    preview = spreadsheet_preview(data, "aanbod.csv")
    assert not preview.acceptable
    assert [e.split(":")[0] for e in preview.errors] == ["Rij 3", "Rij 3", "Rij 3", "Rij 4"]


def test_an_xlsx_file_is_read_and_a_new_row_needs_a_title():
    book = Workbook()
    book.active.append(["slug", "summary"])
    book.active.append(["zonder-titel", "Iets"])
    data = io.BytesIO()
    book.save(data)
    organisation = OrganisationFactory()
    preview = preview_counts(
        spreadsheet_preview(data.getvalue(), "aanbod.xlsx"),
        source="spreadsheet",
        organisation=organisation,
    )
    assert preview.errors == ["Rij 2: nieuw aanbod heeft een titel nodig"]
