"""Every figure of the evidence pack against a raw SQL query on the same data,
and the pack's outputs (PDF, DOCX) read back.

The queries are assembled from constant fragments only; values go as parameters.
"""
# ruff: noqa: S608

import datetime as dt
import io
import statistics

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from aanbod.choices import AGE_GROUP_MONTHS, LifeDomain
from actieplan.choices import BuildStatus, PackKind
from actieplan.evidence import evidence_figures
from actieplan.models import EvidencePack
from actieplan.services import evidence_pack_build, evidence_pack_request
from huisvanhetkind.belgian_days import working_days_between

from .conftest import BUILD_DAY, EVIDENCE_YEAR, PLAN_YEAR

pytestmark = pytest.mark.django_db
TZ = "Europe/Brussels"


def label(msgid: str) -> str:
    """A label as the pack shows it: files are built in the site's main language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid)


def sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def one(query: str, params=()):
    return sql(query, params)[0][0]


@pytest.fixture
def figures(evidence_world):
    return evidence_figures(
        network=evidence_world["network"], year=PLAN_YEAR, kind=PackKind.PLAN, today=BUILD_DAY
    )


def test_a_plan_pack_rests_on_the_year_before(figures):
    assert figures["evidence_year"] == EVIDENCE_YEAR
    assert figures["coming_year"] == PLAN_YEAR
    assert figures["day"] == "2025-12-31"


def test_signals_per_theme_and_year_match_sql(figures, evidence_world):
    rows = sql(
        f"""SELECT theme_id, extract(year FROM created_at AT TIME ZONE '{TZ}')::int, count(*)
              FROM signalen_signal WHERE network_id = %s
               AND extract(year FROM created_at AT TIME ZONE '{TZ}') BETWEEN 2023 AND 2025
             GROUP BY 1, 2""",
        [evidence_world["network"].id],
    )
    expected = {(theme, year): count for theme, year, count in rows}
    signals = figures["signals"]
    assert signals["years"] == [2023, 2024, 2025]
    for theme in signals["themes"]:
        assert theme["counts"] == [expected.get((theme["id"], y), 0) for y in signals["years"]]
    assert {t["id"] for t in signals["themes"]} == {theme for theme, _y in expected}
    totals = [sum(c for (_t, y), c in expected.items() if y == year) for year in signals["years"]]
    assert signals["totals"] == totals == [1, 7, 10]
    evening = next(t for t in signals["themes"] if t["title"] == "Geen avondaanbod")
    assert evening["trend"] == "rising"


def test_reach_matches_sql(figures, evidence_world):
    families, children, small, teens = sql(
        """SELECT sum(p.families), sum(p.children), sum(p.children_0_3), sum(p.children_12_18)
             FROM aanbod_participation p
             JOIN aanbod_offer_networks n ON n.offer_id = p.offer_id AND n.network_id = %s
            WHERE p.date >= '2025-01-01' AND p.date < '2026-01-01'""",
        [evidence_world["network"].id],
    )[0]
    reach = figures["reach"]
    assert reach["families"]["value"] == families == 31
    assert reach["children"]["value"] == children == 42
    by_key = {row["key"]: row["children"]["value"] for row in reach["age_groups"]}
    assert by_key["0-3"] == small and by_key["12-18"] == teens
    assert reach["children_without_age"]["value"] == children - small - teens


def _referral_where(network_id: int) -> tuple[str, list]:
    return (
        f"""(referring_organisation_id IN (SELECT organisation_id
                                             FROM partners_organisation_networks
                                            WHERE network_id = %s)
            OR receiving_organisation_id IN (SELECT organisation_id
                                               FROM partners_organisation_networks
                                              WHERE network_id = %s))
           AND extract(year FROM sent_at AT TIME ZONE '{TZ}') = 2025""",
        [network_id, network_id],
    )


def test_referral_figures_match_sql(figures, evidence_world):
    where, params = _referral_where(evidence_world["network"].id)
    base = f"SELECT count(*) FROM doorverwijzing_referral WHERE {where}"
    referrals = figures["referrals"]
    assert referrals["sent"]["value"] == one(base, params) == 14
    assert referrals["accepted"]["value"] == one(base + " AND accepted_at IS NOT NULL", params)
    assert referrals["landed"]["value"] == one(
        base + " AND status = 'closed' AND outcome = 'got_help'", params
    )
    assert (
        referrals["declined_no_offer"]["value"]
        == one(
            base + " AND declined_at IS NOT NULL AND decline_reason IN "
            "('not_our_offer', 'waiting_list', 'no_capacity')",
            params,
        )
        == 6
    )
    pairs = sql(
        f"""SELECT (sent_at AT TIME ZONE '{TZ}')::date, (first_contact_at AT TIME ZONE '{TZ}')::date
              FROM doorverwijzing_referral
             WHERE {where} AND first_contact_result = 'made'""",
        params,
    )
    median = statistics.median(working_days_between(sent, contact) for sent, contact in pairs)
    assert referrals["median_days_to_first_contact"]["value"] == median


def test_a_small_referral_count_is_hidden(figures):
    # 7 accepted referrals, 6 with contact; the 5 landed ones are shown, nothing below 5 is.
    assert figures["referrals"]["landed"]["text"] == "5"
    months = {row["label"]: row for row in figures["referrals"]["months"]}
    assert all(row["sent"]["text"] in {"< 5", "7"} for row in months.values())


def test_offer_coverage_cells_match_sql(figures, evidence_world):
    network = evidence_world["network"]
    coverage = figures["coverage"]
    gaps = 0
    for municipality in coverage["municipalities"]:
        for row in municipality["rows"]:
            for age, count in zip(coverage["age_groups"], row["counts"], strict=True):
                expected = one(
                    """SELECT count(*) FROM aanbod_offer o
                        WHERE o.status = 'published'
                          AND EXISTS (SELECT 1 FROM aanbod_offer_networks n
                                       WHERE n.offer_id = o.id AND n.network_id = %s)
                          AND %s = ANY(o.life_domains)
                          AND o.age_months && int4range(%s, %s)
                          AND %s = ANY(o.indexed_municipality_ids)""",
                    [network.id, row["domain"], *AGE_GROUP_MONTHS[age], municipality["id"]],
                )
                assert count == expected, (municipality["name"], row["domain"], age)
                gaps += expected == 0
    assert coverage["gaps"]["value"] == gaps
    assert coverage["cells"]["value"] == 2 * len(LifeDomain) * len(AGE_GROUP_MONTHS)
    wilgendaal = next(m for m in coverage["municipalities"] if m["name"] == "Wilgendaal")
    meeting = next(r for r in wilgendaal["rows"] if r["domain"] == "meeting")
    assert meeting["counts"] == [0, 1, 0, 0, 0, 0]  # expecting, 0-3, 3-6, …


def test_offer_staleness_and_moments_match_sql(figures, evidence_world):
    network_filter = """o.status = 'published' AND EXISTS (SELECT 1 FROM aanbod_offer_networks n
                         WHERE n.offer_id = o.id AND n.network_id = %s)"""
    params = [evidence_world["network"].id]
    coverage = figures["coverage"]
    published = one(f"SELECT count(*) FROM aanbod_offer o WHERE {network_filter}", params)
    assert coverage["published"]["value"] == published == 4
    day = dt.date(2025, 12, 31) - dt.timedelta(days=182)
    assert (
        coverage["not_verified"]["value"]
        == one(
            f"""SELECT count(*) FROM aanbod_offer o WHERE {network_filter}
              AND (o.last_verified < %s OR (o.last_verified IS NULL
                   AND (o.published_at IS NULL
                        OR (o.published_at AT TIME ZONE '{TZ}')::date < %s)))""",
            [*params, day, day],
        )
        == 1
    )
    evening = one(
        f"SELECT count(*) FROM aanbod_offer o WHERE {network_filter} AND o.indexed_evening", params
    )
    weekend = one(
        f"""SELECT count(*) FROM aanbod_offer o WHERE {network_filter}
              AND o.indexed_weekdays && '{{5,6}}'::smallint[]""",
        params,
    )
    assert coverage["evening"]["value"] == evening == 2
    assert coverage["weekend"]["value"] == weekend == 2
    assert coverage["evening_share"]["value"] == round(100 * evening / published)
    assert coverage["without_place"]["value"] == one(
        f"""SELECT count(*) FROM aanbod_offer o WHERE {network_filter}
              AND cardinality(o.indexed_municipality_ids) = 0""",
        params,
    )


def test_agreements_and_actions_match_sql(figures, evidence_world):
    network = evidence_world["network"]
    agreements = sql(
        """SELECT id FROM partners_agreement WHERE network_id = %s AND status <> 'ended'
              AND extract(year FROM "end") = 2026 ORDER BY "end", subject, id""",
        [network.id],
    )
    assert [a["id"] for a in figures["agreements"]] == [row[0] for row in agreements]
    assert len(agreements) == 2
    actions = sql(
        """SELECT a.id, a.status, a.result FROM actieplan_action a
             JOIN actieplan_goal g ON g.id = a.goal_id
             JOIN actieplan_actionplan p ON p.id = g.plan_id
            WHERE p.network_id = %s AND p.year = 2025""",
        [network.id],
    )
    assert {(a["id"], a["status"], a["result"]) for a in figures["actions"]} == set(actions)


# --- Building: idempotent, atomic, and its outputs ----------------------------------------


def _build(network, kind=PackKind.PLAN, year=PLAN_YEAR) -> EvidencePack:
    pack = evidence_pack_request(network=network, year=year, kind=kind)
    return evidence_pack_build(pack_id=pack.id, today=BUILD_DAY)


def test_building_twice_gives_the_same_figures_and_replaces_the_first(
    evidence_world, media, django_capture_on_commit_callbacks
):
    network = evidence_world["network"]
    first = _build(network)
    request = evidence_pack_request(network=network, year=PLAN_YEAR, kind=PackKind.PLAN)
    with django_capture_on_commit_callbacks(execute=True):  # the old files go after commit
        second = evidence_pack_build(pack_id=request.id, today=BUILD_DAY)
    assert first.id != second.id
    assert second.figures == first.figures
    assert second.status == BuildStatus.DONE and second.progress == 100 and second.is_current
    # The first build is gone, with its files.
    assert list(EvidencePack.objects.filter(network=network).values_list("id", flat=True)) == [
        second.id
    ]
    assert not (media / first.pdf.name).exists()
    assert (media / second.pdf.name).exists() and (media / second.docx.name).exists()


def test_the_pdf_reads_back_with_the_right_figures(evidence_world, media):
    from pypdf import PdfReader

    pack = _build(evidence_world["network"])
    reader = PdfReader(io.BytesIO(pack.pdf.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Huis van het Kind Scheldevallei" in text
    assert "Geen avondaanbod" in text and "Wachtlijst kinderopvang" in text
    assert "Convenant opvoedingswinkel" in text
    assert "Eén avond per maand in Wilgendaal." in text
    referrals = pack.figures["referrals"]
    for key, value in (("sent", "14"), ("landed", "5"), ("declined_no_offer", "6")):
        assert referrals[key]["text"] == value
    # Table rows "label number", in the PDF's order.
    assert f"{label('Landed (the family got help)')} 5" in text
    assert f"{label('Declined for lack of offer')} 6" in text
    assert f"{label('Referrals sent')} 14" in text
    assert f"{label('Families')} 31" not in text  # a plan pack: the reach sentence instead
    # A table of contents on the cover, and one page per section after it.
    assert label("Contents") in text and len(reader.pages) >= 7


def test_the_docx_opens_and_holds_the_figures(evidence_world, media):
    from docx import Document

    pack = _build(evidence_world["network"], kind=PackKind.REPORT, year=EVIDENCE_YEAR)
    document = Document(io.BytesIO(pack.docx.read()))
    cells = {
        tuple(cell.text for cell in row.cells) for table in document.tables for row in table.rows
    }
    assert (label("Referrals sent"), "14") in cells
    assert (label("Declined for lack of offer"), "6") in cells
    assert (label("Families"), "31") in cells
    evening = next(row for row in cells if row[0] == "Geen avondaanbod")
    assert evening[2:] == ("1", "3", "7", label("rising"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert label("Offer coverage") in headings and "Wilgendaal" in headings


def test_each_reader_downloads_their_own_version_as_pdf_and_docx(client, evidence_world, media):
    from docx import Document

    pack = _build(evidence_world["network"], kind=PackKind.REPORT, year=EVIDENCE_YEAR)
    client.force_login(evidence_world["coordinator"])
    url = f"/nl/actieplan/onderbouwing/{pack.pk}/download.docx"
    full = client.get(url)
    assert full.status_code == 200
    opgroeien = client.get(url, {"lezer": "opgroeien"})
    assert opgroeien.status_code == 200 and "opgroeien.docx" in opgroeien["Content-Disposition"]

    def headings(content):
        document = Document(io.BytesIO(content))
        return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]

    whole = headings(b"".join(full.streaming_content))
    theirs = headings(opgroeien.content)
    assert label("Signals per theme") in whole and label("Signals per theme") not in theirs
    assert label("Recognition conditions") in theirs and label("Reach") in theirs
    pdf = client.get(url.replace(".docx", ".pdf"), {"lezer": "lokaal-bestuur"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
