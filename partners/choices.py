from django.db import models
from django.utils.translation import gettext_lazy as _

from huisvanhetkind import roles


class Pillar(models.TextChoices):
    """The three pillars a Huis van het Kind bundles by decree (2013)."""

    HEALTH = "health", _("Preventive health care")
    PARENTING = "parenting", _("Parenting support")
    MEETING = "meeting", _("Meeting and social cohesion")


class Role(models.TextChoices):
    # The values are the core's (huisvanhetkind.roles): the permission registry uses them.
    COORDINATOR = roles.COORDINATOR, _("Network coordinator")
    PARTNER_EDITOR = roles.PARTNER_EDITOR, _("Partner editor")
    SOCIAL_WORKER = roles.SOCIAL_WORKER, _("Social worker")
    VIEWER = roles.VIEWER, _("Viewer")


NETWORK_ROLES = {Role.COORDINATOR, Role.VIEWER}
ORGANISATION_ROLES = {Role.PARTNER_EDITOR, Role.SOCIAL_WORKER, Role.VIEWER}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AgreementKind(models.TextChoices):
    CONVENANT = "convenant", _("Covenant (convenant)")
    COOPERATION = "cooperation", _("Cooperation agreement (samenwerkingsovereenkomst)")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class GroupKind(models.TextChoices):
    STEERING = "steering", _("Steering group (stuurgroep)")
    WORKING = "working", _("Working group (werkgroep)")


# Roles that work in the Django admin (the coordinator's and partners' back office).
STAFF_ROLES = {Role.COORDINATOR, Role.PARTNER_EDITOR, Role.VIEWER}
