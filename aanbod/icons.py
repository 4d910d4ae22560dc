"""Which pictogram stands for which life domain and fact, in one place.

Families who read little recognise a pram or a coin faster than a word; the word is always
shown beside the pictogram, which screen readers skip. The files are Tabler icons (MIT),
vendored into static/vendor/tabler/ by scripts/vendor-static.sh: a name used here must be
in that script's list too (a test checks the files exist).
"""

from .choices import AccessType, AgeGroup, Cost, LifeDomain

ICON_DIRECTORY = "vendor/tabler"

LIFE_DOMAIN_ICONS: dict[str, str] = {
    LifeDomain.PARENTING: "heart-handshake",
    LifeDomain.HEALTH: "stethoscope",
    LifeDomain.MEETING: "users-group",
    LifeDomain.CHILDCARE: "baby-carriage",
    LifeDomain.EDUCATION: "school",
    LifeDomain.LEISURE: "ball-football",
    LifeDomain.MONEY: "coins",
    LifeDomain.HOUSING: "home",
    LifeDomain.WORK: "briefcase",
    LifeDomain.LANGUAGE: "language",
    LifeDomain.MENTAL_WELLBEING: "mood-smile",
    LifeDomain.SAFETY: "shield-check",
}

AGE_GROUP_ICONS: dict[str, str] = {
    AgeGroup.WISH_FOR_CHILD: "heart",
    AgeGroup.EXPECTING: "baby-carriage",
    AgeGroup.BABY_TODDLER: "baby-bottle",
    AgeGroup.PRESCHOOL: "mood-kid",
    AgeGroup.PRIMARY: "school",
    AgeGroup.TEEN: "friends",
    AgeGroup.YOUNG_ADULT: "friends",
}

ACCESS_TYPE_ICONS: dict[str, str] = {
    AccessType.WALK_IN: "door-enter",
    AccessType.APPOINTMENT: "calendar-time",
    AccessType.REGISTRATION: "clipboard-check",
    AccessType.REFERRAL_ONLY: "arrow-forward-up",
}

# The facts of an offer card and page.
FACT_ICONS: dict[str, str] = {
    "age": "friends",
    "when": "calendar-event",
    "place": "map-pin",
    "cost": "coin",
    "free": "coin-off",
    "wheelchair": "wheelchair",
}


def cost_icon(cost: str) -> str:
    return FACT_ICONS["free"] if cost == Cost.FREE else FACT_ICONS["cost"]


def icon_for_search(query: str) -> str:
    """The pictogram of a home tile from its pre-filtered search ('domain=money')."""
    key, _sep, value = query.partition("=")
    if key == "domain":
        return LIFE_DOMAIN_ICONS.get(value, "")
    if key == "age":
        return AGE_GROUP_ICONS.get(value, "")
    return ""


def all_icon_names() -> set[str]:
    return {
        *LIFE_DOMAIN_ICONS.values(),
        *AGE_GROUP_ICONS.values(),
        *ACCESS_TYPE_ICONS.values(),
        *FACT_ICONS.values(),
    }
