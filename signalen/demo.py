"""Demo signals: three years of what professionals and families noticed in Scheldevallei,
with visible trends (evening offer for working parents rising, the childcare waiting
list in Berkhove falling after extra places), themes in every status with feedback,
searches that found nothing, and a short needs survey with answers.

Idempotent: adds signals only when the demo themes are not there yet.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from aanbod.choices import AgeGroup, LifeDomain
from partners.models import Deelgemeente, Municipality, Network

from . import services
from .choices import Barrier, Frequency, SignalKind, SignalSource, ThemeStatus
from .models import Signal, Survey, SurveyQuestion, Theme

REPORTERS = [
    "coordinator@demo.huisvanhetkind.be",
    "maatschappelijkwerker@demo.huisvanhetkind.be",
    "redacteur@demo.huisvanhetkind.be",
    "hulpverlener@demo.huisvanhetkind.be",
]
D = LifeDomain

# title, description, status, reason, feedback, signals per year (oldest first),
# kind, barrier, life domains, age groups, place (municipality or deelgemeente), texts
THEMES = [
    (
        "Geen avondaanbod voor werkende ouders",
        "Groepen en spreekuren zijn overdag; werkende ouders kunnen niet komen.",
        ThemeStatus.ON_AGENDA,
        "Op de agenda van de stuurgroep van maart.",
        "",
        (4, 9, 18),
        SignalKind.BARRIER,
        Barrier.OPENING_HOURS,
        [D.PARENTING, D.MEETING],
        [AgeGroup.BABY_TODDLER, AgeGroup.PRESCHOOL],
        "Wilgendaal",
        [
            "Werkende ouders vragen naar een babbelgroep na 18 uur.",
            "Geen opvoedingsspreekuur op de avond of in het weekend.",
            "Papa's die voltijds werken vinden geen aanbod: alles is overdag.",
            "Ouders in ploegendienst missen de themavonden die om 14 uur beginnen.",
        ],
    ),
    (
        "Wachtlijst kinderopvang Berkhove",
        "Gezinnen in Berkhove en Ter Heide wachten maanden op een plaats in de opvang.",
        ThemeStatus.ANSWERED,
        "Het lokaal loket kinderopvang opende 24 extra plaatsen in Ter Heide.",
        "Dank voor jullie signalen. Sinds september zijn er 24 extra plaatsen kinderopvang "
        "in Ter Heide, en het lokaal loket kinderopvang helpt gezinnen die dringend een "
        "plaats zoeken eerst.",
        (16, 9, 3),
        SignalKind.BARRIER,
        Barrier.WAITING_LIST,
        [D.CHILDCARE, D.WORK],
        [AgeGroup.BABY_TODDLER],
        "Ter Heide",
        [
            "Ouders in Berkhove vinden geen opvang voor hun baby: wachtlijst van 9 maanden.",
            "Moeder kan niet starten met werk omdat er geen opvangplaats is.",
            "Nieuwkomers weten niet hoe ze zich op de wachtlijst zetten.",
        ],
    ),
    (
        "Groeipakket-zitdagen zijn niet gekend",
        "Gezinnen weten niet dat ze in het Huis van het Kind terecht kunnen met vragen "
        "over het Groeipakket.",
        ThemeStatus.IN_ACTION_PLAN,
        "Actie in het actieplan: flyer in vijf talen en vermelding in de geboortebrief.",
        "We maken de zitdagen beter bekend: met een flyer in vijf talen en in de brief die "
        "elk gezin na een geboorte krijgt.",
        (6, 7, 6),
        SignalKind.GAP,
        "",
        [D.MONEY],
        [AgeGroup.EXPECTING, AgeGroup.BABY_TODDLER],
        "Lindenaken",
        [
            "Gezinnen kennen de zitdagen van het Groeipakket niet.",
            "Ouders wisten niet dat ze recht hadden op een schooltoeslag.",
        ],
    ),
    (
        "Te weinig aanbod in het Arabisch en Oekraïens",
        "Anderstalige ouders haken af omdat groepen alleen in het Nederlands zijn.",
        ThemeStatus.IN_ANALYSIS,
        "",
        "",
        (3, 5, 8),
        SignalKind.BARRIER,
        Barrier.LANGUAGE,
        [D.LANGUAGE, D.PARENTING],
        [AgeGroup.BABY_TODDLER, AgeGroup.PRESCHOOL, AgeGroup.PRIMARY],
        "Oostmolen",
        [
            "Oekraïense mama's willen naar de babbelgroep maar begrijpen te weinig.",
            "Arabischtalige ouders vragen een tolk bij het consultatiebureau.",
        ],
    ),
    (
        "Alles loopt online: schoolinschrijving",
        "Ouders zonder computer of met weinig digitale vaardigheden raken niet ingeschreven.",
        ThemeStatus.NEW,
        "",
        "",
        (0, 2, 5),
        SignalKind.BARRIER,
        Barrier.DIGITAL_ONLY,
        [D.EDUCATION],
        [AgeGroup.PRESCHOOL],
        "Berkhove",
        [
            "Ouders kunnen hun kind alleen online inschrijven voor de kleuterschool.",
            "Geen hulp bij het digitaal aanmelden in de deelgemeenten.",
        ],
    ),
    (
        "Geen vervoer naar het peuterspeelpunt in Kapelhoek",
        "Het peuterspeelpunt is moeilijk bereikbaar zonder auto.",
        ThemeStatus.NOT_TAKEN_UP,
        "Te weinig gezinnen om een busje te organiseren; de fietsbib leent nu bakfietsen uit.",
        "We kunnen geen vervoer regelen, maar bij de fietsbib kan je nu gratis een bakfiets "
        "lenen om naar het peuterspeelpunt te gaan.",
        (3, 3, 2),
        SignalKind.BARRIER,
        Barrier.DISTANCE,
        [D.MEETING, D.LEISURE],
        [AgeGroup.PRESCHOOL],
        "Kapelhoek",
        ["Gezinnen zonder auto geraken niet naar het peuterspeelpunt."],
    ),
]

UNBUNDLED = [
    (
        SignalKind.NEED,
        "",
        [D.MENTAL_WELLBEING],
        [AgeGroup.TEEN],
        "Wilgendaal",
        "Jongeren van 14 tot 16 zoeken een plek om te praten over stress op school.",
    ),
    (
        SignalKind.BARRIER,
        Barrier.COST,
        [D.LEISURE],
        [AgeGroup.PRIMARY],
        "Berkhove",
        "Zwemlessen zijn te duur voor gezinnen met een laag inkomen.",
    ),
    (
        SignalKind.GAP,
        "",
        [D.HEALTH],
        [AgeGroup.EXPECTING],
        "Lindenaken",
        "Geen zwangerschapscursus in de buurt.",
    ),
    (
        SignalKind.NEED,
        "",
        [D.PARENTING],
        [AgeGroup.TEEN],
        "Hagebeek",
        "Ouders van pubers zoeken een oudergroep over schermtijd.",
    ),
    (
        SignalKind.BARRIER,
        Barrier.OPENING_HOURS,
        [D.PARENTING],
        [AgeGroup.BABY_TODDLER],
        "Steenbrugge",
        "Het consultatiebureau is alleen open op dinsdagvoormiddag.",
    ),
]

FAMILY_EMAILS = ["ouder1@example.be", "ouder2@example.be", "ouder3@example.be"]

SEARCH_GAPS = [
    ("zwemles kansentarief", 7),
    ("avond babbelgroep", 5),
    ("tolk arabisch", 4),
    ("huiswerkbegeleiding zaterdag", 3),
    ("rouw zwangerschap", 2),
]

SURVEY_QUESTIONS = [
    (
        SignalKind.NEED,
        {
            "nl": "Wat mis je voor jouw gezin?",
            "en": "What does your family miss?",
            "fr": "Qu'est-ce qui manque à votre famille ?",
        },
    ),
    (
        SignalKind.BARRIER,
        {
            "nl": "Wat maakt het moeilijk om naar ons aanbod te komen?",
            "en": "What makes it hard to come to our activities?",
            "fr": "Qu'est-ce qui rend difficile la participation à nos activités ?",
        },
    ),
    (
        SignalKind.NEED,
        {
            "nl": "Welke momenten passen voor jou (dag, uur)?",
            "en": "Which moments suit you (day, time)?",
            "fr": "Quels moments vous conviennent (jour, heure) ?",
        },
    ),
]
SURVEY_ANSWERS = [
    ("Een speelplek voor kinderen als het regent.", "Alles is op weekdagen.", "Zaterdagvoormiddag"),
    ("Hulp bij huiswerk in het Arabisch.", "Ik begrijp de brieven niet.", "Woensdagnamiddag"),
    ("Een babbelgroep voor papa's.", "Ik werk tot 18 uur.", "Dinsdagavond"),
]


# A theme's way to its demo status, one service per step (every theme starts "new").
THEME_PATHS = {
    ThemeStatus.NEW: [],
    ThemeStatus.IN_ANALYSIS: [ThemeStatus.IN_ANALYSIS],
    ThemeStatus.ON_AGENDA: [ThemeStatus.IN_ANALYSIS, ThemeStatus.ON_AGENDA],
    ThemeStatus.IN_ACTION_PLAN: [
        ThemeStatus.IN_ANALYSIS,
        ThemeStatus.ON_AGENDA,
        ThemeStatus.IN_ACTION_PLAN,
    ],
    ThemeStatus.ANSWERED: [ThemeStatus.IN_ANALYSIS, ThemeStatus.ANSWERED],
    ThemeStatus.NOT_TAKEN_UP: [ThemeStatus.IN_ANALYSIS, ThemeStatus.NOT_TAKEN_UP],
}


def load() -> list[tuple[str, str, str]]:
    """Signals, themes, feedback and survey answers, each through the service a user's
    click would call, with the moment injected (`now=`) to spread them over three years."""
    network = Network.objects.get(slug="scheldevallei")
    if Theme.objects.filter(network=network, title=THEMES[0][0]).exists():
        return []
    rng = random.Random(2013)  # noqa: S311 (the year of the decree: the same demo every time)
    now = timezone.now()
    users = {u.email: u for u in get_user_model().objects.filter(email__in=REPORTERS)}
    coordinator = users[REPORTERS[0]]
    places = _places(network)

    def when(year_index: int) -> dt.datetime:
        # year_index 0 = 24–36 months ago, 2 = the last twelve months
        days_ago = (2 - year_index) * 365 + rng.randint(1, 364)
        return now - dt.timedelta(days=days_ago, hours=rng.randint(0, 8))

    for (
        title,
        description,
        status,
        reason,
        feedback,
        per_year,
        kind,
        barrier,
        domains,
        ages,
        place,
        texts,
    ) in THEMES:
        theme = services.theme_create(
            actor=coordinator, network=network, title=title, description=description
        )
        municipality, deelgemeente = places[place]
        signal_ids = []
        for year_index, count in enumerate(per_year):
            for number in range(count):
                source = rng.choice([SignalSource.STAFF, SignalSource.STAFF, SignalSource.FAMILY])
                email = (
                    FAMILY_EMAILS[number % len(FAMILY_EMAILS)]
                    if source == SignalSource.FAMILY and number % 2 == 0
                    else ""
                )
                signal = _signal(
                    network=network,
                    reporter=users[REPORTERS[number % len(REPORTERS)]]
                    if source == SignalSource.STAFF
                    else None,
                    kind=kind,
                    barrier=barrier,
                    text=texts[number % len(texts)],
                    life_domains=domains,
                    age_groups=ages,
                    municipality=municipality,
                    deelgemeente=deelgemeente,
                    frequency=rng.choice(Frequency.values),
                    contact_email=email,
                    now=when(year_index),
                )
                signal_ids.append(signal.id)
        services.signals_bundle(actor=coordinator, theme=theme, signal_ids=signal_ids)
        changed_at = now - dt.timedelta(days=rng.randint(5, 60))
        for step in THEME_PATHS[status]:
            # The givers read the reason of the last step; the ones on the way need none.
            theme = services.THEME_STEPS[step](
                theme=theme,
                actor=coordinator,
                reason=reason if step == status else "",
                now=changed_at,
            )
        if feedback:
            # Families who left an address get it by mail, through the worker.
            services.theme_feedback_send(
                theme=theme,
                actor=coordinator,
                feedback=feedback,
                now=now - dt.timedelta(days=rng.randint(1, 30)),
            )
    for index, (kind, barrier, domains, ages, place, text) in enumerate(UNBUNDLED):
        municipality, deelgemeente = places[place]
        _signal(
            network=network,
            reporter=users[REPORTERS[index % len(REPORTERS)]] if index % 2 == 0 else None,
            kind=kind,
            barrier=barrier,
            text=text,
            life_domains=domains,
            age_groups=ages,
            municipality=municipality,
            deelgemeente=deelgemeente,
            frequency="",
            contact_email="",
            now=now - dt.timedelta(days=rng.randint(1, 40)),
        )
    _search_gaps(now.date(), rng, network)
    _survey(network, rng)
    return []


def _signal(*, network, reporter, frequency: str, deelgemeente, **fields) -> Signal:
    """A professional's signal when there is a reporter, else a family's from the site
    (families name no deelgemeente and no frequency: the public form does not ask)."""
    if reporter is not None:
        return services.signal_report(
            actor=reporter,
            network=network,
            deelgemeente=deelgemeente,
            frequency=frequency,
            **{k: v for k, v in fields.items() if k != "contact_email"},
        )
    return services.signal_give_as_family(network=network, **fields)


def _places(network) -> dict:
    """Name -> (municipality, deelgemeente or None)."""
    places = {}
    for municipality in Municipality.objects.filter(networks=network):
        places[municipality.name] = (municipality, None)
    for deelgemeente in Deelgemeente.objects.filter(municipality__networks=network).select_related(
        "municipality"
    ):
        if deelgemeente.name not in places:
            places[deelgemeente.name] = (deelgemeente.municipality, deelgemeente)
    return places


def _search_gaps(today: dt.date, rng: random.Random, network) -> None:
    """Searches that found nothing, counted one search at a time as the catalogue does."""
    for weeks_ago in range(12):
        day = today - dt.timedelta(weeks=weeks_ago)
        for query, weight in SEARCH_GAPS:
            for _search in range(rng.randint(0, weight)):
                services.search_gap_record(query=query, network_id=network.id, today=day)


def _survey(network, rng: random.Random) -> None:
    survey, created = Survey.objects.update_or_create(
        slug="wat-hebben-gezinnen-nodig",
        defaults={
            "network": network,
            "title_nl": "Wat hebben jullie nodig?",
            "title_en": "What do you need?",
            "title_fr": "De quoi avez-vous besoin ?",
            "intro_nl": "Drie korte vragen. Je antwoorden zijn anoniem.",
            "intro_en": "Three short questions. Your answers are anonymous.",
            "intro_fr": "Trois questions courtes. Vos réponses sont anonymes.",
            "is_open": True,
        },
    )
    if not created:
        return
    questions = []
    for position, (kind, texts) in enumerate(SURVEY_QUESTIONS):
        questions.append(
            SurveyQuestion.objects.create(
                survey=survey,
                position=position,
                kind=kind,
                **{f"text_{code}": text for code, text in texts.items()},
            )
        )
    for answers in SURVEY_ANSWERS:
        services.survey_answers_submit(
            survey=survey, answers=dict(zip(questions, answers, strict=True)), language="nl"
        )
