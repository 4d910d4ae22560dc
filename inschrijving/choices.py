from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    """The life of one registration. Only REGISTERED and OFFERED hold a seat (TAKES_SEAT)."""

    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    DECLINED = "declined", _("Seat declined")
    EXPIRED = "expired", _("Offer expired")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Came")
    NO_SHOW = "no_show", _("Did not come")


# The states that count against the capacity.
TAKES_SEAT = (RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED)
# Still "in" the list: one contact has at most one of these per list.
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    SEAT_OFFERED = "seat_offered", _("A seat is free for you")
    REMINDER = "reminder", _("Reminder the day before")
    SUBSCRIPTION_CONFIRM = "subscription_confirm", _("Confirm your subscription")
    # To the list's keepers, not the family: a seat is free for a family without e-mail.
    KEEPER_CALL = "keeper_call", _("Call the family: a place is free")


# Age bands of the registration form: the participation counts' groups (aanbod.models).
AGE_BAND_MONTHS: dict[str, tuple[int, int]] = {
    "0-3": (0, 36),
    "3-6": (36, 72),
    "6-12": (72, 144),
    "12-18": (144, 216),
    "18+": (216, 361),
}
AGE_BAND_LABELS = {
    "0-3": _("0 to 3 years"),
    "3-6": _("3 to 6 years"),
    "6-12": _("6 to 12 years"),
    "12-18": _("12 to 18 years"),
    "18+": _("18 years and older"),
}
