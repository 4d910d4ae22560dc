import datetime as dt

import pytest

from actieplan.choices import PackKind
from actieplan.evidence import evidence_figures
from actieplan.rendering import pack_sections
from partners.tests.factories import NetworkFactory
from signalen.services import search_gap_record

from .conftest import BUILD_DAY, EVIDENCE_YEAR, PLAN_YEAR

pytestmark = pytest.mark.django_db


def test_the_pack_lists_the_networks_own_searches_that_found_nothing(evidence_world):
    network = evidence_world["network"]
    for _ in range(6):
        search_gap_record(
            query="tolk arabisch", network_id=network.pk, today=dt.date(EVIDENCE_YEAR, 5, 4)
        )
    search_gap_record(
        query="elders", network_id=NetworkFactory().pk, today=dt.date(EVIDENCE_YEAR, 5, 4)
    )
    search_gap_record(
        query="te vroeg", network_id=network.pk, today=dt.date(EVIDENCE_YEAR - 1, 5, 4)
    )
    figures = evidence_figures(network=network, year=PLAN_YEAR, kind=PackKind.PLAN, today=BUILD_DAY)
    assert [(gap["query"], gap["searches"]["value"]) for gap in figures["search_gaps"]] == [
        ("tolk arabisch", 6)
    ]
    assert pack_sections(figures)["search_gaps"][0]["query"] == "tolk arabisch"


def test_an_old_pack_without_search_gaps_still_renders(evidence_world):
    figures = evidence_figures(
        network=evidence_world["network"], year=PLAN_YEAR, kind=PackKind.PLAN, today=BUILD_DAY
    )
    figures.pop("search_gaps")
    assert pack_sections(figures)["search_gaps"] == []
