"""Fictional demo network: three municipalities, partners and one user per role.

Idempotent: natural keys with update_or_create, so running it twice changes nothing.
"""

from django.contrib.auth import get_user_model

from .choices import Pillar, Role
from .models import Deelgemeente, Membership, Municipality, Network, Organisation, OrganisationType

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

# (slug, name, type, pillars, description)
ORGANISATIONS = [
    (
        "gemeente-wilgendaal",
        "Gemeente Wilgendaal",
        "Lokaal bestuur",
        [Pillar.MEETING],
        "Organiseert het Huis van het Kind en de speelpleinwerking.",
    ),
    (
        "sociaal-huis-wilgendaal",
        "Sociaal Huis Wilgendaal",
        "OCMW / Sociaal Huis",
        [Pillar.PARENTING],
        "Hulp bij geld, rechten en papieren. Eén loket voor al je vragen.",
    ),
    (
        "kind-en-gezin-scheldevallei",
        "Kind & Gezin — consultatiebureau Scheldevallei",
        "Kind & Gezin",
        [Pillar.HEALTH],
        "Gratis consultaties voor baby's en peuters.",
    ),
]

# (role label, e-mail, role, organisation slug or None for the network, staff?)
USERS = [
    ("Coördinator", "coordinator@demo.huisvanhetkind.be", Role.COORDINATOR, None, True),
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
]


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
    for slug, name, type_name, pillars, description in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "type": types[type_name],
                "pillars": list(pillars),
                "description": description,
            },
        )
        organisation.networks.add(network)
        organisations[slug] = organisation
    if network.organiser_id is None:
        network.organiser = organisations["gemeente-wilgendaal"]
        network.save(update_fields=["organiser"])

    return _users(network, organisations)


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
        user, created = user_model.objects.get_or_create(
            email=email, defaults={"username": email.split("@")[0], "is_staff": staff}
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
    return logins
