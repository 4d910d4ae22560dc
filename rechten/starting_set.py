"""The starting set of rights: a first list for a network, "to be checked by the network".

Flemish rules change every year and differ per municipality: the coordinator reviews each
right before trusting it (the start page asks until someone did). Amounts are never given.
"""

from django.db import transaction

from aanbod.models import Offer
from partners.models import Network

from .choices import RightStatus
from .models import Right

LOW_INCOME = {"answer": "income", "in": ["low"], "unsure": ["middle"]}
KNOWN_STATUS = {"answer": "status", "in": ["living_wage", "increased_allowance"]}
ANY_CHILD = {
    "answer": "children",
    "in": ["expecting", "0_2", "3_5", "6_11", "12_17", "18_25"],
}

STARTING_SET = [
    {
        "key": "groeipakket-sociale-toeslag",
        "name": "Groeipakket: sociale toeslag",
        "description": (
            "Bovenop het gewone Groeipakket krijgen gezinnen met een laag inkomen extra geld "
            "per kind. Meestal gaat dat vanzelf, maar niet altijd."
        ),
        "condition": {"all": [ANY_CHILD, {"any": [KNOWN_STATUS, LOW_INCOME]}]},
        "conditions_in_words": "Het inkomen van het hele gezin telt, ook van een nieuwe partner.",
        "why_worth_checking": "Je hebt kinderen en een laag inkomen of een sociaal statuut.",
        "why_probably_not": "Je inkomen lijkt hoger dan de grens.",
        "official_url": "https://www.groeipakket.be/sociale-toeslag",
        "ask_who": "je uitbetaler van het Groeipakket (zitdag in het Sociaal Huis)",
        "worries": ["money"],
    },
    {
        "key": "schooltoeslag",
        "name": "Schooltoeslag",
        "description": (
            "Geld per schooljaar voor kinderen in het kleuter-, lager of secundair onderwijs. "
            "Je moet het niet aanvragen als je al Groeipakket krijgt, maar het loopt soms mis."
        ),
        "condition": {
            "all": [
                {"answer": "children", "in": ["3_5", "6_11", "12_17"]},
                {"any": [KNOWN_STATUS, LOW_INCOME]},
            ]
        },
        "conditions_in_words": "Je kind gaat naar school en is niet te veel afwezig.",
        "why_worth_checking": "Je hebt een kind dat naar school gaat en een laag inkomen.",
        "why_probably_not": "Je hebt geen schoolgaand kind, of je inkomen lijkt te hoog.",
        "official_url": "https://www.groeipakket.be/schooltoeslag",
        "ask_who": "je uitbetaler van het Groeipakket",
        "worries": ["school_costs", "money"],
    },
    {
        "key": "kinderopvang-inkomenstarief",
        "name": "Kinderopvang aan inkomenstarief",
        "description": (
            "In veel kinderopvang betaal je volgens je inkomen. Met een laag inkomen of een "
            "sociaal statuut kan het tarief nog lager."
        ),
        "condition": {"answer": "children", "in": ["expecting", "0_2"], "unsure": ["3_5"]},
        "conditions_in_words": "De opvang werkt met inkomenstarief; je vraagt een attest aan.",
        "why_worth_checking": "Je verwacht een baby of hebt een kind jonger dan 3 jaar.",
        "why_probably_not": "Je hebt geen kind in de leeftijd van de kinderopvang.",
        "official_url": "https://www.kindengezin.be/nl/thema/kinderopvang/betalen-voor-kinderopvang",
        "ask_who": "het Loket Kinderopvang of het Huis van het Kind",
        "worries": ["childcare", "money"],
    },
    {
        "key": "uitpas-kansentarief",
        "name": "UiTPAS met kansentarief",
        "description": (
            "Met UiTPAS en kansentarief betaal je veel minder voor sport, cultuur, kampen "
            "en uitstappen met de kinderen."
        ),
        "condition": {"any": [KNOWN_STATUS, LOW_INCOME]},
        "conditions_in_words": "Je gemeente doet mee met UiTPAS.",
        "why_worth_checking": "Je hebt een sociaal statuut of een laag inkomen.",
        "why_probably_not": "Je inkomen lijkt te hoog voor het kansentarief.",
        "official_url": "https://www.uitpas.be",
        "ask_who": "het Sociaal Huis of de balie van de bibliotheek",
        "worries": ["leisure", "money"],
    },
    {
        "key": "verhoogde-tegemoetkoming",
        "name": "Verhoogde tegemoetkoming",
        "description": (
            "Je betaalt minder bij de dokter, de apotheek en het ziekenhuis, en je krijgt "
            "andere voordelen. Het ziekenfonds kent het toe."
        ),
        "condition": {
            "all": [
                {"not": {"answer": "status", "in": ["increased_allowance"]}},
                {
                    "any": [
                        {"answer": "status", "in": ["living_wage"]},
                        LOW_INCOME,
                        {"answer": "work", "in": ["job_seeking", "sick"]},
                        {"answer": "single_parent", "in": [], "unsure": ["yes"]},
                    ]
                },
            ]
        },
        "conditions_in_words": "Het ziekenfonds kijkt naar het inkomen van vorig jaar.",
        "why_worth_checking": "Je inkomen is laag, of je hebt leefloon, geen werk of bent ziek.",
        "why_probably_not": "Je hebt het al, of je inkomen lijkt te hoog.",
        "official_url": "https://www.inami.fgov.be/nl/themas/kosten-terugbetaling/"
        "verhoogde-tegemoetkoming",
        "ask_who": "je ziekenfonds",
        "worries": ["health", "money"],
    },
    {
        "key": "sociaal-tarief-energie",
        "name": "Sociaal tarief voor energie",
        "description": (
            "Een lagere prijs voor elektriciteit en gas. Meestal krijg je het automatisch "
            "als je er recht op hebt."
        ),
        "condition": {
            "any": [
                {"answer": "status", "in": ["living_wage"], "unsure": ["increased_allowance"]},
                {"answer": "income", "in": [], "unsure": ["low"]},
                {"answer": "work", "in": [], "unsure": ["sick"]},
            ]
        },
        "conditions_in_words": "Leefloon, een uitkering voor een handicap of een ander statuut.",
        "why_worth_checking": "Met leefloon heb je er meestal recht op.",
        "why_probably_not": "Je hebt geen leefloon of een ander statuut dat het geeft.",
        "official_url": "https://economie.fgov.be/nl/themas/energie/energieprijzen/sociaal-tarief",
        "ask_who": "het Sociaal Huis",
        "worries": ["energy", "money", "housing"],
    },
    {
        "key": "studietoelage",
        "name": "Studietoelage hoger onderwijs",
        "description": "Geld voor studenten aan een hogeschool of universiteit.",
        "condition": {
            "all": [{"answer": "children", "in": ["18_25"]}, {"any": [KNOWN_STATUS, LOW_INCOME]}]
        },
        "conditions_in_words": "Je kind studeert en slaagt voldoende.",
        "why_worth_checking": "Je hebt een kind dat studeert en een laag inkomen.",
        "why_probably_not": "Je hebt geen studerend kind, of je inkomen lijkt te hoog.",
        "official_url": "https://www.studietoelagen.be",
        "ask_who": "de studentendienst van de school, of het Sociaal Huis",
        "worries": ["school_costs", "money"],
    },
    {
        "key": "gemeentelijke-steun",
        "name": "Steun van je gemeente (voorbeeld)",
        "description": (
            "Veel gemeenten geven eigen steun: een premie bij een geboorte, hulp bij "
            "schoolkosten of een vakantiekamp. Elke gemeente doet het anders."
        ),
        "condition": {
            "any": [KNOWN_STATUS, LOW_INCOME, {"answer": "single_parent", "in": ["yes"]}]
        },
        "conditions_in_words": "Elke gemeente heeft eigen regels: vraag ze aan het Sociaal Huis.",
        "why_worth_checking": "Gezinnen met een krap budget krijgen vaak steun van de gemeente.",
        "why_probably_not": "Je inkomen lijkt te hoog voor de meeste steun van de gemeente.",
        "official_url": "",
        "ask_who": "het Sociaal Huis van je gemeente",
        "worries": ["money", "school_costs", "leisure"],
    },
]


@transaction.atomic
def rights_starting_set_load(*, network: Network) -> int:
    """Add the starting set to a network (rights it has already stay as they are).

    Published at once, so families can use the check, but marked and never reviewed:
    the start page asks the coordinator to check each one. Returns the number added.
    """
    rechtenverkenning = list(
        Offer.objects.published().filter(networks=network, slug__startswith="rechtenverkenning")
    )
    added = 0
    for order, item in enumerate(STARTING_SET, start=1):
        fields = {key: value for key, value in item.items() if key != "key"}
        right, created = Right.objects.get_or_create(
            network=network,
            key=item["key"],
            defaults={
                **fields,
                "order": order * 10,
                "status": RightStatus.PUBLISHED,
                "from_starting_set": True,
            },
        )
        if created:
            right.local_offers.set(rechtenverkenning)
            added += 1
    return added
