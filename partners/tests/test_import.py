"""CSV/XLSX import through the admin: preview, whole-file refusal, scope."""

import io

import pytest
import tablib

from partners.models import Location, Organisation

from .factories import (
    NetworkFactory,
    OrganisationFactory,
    OrganisationTypeFactory,
)

pytestmark = pytest.mark.django_db
HEADERS = ["slug", "name", "type", "pillars", "email", "contact_name"]


@pytest.fixture
def coordinator(client, cast):
    """The cast's coordinator (conftest.py), logged in to the admin."""
    user = cast.coordinator
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    OrganisationTypeFactory(name="CAW")
    client.force_login(user)
    user.network = cast.network
    return user


def _csv(rows, headers=HEADERS) -> io.BytesIO:
    dataset = tablib.Dataset(*rows, headers=headers)
    data = io.BytesIO(dataset.export("csv").encode())
    data.name = "organisaties.csv"
    return data


def _import(client, url, rows, headers=HEADERS):
    """Step 1 (upload + preview) and, when offered, step 2 (confirm)."""
    response = client.post(
        f"{url}import/", {"import_file": _csv(rows, headers), "format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    confirm = response.context.get("confirm_form") if response.context else None
    if confirm is None:
        return response
    return client.post(f"{url}process_import/", confirm.initial)


def test_a_good_file_is_imported_and_the_partners_join_my_network(client, coordinator):
    response = _import(
        client,
        "/admin/partners/organisation/",
        [
            ["caw-test", "CAW Test", "CAW", "opvoedingsondersteuning", "caw@test.be", "An"],
            ["caw-twee", "CAW Twee", "CAW", "parenting, health", "twee@test.be", "Bo"],
        ],
    )
    assert response.status_code == 302
    imported = Organisation.objects.filter(slug__in=["caw-test", "caw-twee"])
    assert imported.count() == 2
    assert all(coordinator.network in org.networks.all() for org in imported)
    assert imported.get(slug="caw-twee").pillars == ["parenting", "health"]


def test_a_known_shared_partner_re_imported_keeps_its_own_networks(client, cast, coordinator):
    """Only a new partner joins the importer's networks: a coordinator of two networks
    updating a partner of one of them does not pull it into the other."""
    from partners.choices import Role

    from .factories import MembershipFactory

    second = NetworkFactory()
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=second)
    shared = OrganisationFactory(slug="caw-gedeeld", networks=[cast.network, cast.far_network])
    response = _import(
        client,
        "/admin/partners/organisation/",
        [["caw-gedeeld", "CAW Gedeeld", "CAW", "parenting", "g@test.be", "An"]],
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "CAW Gedeeld"
    assert set(shared.networks.all()) == {cast.network, cast.far_network}


def test_a_file_with_one_bad_row_is_refused_whole_with_a_message_per_row(client, coordinator):
    response = _import(
        client,
        "/admin/partners/organisation/",
        [
            ["goed", "Goede rij", "CAW", "parenting", "goed@test.be", "An"],
            ["fout-mail", "Foute mail", "CAW", "parenting", "geen-mail", "Bo"],
            ["fout-pijler", "Foute pijler", "CAW", "voetbal", "p@test.be", "Cas"],
            ["fout-type", "Fout type", "Bestaat niet", "parenting", "t@test.be", "Dirk"],
        ],
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert not Organisation.objects.filter(
        slug__in=["goed", "fout-mail", "fout-pijler", "fout-type"]
    ).exists()
    assert "voetbal" in content  # the unknown pillar is named
    assert "geen-mail" in content or "e-mail" in content.lower()
    assert (
        response.context["result"].has_validation_errors()
        or response.context["result"].has_errors()
    )


def test_a_coordinator_cannot_change_another_networks_partner_by_import(client, coordinator):
    stranger = OrganisationFactory(
        slug="van-elders", name="Van elders", networks=[NetworkFactory()]
    )
    _import(
        client,
        "/admin/partners/organisation/",
        [
            ["van-elders", "Overgenomen", "CAW", "parenting", "x@test.be", "X"],
        ],
    )
    stranger.refresh_from_db()
    assert stranger.name == "Van elders"


def test_locations_can_only_be_imported_for_my_organisations(client, coordinator):
    mine = OrganisationFactory(slug="mijn-org", networks=[coordinator.network])
    OrganisationFactory(slug="andere-org", networks=[NetworkFactory()])
    headers = ["slug", "name", "organisation", "network", "street", "postcode", "city"]
    response = _import(
        client,
        "/admin/partners/location/",
        [
            [
                "loc-1",
                "Locatie 1",
                "mijn-org",
                coordinator.network.slug,
                "Straat 1",
                "9000",
                "Gent",
            ],
            [
                "loc-2",
                "Locatie 2",
                "andere-org",
                coordinator.network.slug,
                "Straat 2",
                "9000",
                "Gent",
            ],
        ],
        headers,
    )
    assert response.status_code == 200  # refused: preview with errors
    assert not Location.objects.filter(slug__in=["loc-1", "loc-2"]).exists()
    _import(
        client,
        "/admin/partners/location/",
        [
            [
                "loc-1",
                "Locatie 1",
                "mijn-org",
                coordinator.network.slug,
                "Straat 1",
                "9000",
                "Gent",
            ],
        ],
        headers,
    )
    assert Location.objects.get(slug="loc-1").organisation == mine


def test_export_contains_only_my_networks_partners(client, coordinator):
    OrganisationFactory(name="Mijn partner", networks=[coordinator.network])
    OrganisationFactory(name="Andermans partner", networks=[NetworkFactory()])
    response = client.post(
        "/admin/partners/organisation/export/",
        {
            "format": "0",
            "resource": "0",
            **{f"organisationresource_{field}": "on" for field in HEADERS},
        },
    )
    content = response.content.decode()
    assert "Mijn partner" in content
    assert "Andermans partner" not in content


# --- Exports never carry a formula (huisvanhetkind/spreadsheets.py) --------------------

CSV_FORMAT, XLSX_FORMAT = "0", "1"
FORMULA_FIELDS = ["slug", "name", "description", "phone", "contact_name", "email"]


def _export(client, file_format):
    return client.post(
        "/admin/partners/organisation/export/",
        {
            "format": file_format,
            "resource": "0",
            **{f"organisationresource_{field}": "on" for field in FORMULA_FIELDS},
        },
    )


@pytest.fixture
def booby_trapped(coordinator):
    return OrganisationFactory(
        slug="valstrik",
        name='=HYPERLINK("https://kwaad.example","klik")',
        description="+1+cmd|' /C calc'!A0",
        phone="-2+3",
        contact_name="@SUM(1+1)",
        email="\tvaltrik@example.be",
        networks=[coordinator.network],
    )


def test_csv_export_escapes_cells_that_start_like_a_formula(client, booby_trapped):
    import csv

    response = _export(client, CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    (row,) = [row for row in rows if row["slug"] == "valstrik"]
    assert row["name"] == '\'=HYPERLINK("https://kwaad.example","klik")'
    assert row["description"] == "'+1+cmd|' /C calc'!A0"
    assert row["phone"] == "'-2+3"
    assert row["contact_name"] == "'@SUM(1+1)"
    assert row["email"] == "'\tvaltrik@example.be"
    assert row["slug"] == "valstrik"


def test_xlsx_export_has_no_formula_cells(client, booby_trapped):
    import openpyxl

    response = _export(client, XLSX_FORMAT)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)
    assert sheet["B2"].value == '\'=HYPERLINK("https://kwaad.example","klik")'


def test_an_exported_file_imported_again_keeps_its_values(client, coordinator):
    OrganisationFactory(
        slug="met-plus", name="'t Pleintje", phone="+32 9 123 45 67", networks=[coordinator.network]
    )
    exported = _export(client, CSV_FORMAT).content
    upload = io.BytesIO(exported)
    upload.name = "organisaties.csv"
    response = client.post(
        "/admin/partners/organisation/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    confirm = response.context["confirm_form"]
    client.post("/admin/partners/organisation/process_import/", confirm.initial)
    organisation = Organisation.objects.get(slug="met-plus")
    assert organisation.phone == "+32 9 123 45 67"
    assert organisation.name == "'t Pleintje"


LOCATION_HEADERS = ["slug", "name", "organisation", "network", "street", "postcode", "city"]


def test_a_coordinator_cannot_take_over_another_networks_location_by_import(client, coordinator):
    """The rule was asked about the row's new values: naming another network's location
    (slugs are public) with my organisation and network moved it into my network."""
    from .factories import LocationFactory

    far = NetworkFactory()
    theirs = LocationFactory(
        slug="hun-locatie",
        name="Hun locatie",
        network=far,
        organisation=OrganisationFactory(networks=[far]),
    )
    mine = OrganisationFactory(slug="mijn-org", networks=[coordinator.network])
    response = _import(
        client,
        "/admin/partners/location/",
        [
            ["hun-locatie", "Overgenomen", mine.slug, coordinator.network.slug, "S 1", "9000", "X"],
        ],
        LOCATION_HEADERS,
    )
    assert response.status_code == 200  # refused: the preview with the row's error
    theirs.refresh_from_db()
    assert (theirs.name, theirs.network, theirs.organisation_id) == (
        "Hun locatie",
        far,
        theirs.organisation_id,
    )
    assert theirs.organisation.networks.get() == far


@pytest.mark.parametrize("who", ["social_worker", "viewer", "volunteer"])
@pytest.mark.parametrize("model", ["organisation", "location"])
def test_staff_without_the_edit_rule_cannot_import(client, cast, who, model):
    """django-import-export lets every staff member import unless told otherwise: a
    social worker or viewer with a staff flag created partners (with no network)."""
    user = cast[who]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    url = f"/admin/partners/{model}/import/"
    assert client.get(url).status_code == 403
    rows = [["nieuw-van-staf", "Nieuw van staf", "", "", "x@test.be", "X"]]
    response = client.post(url, {"import_file": _csv(rows), "format": "0", "resource": "0"})
    assert response.status_code == 403
    assert not Organisation.objects.filter(slug="nieuw-van-staf").exists()
