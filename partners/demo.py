"""Fictional demo network: three municipalities, partners and one user per role.

Idempotent: natural keys with update_or_create, so running it twice changes nothing.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from .choices import Pillar, Role
from .meetings import decision_record, meeting_create
from .models import (
    Agreement,
    Deelgemeente,
    Group,
    Location,
    Membership,
    Municipality,
    Network,
    OpeningPeriod,
    Organisation,
    OrganisationType,
    SchoolHoliday,
    Zitdag,
)

DEMO_PASSWORD = "demo-wachtwoord"

MUNICIPALITIES = [
    ("46031", "Wilgendaal", [("9240", "Wilgendaal"), ("9241", "Oostmolen"), ("9242", "Hagebeek")]),
    ("46032", "Berkhove", [("9250", "Berkhove"), ("9251", "Ter Heide")]),
    (
        "46033",
        "Lindenaken",
        [("9260", "Lindenaken"), ("9261", "Steenbrugge"), ("9262", "Kapelhoek")],
    ),
]

ORGANISATION_TYPES = [
    ("Lokaal bestuur", False),
    ("OCMW / Sociaal Huis", True),
    ("Kind & Gezin", False),
    ("Kinderopvang", False),
    ("School", False),
    ("CLB", False),
    ("CAW", False),
    ("CKG", False),
    ("Bibliotheek", False),
    ("Jeugddienst", False),
    ("Groeipakket", False),
    ("Gezinsbond", False),
    ("Vereniging", False),
    ("Opvoedingswinkel", False),
    ("Lokaal loket kinderopvang", False),
    ("Welzijnsschakel", False),
    ("Sportclub", False),
]

H, P, M = Pillar.HEALTH, Pillar.PARENTING, Pillar.MEETING
# (slug, name, type, pillars, description)
ORGANISATIONS = [
    (
        "gemeente-wilgendaal",
        "Gemeente Wilgendaal",
        "Lokaal bestuur",
        [M],
        "Organiseert het Huis van het Kind en de speelpleinwerking.",
    ),
    (
        "sociaal-huis-wilgendaal",
        "Sociaal Huis Wilgendaal",
        "OCMW / Sociaal Huis",
        [P],
        "Hulp bij geld, rechten en papieren. Eén loket voor al je vragen.",
    ),
    (
        "sociaal-huis-berkhove",
        "Sociaal Huis Berkhove",
        "OCMW / Sociaal Huis",
        [P],
        "Rechtenverkenning, financiële en materiële hulp.",
    ),
    (
        "sociaal-huis-lindenaken",
        "Sociaal Huis Lindenaken",
        "OCMW / Sociaal Huis",
        [P],
        "Breed onthaal: je kan hier met elke vraag terecht.",
    ),
    (
        "kind-en-gezin-scheldevallei",
        "Kind & Gezin — consultatiebureau Scheldevallei",
        "Kind & Gezin",
        [H],
        "Gratis consultaties voor baby's en peuters.",
    ),
    (
        "kdv-de-rupsjes",
        "Kinderdagverblijf De Rupsjes",
        "Kinderopvang",
        [M],
        "Opvang voor baby's en peuters tot 3 jaar.",
    ),
    (
        "ibo-de-speelvogel",
        "IBO De Speelvogel",
        "Kinderopvang",
        [M],
        "Buitenschoolse opvang voor kinderen van 2,5 tot 12 jaar.",
    ),
    (
        "onthaalouders-scheldevallei",
        "Dienst Onthaalouders Scheldevallei",
        "Kinderopvang",
        [M],
        "Kleine opvang bij een onthaalouder thuis.",
    ),
    (
        "basisschool-de-linde",
        "Basisschool De Linde",
        "School",
        [M],
        "Hulp bij inschrijven en de overstap van opvang naar kleuterklas.",
    ),
    (
        "clb-scheldevallei",
        "CLB Scheldevallei",
        "CLB",
        [H, P],
        "Begeleiding van leerlingen: leren, gezondheid en welzijn.",
    ),
    (
        "caw-oost-vlaanderen",
        "CAW Oost-Vlaanderen",
        "CAW",
        [P],
        "Hulp bij relaties, geweld, huisvesting en stress.",
    ),
    (
        "ckg-de-wiege",
        "CKG De Wiege",
        "CKG",
        [P],
        "Opvoedingsondersteuning en gezinscoaching aan huis.",
    ),
    (
        "bib-wilgendaal",
        "Bibliotheek Wilgendaal",
        "Bibliotheek",
        [M],
        "Voorleesuurtje, Boekstart en de opvoedingsbib.",
    ),
    ("bib-lindenaken", "Bibliotheek Lindenaken", "Bibliotheek", [M], "Taalbabbel en huiswerkklas."),
    (
        "jeugddienst-berkhove",
        "Jeugddienst Berkhove",
        "Jeugddienst",
        [M],
        "Speelpleinwerking, buitenspeeldag en kampen.",
    ),
    (
        "groeipakket-fons",
        "Groeipakket — Fons",
        "Groeipakket",
        [P],
        "Zitdagen over het Groeipakket (kinderbijslag).",
    ),
    (
        "gezinsbond-wilgendaal",
        "Gezinsbond Wilgendaal",
        "Gezinsbond",
        [M],
        "Babysitdienst, tweedehandsbeurs en kortingen voor gezinnen.",
    ),
    (
        "opvoedingswinkel-scheldevallei",
        "Opvoedingswinkel Scheldevallei",
        "Opvoedingswinkel",
        [P],
        "Spreekuur en thema-avonden over opvoeden.",
    ),
    (
        "loket-kinderopvang",
        "Lokaal loket kinderopvang Scheldevallei",
        "Lokaal loket kinderopvang",
        [M],
        "Helpt je een plaats in de kinderopvang te vinden.",
    ),
    (
        "welzijnsschakel-de-brug",
        "Welzijnsschakel De Brug",
        "Welzijnsschakel",
        [M],
        "Ontmoeting voor gezinnen in armoede.",
    ),
    (
        "vzw-speelcafe-kapelhoek",
        "Vzw Speelcafé Kapelhoek",
        "Vereniging",
        [M],
        "Elke woensdag speelcafé voor ouders en kinderen tot 6 jaar.",
    ),
    (
        "sportclub-de-sprinters",
        "Sportclub De Sprinters",
        "Sportclub",
        [M],
        "Knuffelturnen en kleutersport.",
    ),
    (
        "pamperbank-berkhove",
        "Pamperbank Berkhove",
        "Vereniging",
        [M],
        "Luiers en babyspullen, via doorverwijzing.",
    ),
    (
        "vroedvrouwen-scheldevallei",
        "Vroedvrouwenpraktijk Scheldevallei",
        "Vereniging",
        [H],
        "Begeleiding tijdens en na de zwangerschap.",
    ),
    (
        "eerstelijnspsy-scheldevallei",
        "Eerstelijnspsychologen Scheldevallei",
        "Vereniging",
        [H],
        "Gratis gesprekken voor kinderen, jongeren en ouders.",
    ),
]

WEEKDAYS_9_12 = [(day, "09:00", "12:00") for day in range(5)]
# (slug, name, organisation slug, street, postcode, city, lat, lng, hours, extra)
LOCATIONS = [
    (
        "huis-van-het-kind-wilgendaal",
        "Huis van het Kind Wilgendaal",
        "gemeente-wilgendaal",
        "Marktplein 3",
        "9240",
        "Wilgendaal",
        "51.0500",
        "3.7300",
        [*WEEKDAYS_9_12, (2, "13:30", "18:00")],
        {
            "wheelchair_accessible": True,
            "changing_table": True,
            "quiet_room": True,
            "public_transport": True,
        },
    ),
    (
        "antenne-berkhove",
        "Antennepunt Berkhove",
        "sociaal-huis-berkhove",
        "Kerkstraat 12",
        "9250",
        "Berkhove",
        "51.0612",
        "3.7811",
        [(1, "09:00", "12:00"), (3, "13:00", "16:00")],
        {"wheelchair_accessible": True},
    ),
    (
        "groeiplek-lindenaken",
        "Groeiplek Lindenaken",
        "sociaal-huis-lindenaken",
        "Stationsstraat 40",
        "9260",
        "Lindenaken",
        "51.0421",
        "3.8120",
        [(0, "13:00", "17:00"), (4, "09:00", "12:00")],
        {"public_transport": True},
    ),
    (
        "sociaal-huis-wilgendaal",
        "Sociaal Huis Wilgendaal",
        "sociaal-huis-wilgendaal",
        "Molenstraat 1",
        "9240",
        "Wilgendaal",
        "51.0512",
        "3.7288",
        [*WEEKDAYS_9_12, (0, "13:00", "16:00"), (3, "13:00", "19:00")],
        {"wheelchair_accessible": True, "parking": True},
    ),
    (
        "consultatiebureau-oostmolen",
        "Consultatiebureau Oostmolen",
        "kind-en-gezin-scheldevallei",
        "Dorpsstraat 8",
        "9241",
        "Oostmolen",
        "51.0701",
        "3.7401",
        [(1, "13:30", "16:30"), (4, "09:00", "11:30")],
        {"changing_table": True},
    ),
    (
        "consultatiebureau-ter-heide",
        "Consultatiebureau Ter Heide",
        "kind-en-gezin-scheldevallei",
        "Heidelaan 22",
        "9251",
        "Ter Heide",
        "51.0655",
        "3.7922",
        [(2, "09:00", "12:00")],
        {"changing_table": True, "parking": True},
    ),
    (
        "de-rupsjes",
        "Kinderdagverblijf De Rupsjes",
        "kdv-de-rupsjes",
        "Bloemenlaan 5",
        "9240",
        "Wilgendaal",
        "51.0480",
        "3.7350",
        [(day, "07:00", "18:30") for day in range(5)],
        {"wheelchair_accessible": True},
    ),
    (
        "de-speelvogel",
        "IBO De Speelvogel",
        "ibo-de-speelvogel",
        "Schoolstraat 2",
        "9260",
        "Lindenaken",
        "51.0433",
        "3.8101",
        [(day, "07:00", "08:30") for day in range(5)]
        + [(day, "15:30", "18:30") for day in range(5)],
        {},
    ),
    (
        "bib-wilgendaal",
        "Bibliotheek Wilgendaal",
        "bib-wilgendaal",
        "Kerkplein 4",
        "9240",
        "Wilgendaal",
        "51.0505",
        "3.7320",
        [(1, "14:00", "19:00"), (2, "10:00", "17:00"), (5, "09:00", "12:30")],
        {"wheelchair_accessible": True, "quiet_room": True},
    ),
    (
        "bib-lindenaken",
        "Bibliotheek Lindenaken",
        "bib-lindenaken",
        "Marktstraat 9",
        "9260",
        "Lindenaken",
        "51.0441",
        "3.8133",
        [(2, "13:00", "18:00"), (5, "10:00", "12:00")],
        {"public_transport": True},
    ),
    (
        "speelcafe-kapelhoek",
        "Speelcafé Kapelhoek",
        "vzw-speelcafe-kapelhoek",
        "Kapelstraat 17",
        "9262",
        "Kapelhoek",
        "51.0380",
        "3.8233",
        [(2, "14:00", "17:00")],
        {"closed_in_school_holidays": True},
    ),
    (
        "jeugdlokaal-berkhove",
        "Jeugdlokaal Berkhove",
        "jeugddienst-berkhove",
        "Sportlaan 3",
        "9250",
        "Berkhove",
        "51.0630",
        "3.7855",
        [(2, "13:00", "17:00"), (5, "10:00", "16:00")],
        {"parking": True},
    ),
    (
        "caw-onthaal-wilgendaal",
        "CAW Onthaal Wilgendaal",
        "caw-oost-vlaanderen",
        "Nieuwstraat 30",
        "9240",
        "Wilgendaal",
        "51.0522",
        "3.7270",
        [(0, "09:00", "12:00"), (3, "13:00", "17:00")],
        {"wheelchair_accessible": True},
    ),
    (
        "ckg-de-wiege",
        "CKG De Wiege",
        "ckg-de-wiege",
        "Wiegstraat 11",
        "9261",
        "Steenbrugge",
        "51.0390",
        "3.8011",
        [(day, "08:30", "16:30") for day in range(5)],
        {"quiet_room": True},
    ),
    (
        "clb-wilgendaal",
        "CLB Scheldevallei — Wilgendaal",
        "clb-scheldevallei",
        "Leerstraat 6",
        "9240",
        "Wilgendaal",
        "51.0499",
        "3.7333",
        [(day, "08:30", "12:00") for day in range(5)]
        + [(day, "13:00", "16:30") for day in range(4)],
        {"public_transport": True},
    ),
]

# (location slug, organisation slug, weekday, from, until, note)
ZITDAGEN = [
    (
        "huis-van-het-kind-wilgendaal",
        "groeipakket-fons",
        1,
        "09:00",
        "12:00",
        "elke tweede dinsdag van de maand",
    ),
    ("huis-van-het-kind-wilgendaal", "opvoedingswinkel-scheldevallei", 2, "14:00", "17:00", ""),
    ("huis-van-het-kind-wilgendaal", "loket-kinderopvang", 3, "09:00", "12:00", "op afspraak"),
    ("antenne-berkhove", "caw-oost-vlaanderen", 1, "09:00", "11:00", ""),
    (
        "groeiplek-lindenaken",
        "groeipakket-fons",
        4,
        "09:00",
        "11:30",
        "elke laatste vrijdag van de maand",
    ),
]

# The network's coordinator: plans the demo meetings and enters the demo catalogue.
COORDINATOR = "coordinator@demo.huisvanhetkind.be"
# (role label, e-mail, role, organisation slug or None for the network, staff?)
USERS = [
    ("Coördinator", COORDINATOR, Role.COORDINATOR, None, True),
    (
        "Partnerredacteur",
        "redacteur@demo.huisvanhetkind.be",
        Role.PARTNER_EDITOR,
        "kind-en-gezin-scheldevallei",
        False,
    ),
    (
        "Maatschappelijk werker",
        "maatschappelijkwerker@demo.huisvanhetkind.be",
        Role.SOCIAL_WORKER,
        "sociaal-huis-wilgendaal",
        False,
    ),
    ("Kijker", "kijker@demo.huisvanhetkind.be", Role.VIEWER, None, False),
    (
        "Hulpverlener CKG (maatschappelijk werker)",
        "hulpverlener@demo.huisvanhetkind.be",
        Role.SOCIAL_WORKER,
        "ckg-de-wiege",
        False,
    ),
    (
        "Maatschappelijk werker contactpunt (Gemeente Wilgendaal, leest 'Stel je vraag')",
        "lotte.vandenbroeck@demo.huisvanhetkind.be",
        Role.SOCIAL_WORKER,
        "gemeente-wilgendaal",
        False,
    ),
    (
        "Vrijwilliger pamperbank (doorverwijzingen)",
        "vrijwilliger@demo.huisvanhetkind.be",
        Role.SOCIAL_WORKER,
        "pamperbank-berkhove",
        False,
    ),
]


# People with a name of their own (the others are known by their role).
USER_NAMES = {"lotte.vandenbroeck@demo.huisvanhetkind.be": ("Lotte", "Van den Broeck")}
# The contact point answers the network's number; every partner has a (fictional) number,
# so the referral form can say whom to call at partners that do not receive referrals.
ORGANISATION_PHONES = {"gemeente-wilgendaal": "09 123 45 67"}


# Each partner's general mailbox and the person the network talks to (fictional names and
# addresses): the agenda of a group goes to that person too, and the bulk invitation in the
# admin invites them. Two volunteers' clubs have no contact person yet, so the start page's
# "partners without a contact person" and the warning on a werkgroep's meeting page show.
ORGANISATION_CONTACTS = {
    "gemeente-wilgendaal": ("Lotte Van den Broeck", "lotte.vandenbroeck"),
    "sociaal-huis-wilgendaal": ("Karim El Amrani", "karim.elamrani"),
    "sociaal-huis-berkhove": ("Els Verstraete", "els.verstraete"),
    "sociaal-huis-lindenaken": ("Bram De Smet", "bram.desmet"),
    "kind-en-gezin-scheldevallei": ("Sofie Claeys", "sofie.claeys"),
    "kdv-de-rupsjes": ("Nathalie Goossens", "nathalie.goossens"),
    "ibo-de-speelvogel": ("Pieter Maes", "pieter.maes"),
    "onthaalouders-scheldevallei": ("Hilde Wouters", "hilde.wouters"),
    "basisschool-de-linde": ("Jan Coppens", "jan.coppens"),
    "clb-scheldevallei": ("Fatma Yilmaz", "fatma.yilmaz"),
    "caw-oost-vlaanderen": ("An De Clercq", "an.declercq"),
    "ckg-de-wiege": ("Veerle Martens", "veerle.martens"),
    "bib-wilgendaal": ("Tom Van Damme", "tom.vandamme"),
    "bib-lindenaken": ("Nadia Aydin", "nadia.aydin"),
    "jeugddienst-berkhove": ("Lien Hermans", "lien.hermans"),
    "groeipakket-fons": ("Olena Kovalenko", "olena.kovalenko"),
    "gezinsbond-wilgendaal": ("Marc Desmet", "marc.desmet"),
    "opvoedingswinkel-scheldevallei": ("Ilse Van Hoecke", "ilse.vanhoecke"),
    "loket-kinderopvang": ("Sarah Peeters", "sarah.peeters"),
    "welzijnsschakel-de-brug": ("Rita Vermeulen", "rita.vermeulen"),
    "pamperbank-berkhove": ("Greet Lambrecht", "greet.lambrecht"),
    "vroedvrouwen-scheldevallei": ("Katrien Mertens", "katrien.mertens"),
    "eerstelijnspsy-scheldevallei": ("Youssef Benali", "youssef.benali"),
}
DEMO_MAIL_DOMAIN = "demo.huisvanhetkind.be"


def _demo_contact(slug: str) -> dict[str, str]:
    name, mailbox = ORGANISATION_CONTACTS.get(slug, ("", ""))
    return {
        "email": f"{slug}@{DEMO_MAIL_DOMAIN}",
        "contact_name": name,
        "contact_email": f"{mailbox}@{DEMO_MAIL_DOMAIN}" if mailbox else "",
    }


def _demo_phone(index: int) -> str:
    return f"09 {210 + index:03d} {(index * 37) % 90 + 10:02d} {(index * 53) % 90 + 10:02d}"


def load() -> list[tuple[str, str, str]]:
    municipalities = []
    for nis_code, name, deelgemeenten in MUNICIPALITIES:
        municipality, _ = Municipality.objects.update_or_create(
            nis_code=nis_code, defaults={"name": name}
        )
        for postcode, deelgemeente in deelgemeenten:
            Deelgemeente.objects.update_or_create(
                municipality=municipality, name=deelgemeente, defaults={"postcode": postcode}
            )
        municipalities.append(municipality)

    network, _ = Network.objects.update_or_create(
        slug="scheldevallei",
        defaults={
            "name": "Huis van het Kind Scheldevallei",
            "intro": "Wij zijn er voor alle gezinnen in Wilgendaal, Berkhove en Lindenaken.",
            "phone": "09 123 45 67",
            "email": "info@huisvanhetkind-scheldevallei.be",
            "street": "Marktplein 3",
            "postcode": "9240",
            "city": "Wilgendaal",
            "opening_hours": "maandag tot vrijdag 9.00–12.00, woensdag ook 13.30–18.00",
        },
    )
    network.municipalities.set(municipalities)

    types = {
        name: OrganisationType.objects.update_or_create(
            name=name, defaults={"is_social_house": social}
        )[0]
        for name, social in ORGANISATION_TYPES
    }
    organisations = {}
    for index, (slug, name, type_name, pillars, description) in enumerate(ORGANISATIONS):
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "type": types[type_name],
                "pillars": list(pillars),
                "description": description,
                "phone": ORGANISATION_PHONES.get(slug, _demo_phone(index)),
                **_demo_contact(slug),
            },
        )
        organisation.networks.add(network)
        organisations[slug] = organisation
    if network.organiser_id is None:
        network.organiser = organisations["gemeente-wilgendaal"]
        network.save(update_fields=["organiser"])
    _locations(network, organisations)
    _agreements(network, organisations)
    logins = _users(network, organisations)
    _groups(network, organisations)
    return logins


def _locations(network, organisations) -> None:
    postcodes = {d.postcode: d for d in Deelgemeente.objects.all()}
    locations = {}
    for slug, name, org, street, postcode, city, lat, lng, hours, extra in LOCATIONS:
        location, _ = Location.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "organisation": organisations[org],
                "network": network,
                "street": street,
                "postcode": postcode,
                "city": city,
                "deelgemeente": postcodes.get(postcode),
                "latitude": lat,
                "longitude": lng,
                **extra,
            },
        )
        location.opening_periods.all().delete()
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(location=location, weekday=day, starts=opens, ends=closes)
            for day, opens, closes in hours
        )
        locations[slug] = location
    Zitdag.objects.filter(location__in=locations.values()).delete()
    Zitdag.objects.bulk_create(
        Zitdag(
            location=locations[loc],
            organisation=organisations[org],
            weekday=day,
            starts=starts,
            ends=ends,
            note=note,
        )
        for loc, org, day, starts, ends, note in ZITDAGEN
    )
    for name, start, end in [
        ("Kerstvakantie", "2026-12-21", "2027-01-03"),
        ("Krokusvakantie", "2027-02-15", "2027-02-21"),
        ("Paasvakantie", "2027-03-29", "2027-04-11"),
    ]:
        SchoolHoliday.objects.update_or_create(name=name, start=start, defaults={"end": end})


def _agreements(network, organisations) -> None:
    today = timezone.localdate()
    for subject, start, end, partners in [
        (
            "Samenwerkingsovereenkomst zitdagen Groeipakket",
            today - dt.timedelta(days=700),
            today + dt.timedelta(days=40),
            ["groeipakket-fons"],
        ),
        (
            "Convenant Huis van het Kind Scheldevallei 2025-2030",
            dt.date(2025, 1, 1),
            dt.date(2030, 12, 31),
            [
                "sociaal-huis-wilgendaal",
                "kind-en-gezin-scheldevallei",
                "ckg-de-wiege",
                "caw-oost-vlaanderen",
            ],
        ),
    ]:
        agreement, _ = Agreement.objects.update_or_create(
            network=network, subject=subject, defaults={"start": start, "end": end}
        )
        agreement.partners.set([organisations[slug] for slug in partners])


def _users(network, organisations) -> list[tuple[str, str, str]]:
    user_model = get_user_model()
    logins = []
    admin, created = user_model.objects.get_or_create(
        email="admin@demo.huisvanhetkind.be",
        defaults={"username": "admin", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    logins.append(("Beheerder (superuser)", admin.email, DEMO_PASSWORD))
    for label, email, role, organisation_slug, staff in USERS:
        first_name, last_name = USER_NAMES.get(email, ("", ""))
        user, created = user_model.objects.get_or_create(
            email=email,
            defaults={
                "username": email.split("@")[0],
                "is_staff": staff,
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if organisation_slug:
            Membership.objects.get_or_create(
                user=user, role=role, organisation=organisations[organisation_slug]
            )
        else:
            Membership.objects.get_or_create(user=user, role=role, network=network)
        logins.append((label, email, DEMO_PASSWORD))
    _second_factors([admin, *user_model.objects.filter(email__in=[u[1] for u in USERS])])
    return logins


def _second_factors(users) -> None:
    """Who must log in with a second factor gets the demo TOTP key (README, demo logins)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from doorverwijzing.demo import DEMO_TOTP_SECRET
    from huisvanhetkind.second_factor import second_factor_required

    for user in users:
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if second_factor_required(user) and not has_totp:
            TOTP.activate(user, DEMO_TOTP_SECRET)


# (kind, name, purpose, member organisation slugs, meetings: (days ago, agenda, decisions))
GROUPS = [
    (
        "steering",
        "Stuurgroep Huis van het Kind Scheldevallei",
        "Bepaalt de koers en schrijft het jaarlijks actieplan.",
        [
            "gemeente-wilgendaal",
            "sociaal-huis-wilgendaal",
            "kind-en-gezin-scheldevallei",
            "ckg-de-wiege",
            "caw-oost-vlaanderen",
        ],
        [
            (
                40,
                "Actieplan 2027: eerste ideeën\nBudget",
                "Avondaanbod voor werkende ouders "
                "wordt prioriteit in 2027\nBudget 6.500 euro verdeeld over de drie pijlers",
            ),
            (120, "Evaluatie zomerwerking", "Zomerschool wordt verlengd in Lindenaken"),
        ],
    ),
    (
        "working",
        "Werkgroep kwetsbare gezinnen",
        "Zorgt dat gezinnen in armoede het aanbod vinden.",
        [
            "sociaal-huis-wilgendaal",
            "sociaal-huis-berkhove",
            "welzijnsschakel-de-brug",
            "pamperbank-berkhove",
        ],
        [
            (
                20,
                "Warme doorverwijzing pamperbank",
                "Sociaal Huis verwijst door naar de "
                "pamperbank met één formulier\nFlyer vertalen naar Arabisch en Oekraïens",
            )
        ],
    ),
    (
        "working",
        "Werkgroep ontmoeting",
        "Speelcafés, babybabbels en de buitenspeeldag.",
        ["vzw-speelcafe-kapelhoek", "bib-wilgendaal", "jeugddienst-berkhove"],
        [(10, "Buitenspeeldag 2027", "Buitenspeeldag op woensdag 14 april in Berkhove")],
    ),
]


def _groups(network, organisations) -> None:
    """The groups, and their past meetings as the coordinator plans and minutes them
    (partners.meetings): the agenda, then each decision line. A meeting already there is
    left as it is, so a second run neither repeats decisions nor undoes edits."""
    coordinator = get_user_model().objects.get(email=COORDINATOR)
    today = timezone.localdate()
    for kind, name, purpose, members, meetings in GROUPS:
        group, _ = Group.objects.update_or_create(
            network=network, name=name, defaults={"kind": kind, "purpose": purpose}
        )
        group.member_organisations.set([organisations[slug] for slug in members])
        planned = set(group.meetings.values_list("date", flat=True))
        for days_ago, agenda, decisions in meetings:
            date = today - dt.timedelta(days=days_ago)
            if date in planned:
                continue
            meeting = meeting_create(actor=coordinator, group=group, date=date, agenda=agenda)
            for decision in decisions.splitlines():
                decision_record(actor=coordinator, meeting=meeting, text=decision)
