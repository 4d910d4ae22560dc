"""The figures of an evidence pack: what the network saw, reached and offered in a year.

`evidence_figures()` is the one place that computes them; the web page, the PDF and
the DOCX only show what it returns. The result is plain JSON (stored on the pack), and
depends only on the data and the reference day, so two builds on the same day give
the same figures. Referral figures go through doorverwijzing.figures (same scope, period
and "< 5" suppression as the coordinator's referral figures page); reach comes from
aanbod.selectors.participation_totals, signal trends from signalen.selectors.theme_trends.

Years: a pack for the plan of year Y rests on year Y-1 (the evidence year E); a year
report of Y on Y itself. "The coming year" C = E + 1 is the plan year.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import formats

from aanbod.choices import AGE_GROUP_MONTHS, AgeGroup, LifeDomain
from aanbod.models import CONFIRM_EVERY_DAYS, PARTICIPATION_AGE_FIELDS, Offer
from aanbod.selectors import participation_totals
from doorverwijzing.choices import GAP_DECLINE_REASONS, FirstContactResult, Outcome, ReferralStatus
from doorverwijzing.figures import (
    Cell,
    Period,
    Scope,
    count_cell,
    median_cell,
    percentage_cell,
    referral_figures,
)
from doorverwijzing.models import Referral
from huisvanhetkind.belgian_days import working_days_between
from partners.choices import AgreementStatus
from partners.models import Agreement, Network
from rechten.evidence import possible_unclaimed_rights
from signalen.selectors import ThemeTrend, theme_trends

from .choices import evidence_year_of
from .models import Action

SIGNAL_TREND_YEARS = 3
Progress = Callable[[int], None]


def _cell(cell: Cell) -> dict[str, Any]:
    """A (possibly hidden) figure as JSON: value None means "< 5", shown as its text."""
    return {"value": cell.value, "text": cell.text}


def _number(value: int) -> dict[str, Any]:
    """A figure that needs no protection (offers, signals, agreements)."""
    return {"value": value, "text": formats.number_format(value)}


def _share(part: int, whole: int) -> dict[str, Any]:
    value = round(100 * part / whole) if whole else 0
    return {"value": value, "text": f"{formats.number_format(value)}%"}


def reference_day(*, evidence_year: int, today: dt.date) -> dt.date:
    """The day "now" figures (offers, staleness) are taken at: today, or the evidence year's end."""
    return min(today, dt.date(evidence_year, 12, 31))


# --- Signals -------------------------------------------------------------------------------


def signal_trends(*, network: Network, evidence_year: int) -> dict[str, Any]:
    """Signals per theme in each calendar year up to the evidence year, with their direction.

    signalen.selectors.theme_trends counts twelve-month periods ending with a given month;
    ending with December of the evidence year makes them calendar years.
    """
    trends = theme_trends(
        network=network, years=SIGNAL_TREND_YEARS, today=dt.date(evidence_year, 12, 1)
    )
    return {
        "years": [period.start.year for period in trends.periods],
        "themes": [
            {
                "id": trend.theme_id,
                # An unbundled row gets its label when shown, in the reader's language.
                "title": trend.title if trend.theme_id else "",
                "status": trend.status,
                "counts": trend.counts,
                "trend": trend.direction,
            }
            for trend in trends.themes
        ],
        "totals": trends.totals,
        "trend": ThemeTrend(theme_id=None, title="", status="", counts=trends.totals).direction,
    }


SEARCH_GAPS_IN_PACK = 15


def search_gaps_of_year(*, network: Network, evidence_year: int) -> list[dict[str, Any]]:
    """The network's most frequent searches that found nothing in the evidence year."""
    from signalen.selectors import search_gaps

    gaps = search_gaps(
        network=network,
        start=dt.date(evidence_year, 1, 1),
        end=dt.date(evidence_year + 1, 1, 1),
        limit=SEARCH_GAPS_IN_PACK,
    )
    return [{"query": query, "searches": _number(total)} for query, total in gaps]


# --- Reach ---------------------------------------------------------------------------------


def reach(*, network: Network, evidence_year: int) -> dict[str, Any]:
    totals = participation_totals(network=network, year=evidence_year)
    return {
        "activities": _number(totals.activities),
        "families": _number(totals.families),
        "children": _number(totals.children),
        "age_groups": [
            {"key": key, "children": _number(totals.by_age_group[key])}
            for key in PARTICIPATION_AGE_FIELDS
        ],
        "children_without_age": _number(totals.children_without_age),
    }


def subscriber_reach(*, network: Network, day: dt.date) -> list[dict[str, Any]]:
    """Families who get the monthly "offers for your child" mail, per municipality and age
    band of their children (inschrijving.subscriptions); fewer than 5 shows as "< 5"."""
    from inschrijving.subscriptions import subscriber_counts

    return [
        {**row, "subscribers": _cell(count_cell(row["subscribers"]))}
        for row in subscriber_counts(network=network, today=day)
    ]


# --- Referrals -----------------------------------------------------------------------------


def network_scope(network: Network) -> Scope:
    """The organisations of the network, as the coordinator's referral figures count them."""
    organisations = list(network.organisations.order_by("name").values_list("id", "name"))
    return Scope(organisations=organisations, is_network=True)


def referral_evidence(*, network: Network, evidence_year: int, today: dt.date) -> dict[str, Any]:
    """Referrals sent by or to the network's partners in the evidence year (three queries).

    sent: every such referral; accepted: accepted at some point; landed: closed with
    "the family got help"; declined for lack of offer: declined for a reason that points
    at a gap (doorverwijzing.choices.GAP_DECLINE_REASONS); days to first contact: median
    working days from sending to the first contact made.
    """
    scope = network_scope(network)
    period = Period(first=dt.date(evidence_year, 1, 1), last=dt.date(evidence_year, 12, 1))
    start, end = period.bounds()
    ids = scope.ids
    in_year = Referral.objects.filter(
        Q(referring_organisation_id__in=ids) | Q(receiving_organisation_id__in=ids),
        sent_at__gte=start,
        sent_at__lt=end,
    )
    counts = in_year.aggregate(
        sent=Count("id"),
        answered=Count("id", filter=Q(accepted_at__isnull=False) | Q(declined_at__isnull=False)),
        accepted=Count("id", filter=Q(accepted_at__isnull=False)),
        landed=Count("id", filter=Q(status=ReferralStatus.CLOSED, outcome=Outcome.GOT_HELP)),
        declined_no_offer=Count(
            "id",
            filter=Q(declined_at__isnull=False, decline_reason__in=sorted(GAP_DECLINE_REASONS)),
        ),
    )
    days: list[int] = []
    pairs = (
        in_year.filter(first_contact_result=FirstContactResult.MADE, first_contact_at__isnull=False)
        .annotate(sent_day=TruncDate("sent_at"), contact_day=TruncDate("first_contact_at"))
        .values("sent_day", "contact_day")
        .annotate(number=Count("id"))
        .order_by()
    )
    for row in pairs:
        days += [working_days_between(row["sent_day"], row["contact_day"])] * row["number"]
    monthly = referral_figures(scope=scope, period=period, today=today)
    return {
        "sent": _cell(count_cell(counts["sent"])),
        "accepted": _cell(count_cell(counts["accepted"])),
        "accepted_share": _cell(percentage_cell(counts["accepted"], counts["answered"])),
        "landed": _cell(count_cell(counts["landed"])),
        "declined_no_offer": _cell(count_cell(counts["declined_no_offer"])),
        "median_days_to_first_contact": _cell(median_cell(days)),
        "months": [
            {"label": row.short_label, "sent": _cell(row.sent), "received": _cell(row.received)}
            for row in monthly.months
        ],
    }


# --- Offer coverage ------------------------------------------------------------------------


def _overlaps(age_months, lower: int, upper: int) -> bool:
    """Does an offer's age range overlap [lower, upper)? Same rule as the search's `&&`."""
    if age_months is None:
        return True
    if getattr(age_months, "isempty", False):
        return False
    below = age_months.lower is None or age_months.lower < upper
    above = age_months.upper is None or age_months.upper > lower
    return below and above


def offer_coverage(*, network: Network, day: dt.date) -> dict[str, Any]:
    """Published offers per municipality × life domain × age group; an empty cell is a gap.

    An offer counts in a municipality where it has a location (the search's place filter);
    offers without a place are counted apart. Two queries.
    """
    offers = list(
        Offer.objects.published()
        .filter(networks=network)
        .values(
            "id",
            "life_domains",
            "age_months",
            "indexed_municipality_ids",
            "indexed_evening",
            "indexed_weekdays",
        )
    )
    municipalities = list(network.municipalities.order_by("name").values_list("id", "name"))
    domains = [value for value, _label in LifeDomain.choices]
    # Ages only: the wish for a child is a filter value, not an age group of children.
    ages = [value for value, _label in AgeGroup.choices if value in AGE_GROUP_MONTHS]
    grid = []
    gaps = 0
    for municipality_id, name in municipalities:
        here = [o for o in offers if municipality_id in o["indexed_municipality_ids"]]
        rows = []
        for domain in domains:
            in_domain = [o for o in here if domain in o["life_domains"]]
            counts = [
                sum(1 for o in in_domain if _overlaps(o["age_months"], *AGE_GROUP_MONTHS[age]))
                for age in ages
            ]
            gaps += counts.count(0)
            rows.append({"domain": domain, "counts": counts})
        grid.append({"id": municipality_id, "name": name, "rows": rows})
    per_domain = [
        {"domain": domain, "offers": _number(sum(1 for o in offers if domain in o["life_domains"]))}
        for domain in domains
    ]
    stale = (
        Offer.objects.filter(networks=network)
        .not_confirmed_since(day - dt.timedelta(days=CONFIRM_EVERY_DAYS))
        .count()
    )
    published = len(offers)
    evening = sum(1 for o in offers if o["indexed_evening"])
    weekend = sum(1 for o in offers if {5, 6} & set(o["indexed_weekdays"]))
    return {
        "day": day.isoformat(),
        "published": _number(published),
        "without_place": _number(sum(1 for o in offers if not o["indexed_municipality_ids"])),
        "age_groups": ages,
        "municipalities": grid,
        "per_domain": per_domain,
        "gaps": _number(gaps),
        "cells": _number(len(municipalities) * len(domains) * len(ages)),
        "not_verified": _number(stale),
        "not_verified_days": CONFIRM_EVERY_DAYS,
        "evening": _number(evening),
        "evening_share": _share(evening, published),
        "weekend": _number(weekend),
        "weekend_share": _share(weekend, published),
    }


# --- Agreements and last year's actions ----------------------------------------------------


def agreements_expiring(*, network: Network, year: int) -> list[dict[str, Any]]:
    """Agreements not ended that end in `year` (the plan year): time to renew them."""
    agreements = (
        Agreement.objects.filter(network=network, end__year=year)
        .exclude(status=AgreementStatus.ENDED)
        .prefetch_related("partners")
        .order_by("end", "subject", "id")
    )
    return [
        {
            "id": agreement.id,
            "subject": agreement.subject,
            "end": agreement.end.isoformat(),
            "partners": sorted(partner.name for partner in agreement.partners.all()),
        }
        for agreement in agreements
    ]


def plan_actions(*, network: Network, year: int) -> list[dict[str, Any]]:
    """The actions of the network's plan of `year`, with their status and result."""
    actions = (
        Action.objects.filter(goal__plan__network=network, goal__plan__year=year)
        .select_related("goal")
        .prefetch_related("partners")
        .order_by("goal__pillar", "goal_id", "start_month", "id")
    )
    return [
        {
            "id": action.id,
            "pillar": action.goal.pillar,
            "goal": action.goal.text,
            "text": action.text,
            "partners": sorted(partner.name for partner in action.partners.all()),
            "budget": f"{action.budget:.2f}",
            "status": action.status,
            "result": action.result,
            "result_note": action.result_note,
        }
        for action in actions
    ]


# --- Recognition (Opgroeien) ------------------------------------------------------------


def recognition(*, network: Network, plan_year: int) -> dict[str, Any]:
    """What Opgroeien checks for a Huis van het Kind: the three pillars covered by partners
    and published offers, the number of partners, the yearly plan (four queries)."""
    from partners.choices import Pillar
    from partners.models import Organisation

    from .models import ActionPlan

    offers = Offer.objects.published().filter(networks=network)
    offer_counts = offers.aggregate(
        **{pillar: Count("id", filter=Q(pillars__contains=[pillar])) for pillar in Pillar.values}
    )
    organisations = Organisation.objects.filter(networks=network)
    partner_counts = organisations.aggregate(
        total=Count("id"),
        **{pillar: Count("id", filter=Q(pillars__contains=[pillar])) for pillar in Pillar.values},
    )
    plan = (
        ActionPlan.objects.filter(network=network, year=plan_year)
        .annotate(goal_count=Count("goals", distinct=True), action_count=Count("goals__actions"))
        .first()
    )
    return {
        "partners": _number(partner_counts["total"]),
        "pillars": [
            {
                "pillar": pillar,
                "partners": _number(partner_counts[pillar]),
                "offers": _number(offer_counts[pillar]),
            }
            for pillar in Pillar.values
        ],
        "plan": {
            "year": plan_year,
            "status": plan.status if plan else "",
            "goals": plan.goal_count if plan else 0,
            "actions": plan.action_count if plan else 0,
        },
    }


# --- All together --------------------------------------------------------------------------


def evidence_figures(
    *,
    network: Network,
    year: int,
    kind: str,
    today: dt.date,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every figure of the pack, as JSON. `progress(percent)` is told after each part."""
    step = progress or (lambda _percent: None)
    evidence_year = evidence_year_of(year=year, kind=kind)
    day = reference_day(evidence_year=evidence_year, today=today)
    figures: dict[str, Any] = {
        "network": {"id": network.id, "name": network.name},
        "year": year,
        "kind": kind,
        "evidence_year": evidence_year,
        "coming_year": evidence_year + 1,
        "day": day.isoformat(),
    }
    figures["signals"] = signal_trends(network=network, evidence_year=evidence_year)
    figures["search_gaps"] = search_gaps_of_year(network=network, evidence_year=evidence_year)
    step(15)
    figures["reach"] = reach(network=network, evidence_year=evidence_year)
    figures["subscribers"] = subscriber_reach(network=network, day=day)
    step(25)
    figures["referrals"] = referral_evidence(
        network=network, evidence_year=evidence_year, today=day
    )
    step(40)
    figures["coverage"] = offer_coverage(network=network, day=day)
    step(55)
    figures["agreements"] = agreements_expiring(network=network, year=evidence_year + 1)
    figures["actions"] = plan_actions(network=network, year=evidence_year)
    figures["unclaimed_rights"] = possible_unclaimed_rights(
        network=network, evidence_year=evidence_year
    )
    figures["recognition"] = recognition(network=network, plan_year=year)
    step(65)
    return figures
