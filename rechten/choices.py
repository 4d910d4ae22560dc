"""States of a right, the three verdicts of the check, and the answers families choose."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RightStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Waiting for review")
    PUBLISHED = "published", _("Published")


class Verdict(models.TextChoices):
    """Never a legal decision: where it is worth asking, and where we cannot tell."""

    WORTH_CHECKING = "worth_checking", _("Worth checking")
    CANNOT_TELL = "cannot_tell", _("We can't tell")
    PROBABLY_NOT = "probably_not", _("Probably not")


# "I don't know": every question may be skipped; a rule that needs it then says "can't tell".
UNKNOWN = "unknown"


class ChildAge(models.TextChoices):
    EXPECTING = "expecting", _("We are expecting a baby")
    AGE_0_2 = "0_2", _("A child of 0 to 2 years")
    AGE_3_5 = "3_5", _("A child of 3 to 5 years (nursery school)")
    AGE_6_11 = "6_11", _("A child of 6 to 11 years (primary school)")
    AGE_12_17 = "12_17", _("A child of 12 to 17 years (secondary school)")
    AGE_18_25 = "18_25", _("A child of 18 to 25 years who still studies")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class KnownStatus(models.TextChoices):
    INCREASED_ALLOWANCE = "increased_allowance", _("Increased allowance (verhoogde tegemoetkoming)")
    LIVING_WAGE = "living_wage", _("Living wage (leefloon)")
    NONE = "none", _("None of these")


class IncomeBand(models.TextChoices):
    LOW = "low", _("Less than € 2,000 a month")
    MIDDLE = "middle", _("€ 2,000 to € 3,500 a month")
    HIGHER = "higher", _("More than € 3,500 a month")


class WorkSituation(models.TextChoices):
    WORKING = "working", _("I work")
    JOB_SEEKING = "job_seeking", _("I am looking for work")
    SICK = "sick", _("I cannot work because of illness or a disability")
    STUDYING = "studying", _("I study or follow a course")
    OTHER = "other", _("Something else")


class Worry(models.TextChoices):
    MONEY = "money", _("Money")
    HOUSING = "housing", _("Housing")
    ENERGY = "energy", _("Energy bills")
    CHILDCARE = "childcare", _("Childcare")
    SCHOOL_COSTS = "school_costs", _("School costs")
    HEALTH = "health", _("Health")
    LEISURE = "leisure", _("Leisure and hobbies")
    PARENTING = "parenting", _("Parenting")
