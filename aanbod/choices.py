from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomain(models.TextChoices):
    """The life domains (levensdomeinen) a Huis van het Kind works on."""

    PARENTING = "parenting", _("Parenting")
    HEALTH = "health", _("Health")
    MEETING = "meeting", _("Meeting other families")
    CHILDCARE = "childcare", _("Childcare")
    EDUCATION = "education", _("School and learning")
    LEISURE = "leisure", _("Leisure and play")
    MONEY = "money", _("Money and material help")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work")
    LANGUAGE = "language", _("Language and integration")
    MENTAL_WELLBEING = "mental_wellbeing", _("Mental well-being")
    SAFETY = "safety", _("Safety")


class Audience(models.TextChoices):
    FAMILIES = "families", _("Families")
    PROFESSIONALS = "professionals", _("Professionals and volunteers")


class TargetGroup(models.TextChoices):
    PARENTS = "parents", _("Parents")
    EXPECTING = "expecting", _("Expectant parents")
    WISH_FOR_CHILD = "wish_for_child", _("Wish for a child")
    CHILDREN = "children", _("Children")
    YOUNG_PEOPLE = "young_people", _("Young people")
    GRANDPARENTS = "grandparents", _("Grandparents")
    FOSTER_FAMILIES = "foster_families", _("Foster families")
    NEWCOMERS = "newcomers", _("Newcomers")
    PROFESSIONALS = "professionals", _("Professionals")
    VOLUNTEERS = "volunteers", _("Volunteers")


class AccessType(models.TextChoices):
    WALK_IN = "walk_in", _("Walk in (no appointment)")
    APPOINTMENT = "appointment", _("By appointment")
    REGISTRATION = "registration", _("Registration needed")
    REFERRAL_ONLY = "referral_only", _("Only through a referral")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("Paid")
    REDUCED = "reduced", _("Price depends on income")


class Availability(models.TextChoices):
    PLACES = "places", _("Places free")
    FULL = "full", _("Full")
    WAITING_LIST = "waiting_list", _("Waiting list")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("First")
    SECOND = 2, _("Second")
    THIRD = 3, _("Third")
    FOURTH = 4, _("Fourth")
    LAST = -1, _("Last")


class AgeGroup(models.TextChoices):
    """Search filter buckets; each is a range in months that an offer's age range overlaps,
    except the wish for a child, which comes before any age (see AGE_GROUP_TARGET_GROUPS)."""

    WISH_FOR_CHILD = "wish", _("We want a child")
    EXPECTING = "expecting", _("We are expecting")
    BABY_TODDLER = "0-3", _("0 to 3 years")
    PRESCHOOL = "3-6", _("3 to 6 years")
    PRIMARY = "6-12", _("6 to 12 years")
    TEEN = "12-18", _("12 to 18 years")
    YOUNG_ADULT = "18-25", _("18 years and older")


# AgeGroup value -> [lower, upper) in months; negative months are the pregnancy.
AGE_GROUP_MONTHS: dict[str, tuple[int, int]] = {
    AgeGroup.EXPECTING: (-9, 0),
    AgeGroup.BABY_TODDLER: (0, 36),
    AgeGroup.PRESCHOOL: (36, 72),
    AgeGroup.PRIMARY: (72, 144),
    AgeGroup.TEEN: (144, 216),
    AgeGroup.YOUNG_ADULT: (216, 361),
}
# AgeGroup value -> the target group that stands for it: "we want a child" has no months.
AGE_GROUP_TARGET_GROUPS: dict[str, str] = {AgeGroup.WISH_FOR_CHILD: TargetGroup.WISH_FOR_CHILD}


class Moment(models.TextChoices):
    """When an activity takes place, for working parents looking for evenings and weekends."""

    MONDAY = "0", _("Monday")
    TUESDAY = "1", _("Tuesday")
    WEDNESDAY = "2", _("Wednesday")
    THURSDAY = "3", _("Thursday")
    FRIDAY = "4", _("Friday")
    SATURDAY = "5", _("Saturday")
    SUNDAY = "6", _("Sunday")
    EVENING = "evening", _("Evening (after 18:00)")
    WEEKEND = "weekend", _("Weekend")


class CostFilter(models.TextChoices):
    FREE = "free", _("Free")
    REDUCED = "reduced", _("Reduced rate (kansentarief, UiTPAS)")


# Spoken languages an offer may list (ISO 639-1). Wider than the site's languages.
class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    FR = "fr", _("French")
    EN = "en", _("English")
    DE = "de", _("German")
    AR = "ar", _("Arabic")
    TR = "tr", _("Turkish")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")
    RO = "ro", _("Romanian")
    ES = "es", _("Spanish")
    PRS = "prs", _("Dari")
    PS = "ps", _("Pashto")
    SO = "so", _("Somali")
    TI = "ti", _("Tigrinya")
    BG = "bg", _("Bulgarian")
    VGT = "vgt", _("Flemish Sign Language")
