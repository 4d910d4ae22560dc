import datetime as dt

import pytest

from actieplan.evidence import evidence_figures
from partners.models import Deelgemeente
from partners.tests.factories import MunicipalityFactory, NetworkFactory
from rechten import services
from rechten.evidence import possible_unclaimed_rights

from .factories import RightFactory

pytestmark = pytest.mark.django_db


def test_possible_unclaimed_rights_hide_small_numbers_and_count_per_place():
    network = NetworkFactory()
    place = Deelgemeente.objects.create(
        municipality=MunicipalityFactory(), name="Zandbergen", postcode="9506"
    )
    busy, quiet, other = (
        RightFactory(network=network),
        RightFactory(network=network),
        RightFactory(),
    )
    for _ in range(6):
        services.check_counts_record(
            right_ids=[busy.id], deelgemeente_id=place.id, today=dt.date(2025, 3, 4)
        )
    services.check_counts_record(
        right_ids=[busy.id, quiet.id, other.id], deelgemeente_id=None, today=dt.date(2025, 5, 1)
    )
    services.check_counts_record(
        right_ids=[busy.id], deelgemeente_id=None, today=dt.date(2024, 5, 1)
    )
    figures = possible_unclaimed_rights(network=network, evidence_year=2025)
    by_id = {row["id"]: row for row in figures["rights"]}
    assert set(by_id) == {busy.id, quiet.id}
    assert by_id[busy.id]["total"] == {"value": 7, "text": "7"}
    assert [p["count"]["text"] for p in by_id[busy.id]["places"]] == [
        "6",
        "< 5",
    ]  # Zandbergen, then "place not said"
    assert by_id[quiet.id]["total"]["value"] is None  # 1 family: "< 5"


def test_the_evidence_pack_carries_possible_unclaimed_rights():
    network = NetworkFactory()
    RightFactory(network=network)
    figures = evidence_figures(network=network, year=2026, kind="plan", today=dt.date(2026, 1, 5))
    assert figures["unclaimed_rights"]["year"] == 2025
    assert len(figures["unclaimed_rights"]["rights"]) == 1


def test_the_docx_pack_shows_possible_unclaimed_rights_per_place():
    import io

    from docx import Document

    from actieplan.rendering import render_docx

    network = NetworkFactory()
    place = Deelgemeente.objects.create(
        municipality=MunicipalityFactory(), name="Zandbergen", postcode="9506"
    )
    right = RightFactory(network=network, name="Schooltoeslag")
    for _ in range(6):
        services.check_counts_record(
            right_ids=[right.id], deelgemeente_id=place.id, today=dt.date(2025, 3, 4)
        )
    figures = evidence_figures(network=network, year=2026, kind="plan", today=dt.date(2026, 1, 5))
    document = Document(io.BytesIO(render_docx(figures=figures, logo_path=None)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Schooltoeslag" in cells and "Zandbergen: 6" in cells
