"""States and reasons of a referral.

How our statuses map onto HL7 FHIR Task.status (SDOH Clinical Care referral
workflow), so a later API can speak that standard:

    ReferralStatus.SENT       -> requested
    ReferralStatus.ACCEPTED   -> accepted
    ReferralStatus.DECLINED   -> rejected     (Task.statusReason = DeclineReason)
    ReferralStatus.CONTACTED  -> in-progress  (first contact made)
    ReferralStatus.CLOSED     -> completed    (Task.output = Outcome)
    ReferralStatus.CANCELLED  -> cancelled    (by the referrer)
    ReferralStatus.WITHDRAWN  -> cancelled    (statusReason "consent withdrawn";
                                              personal data erased)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CONTACTED = "contacted", _("In contact with the family")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


FHIR_TASK_STATUS = {
    ReferralStatus.SENT: "requested",
    ReferralStatus.ACCEPTED: "accepted",
    ReferralStatus.DECLINED: "rejected",
    ReferralStatus.CONTACTED: "in-progress",
    ReferralStatus.CLOSED: "completed",
    ReferralStatus.CANCELLED: "cancelled",
    ReferralStatus.WITHDRAWN: "cancelled",
}

OPEN_STATUSES = {ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.CONTACTED}
# The receiver's open steps in the order the inbox shows them, each with the field that
# says since when it waits (doorverwijzing.waiting; the stored ranks on Referral).
WAITING_SINCE_FIELD = {
    ReferralStatus.SENT: "sent_at",
    ReferralStatus.ACCEPTED: "accepted_at",
    ReferralStatus.CONTACTED: "first_contact_at",
}
FINISHED_STATUSES = {
    ReferralStatus.DECLINED,
    ReferralStatus.CLOSED,
    ReferralStatus.CANCELLED,
    ReferralStatus.WITHDRAWN,
}


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Call the family")
    EMAIL = "email", _("E-mail the family")
    VIA_REFERRER = "via_referrer", _("Through me (the referrer)")
    FAMILY_CALLS = "family_calls", _("The family calls you themselves")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Verbal")
    SIGNED_FORM = "signed_form", _("Signed form")


class DeclineReason(models.TextChoices):
    NOT_OUR_OFFER = "not_our_offer", _("Not our offer (suggest another)")
    WAITING_LIST = "waiting_list", _("Waiting list")
    NO_CAPACITY = "no_capacity", _("No capacity")
    NOT_ELIGIBLE = "not_eligible", _("The family is not eligible")
    OTHER = "other", _("Other reason")


# Declines that point at a gap in the network's offer: they become anonymous signals.
GAP_DECLINE_REASONS = {
    DeclineReason.NOT_OUR_OFFER,
    DeclineReason.WAITING_LIST,
    DeclineReason.NO_CAPACITY,
}


class FirstContactResult(models.TextChoices):
    MADE = "made", _("Contact made")
    UNREACHABLE = "unreachable", _("Family unreachable")
    FAMILY_DECLINED = "family_declined", _("Family declined")


class Outcome(models.TextChoices):
    GOT_HELP = "got_help", _("The family got help")
    UNREACHABLE = "unreachable", _("Family unreachable")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NO_CAPACITY = "no_capacity", _("No capacity / waiting list")
    FAMILY_DECLINED = "family_declined", _("Family declined")
    REFERRED_ON = "referred_on", _("Referred on")


class EventKind(models.TextChoices):
    SENT = "sent", _("Referral sent")
    RECORDED = "recorded", _("Referral made by phone, recorded afterwards")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CONTACT_ATTEMPT = "contact_attempt", _("Tried to reach the family")
    FIRST_CONTACT = "first_contact", _("First contact")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled by the referrer")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn, personal data erased")
    ERASED = "erased", _("Personal data erased after the retention period")
    REMINDER = "reminder", _("Reminder sent")
    FORWARD_REQUESTED = "forward_requested", _("Forwarding proposed: the referrer asks the family")
    FORWARDED = "forwarded", _("Forwarded to a better place")
    FORWARD_REFUSED = "forward_refused", _("Forwarding not agreed")


class AccessAction(models.TextChoices):
    READ = "read", _("Read")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Exported for the family")


class ReminderKind(models.TextChoices):
    ACCEPT_RECEIVER = "accept_receiver", _("Not accepted yet (to the receiver)")
    ACCEPT_REFERRER = "accept_referrer", _("Not accepted yet (to the referrer)")
    CONTACT_RECEIVER = "contact_receiver", _("No first contact yet (to the receiver)")
    CONTACT_REFERRER = "contact_referrer", _("No first contact yet (to the referrer)")
    UNOPENED_COORDINATOR = "unopened_coordinator", _("Nobody opened it yet (to the coordinators)")
    CLOSE_RECEIVER = "close_receiver", _("In contact for a while: close it (to the receiver)")


class MailFrequency(models.TextChoices):
    EACH_EVENT = "each_event", _("A mail for each event (steps within 10 minutes together)")
    DAILY_DIGEST = "daily_digest", _("One mail a day with everything")


class IntakeStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being handled")
    REFERRED = "referred", _("Turned into a referral")
    CLOSED = "closed", _("Closed")


OPEN_INTAKE_STATUSES = {IntakeStatus.NEW, IntakeStatus.IN_PROGRESS}
# Families may speak a language the site does not offer; they say which in the question.
OTHER_LANGUAGE = "other"


class IntakeSource(models.TextChoices):
    """Where a family's question came from: one contact point, many doors."""

    QUESTION_FORM = "question_form", _("Question form")
    OFFER = "offer", _("An offer's page")
    NETWORK_PAGE = "network_page", _("The network's page")
    SEARCH = "search", _("A search without results")
    RIGHTS_CHECK = "rights_check", _("The rights check ('What could help us?')")


class ForwardingBasis(models.TextChoices):
    """Why the family's data may go to the organisation a referral is forwarded to."""

    FAMILY_AGREED = "family_agreed", _("The family told us they agree (recorded now)")
    ASK_REFERRER = "ask_referrer", _("Ask the referrer to record the family's consent")


class ForwardingStatus(models.TextChoices):
    WAITING_FOR_CONSENT = "waiting", _("Waiting for the family's consent")
    DONE = "done", _("Forwarded")
    REFUSED = "refused", _("Not agreed")
