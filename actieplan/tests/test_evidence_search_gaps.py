import datetime as dt
import re

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


def test_the_pdf_charts_keep_their_patterns_and_use_three_okabe_ito_colours():
    from actieplan.rendering import OKABE_ITO, PDF_CHART_CSS

    # A fill on every bar hid the hatch and dot patterns: three years, one blue.
    assert ".hvhk-chart__bar{" not in PDF_CHART_CSS
    assert not re.search(r"__bar--[12][^{]*\{[^}]*fill", PDF_CHART_CSS)
    for colour in OKABE_ITO.values():
        assert colour in PDF_CHART_CSS


def test_a_year_without_participation_counts_says_why_instead_of_zeros():
    import io

    from django.template.loader import render_to_string
    from docx import Document

    from actieplan.rendering import render_docx

    network = NetworkFactory(name="Leeg netwerk")
    figures = evidence_figures(network=network, year=PLAN_YEAR, kind=PackKind.PLAN, today=BUILD_DAY)
    html = render_to_string("actieplan/_pack_body.html", {"sections": pack_sections(figures)})
    assert "participation counts" in html or "deelnamecijfers" in html
    assert "0 activit" not in html
    text = " ".join(
        p.text
        for p in Document(io.BytesIO(render_docx(figures=figures, logo_path=None))).paragraphs
    )
    assert "participation counts" in text or "deelnamecijfers" in text
