"""Demo: last year's action plan with results, and this year's draft, for Scheldevallei.

Goals are linked to the demo signal themes (looked up by title) when signalen.demo
loaded them; without them the plans simply have no links. Idempotent.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.choices import Pillar
from partners.models import Network, Organisation
from signalen.models import Theme

from . import services
from .choices import ActionResult, PlanStatus
from .models import ActionPlan

# Builds the plans, as partners.demo's network coordinator.
COORDINATOR = "coordinator@demo.huisvanhetkind.be"

MULTI_YEAR_GOALS = (
    "Elk gezin vindt ondersteuning dicht bij huis\n"
    "Kwetsbare gezinnen worden sneller bereikt\n"
    "Meer ontmoeting tussen gezinnen in elke deelgemeente"
)

# (pillar, life domain, target group, goal, indicator, multi-year goal, theme titles,
#  actions: (text, partner slugs, budget, timing, start, end, status, result, result note))
PREVIOUS_YEAR = [
    (
        Pillar.PARENTING,
        "money",
        "parents",
        "Gezinnen kennen de Groeipakket-zitdagen",
        "Dubbel zoveel bezoekers op de zitdagen als vorig jaar",
        "Kwetsbare gezinnen worden sneller bereikt",
        ["Groeipakket-zitdagen zijn niet gekend"],
        [
            (
                "Flyer over de zitdagen in vijf talen",
                ["groeipakket-fons", "gemeente-wilgendaal"],
                "800.00",
                "voorjaar",
                2,
                4,
                ActionResult.DONE,
                "De flyer ligt bij de huisartsen en in de scholen; de zitdagen hadden 40% meer "
                "bezoekers.",
            ),
            (
                "Vermelding van de zitdagen in de geboortebrief",
                ["gemeente-wilgendaal"],
                "0.00",
                "hele jaar",
                1,
                12,
                ActionResult.PARTLY,
                "Wilgendaal en Lindenaken doen mee; Berkhove volgt volgend jaar.",
            ),
        ],
    ),
    (
        Pillar.MEETING,
        "childcare",
        "parents",
        "Minder wachten op kinderopvang in Berkhove",
        "Extra plaatsen in Ter Heide",
        "Elk gezin vindt ondersteuning dicht bij huis",
        ["Wachtlijst kinderopvang Berkhove"],
        [
            (
                "Lokaal loket kinderopvang zoekt met de opvang naar extra plaatsen",
                ["loket-kinderopvang", "kdv-de-rupsjes"],
                "1500.00",
                "najaar",
                9,
                12,
                ActionResult.DONE,
                "24 extra plaatsen kinderopvang in Ter Heide sinds september.",
            ),
        ],
    ),
    (
        Pillar.MEETING,
        "language",
        "newcomers",
        "Anderstalige ouders voelen zich welkom in de groepen",
        "Twee groepen met een tolk of taalondersteuning",
        "Meer ontmoeting tussen gezinnen in elke deelgemeente",
        ["Te weinig aanbod in het Arabisch en Oekraïens"],
        [
            (
                "Taalbabbel voor mama's met een baby in de bibliotheek",
                ["bib-lindenaken"],
                "600.00",
                "elke woensdag",
                3,
                6,
                ActionResult.NOT_DONE,
                "Geen vrijwilligers gevonden; we zoeken samen met Welzijnsschakel De Brug.",
            ),
        ],
    ),
]

THIS_YEAR = [
    (
        Pillar.MEETING,
        "meeting",
        "parents",
        "Avondaanbod voor werkende ouders",
        "Elke maand minstens één activiteit na 18 uur",
        "Meer ontmoeting tussen gezinnen in elke deelgemeente",
        ["Geen avondaanbod voor werkende ouders"],
        [
            (
                "Speelcafé op donderdagavond in Kapelhoek",
                ["vzw-speelcafe-kapelhoek"],
                "1200.00",
                "vanaf september",
                9,
                12,
                None,
                "",
            ),
            (
                "Thema-avond 'slapen en schermtijd' in de bibliotheek",
                ["bib-wilgendaal", "opvoedingswinkel-scheldevallei"],
                "450.00",
                "oktober",
                10,
                10,
                None,
                "",
            ),
        ],
    ),
    (
        Pillar.PARENTING,
        "education",
        "parents",
        "Hulp bij de digitale schoolinschrijving",
        "Elk gezin dat hulp vraagt, is ingeschreven voor de deadline",
        "Kwetsbare gezinnen worden sneller bereikt",
        ["Alles loopt online: schoolinschrijving"],
        [
            (
                "Inschrijfmomenten met een laptop in het Sociaal Huis",
                ["sociaal-huis-wilgendaal", "clb-scheldevallei"],
                "300.00",
                "maart",
                3,
                3,
                None,
                "",
            ),
        ],
    ),
]


def _plan(coordinator, network, year, title, status, goals) -> ActionPlan:
    """The plan as the coordinator builds it on the plan pages: plan, goals, actions, then
    the steering group's adoption and the results at the year's end (which also go to the
    signal themes the goals answer, as feedback)."""
    plan = ActionPlan.objects.filter(network=network, year=year).first()
    if plan is not None:
        return plan
    plan = services.plan_create(
        actor=coordinator,
        network=network,
        year=year,
        title=title,
        multi_year_goals=MULTI_YEAR_GOALS,
    )
    organisations = {o.slug: o for o in Organisation.objects.filter(networks=network)}
    results = []
    for pillar, domain, group, text, indicator, multi, theme_titles, actions in goals:
        goal = services.goal_create(
            actor=coordinator,
            plan=plan,
            pillar=pillar,
            life_domain=domain,
            target_group=group,
            text=text,
            indicator=indicator,
            multi_year_goal=multi,
            themes=Theme.objects.filter(network=network, title__in=theme_titles),
        )
        for action_text, partners, budget, timing, start, end, result, note in actions:
            action = services.action_create(
                actor=coordinator,
                goal=goal,
                text=action_text,
                partners=[organisations[slug] for slug in partners if slug in organisations],
                budget=Decimal(budget),
                timing=timing,
                start_month=start,
                end_month=end,
            )
            if result:
                results.append((action, result, note))
    if status == PlanStatus.ADOPTED:
        services.plan_adopt(
            actor=coordinator,
            plan=plan,
            now=timezone.make_aware(dt.datetime(year - 1, 12, 10, 20, 0)),
        )
    for action, result, note in results:
        services.action_record_result(
            actor=coordinator, action=action, result=result, result_note=note
        )
    return plan


def load() -> list[tuple[str, str, str]]:
    network = Network.objects.get(slug="scheldevallei")
    coordinator = get_user_model().objects.get(email=COORDINATOR)
    year = timezone.localdate().year
    _plan(
        coordinator, network, year - 1, f"Actieplan {year - 1}", PlanStatus.ADOPTED, PREVIOUS_YEAR
    )
    _plan(coordinator, network, year, f"Actieplan {year}", PlanStatus.DRAFT, THIS_YEAR)
    return []
