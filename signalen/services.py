"""Every write about signals: one function per step, each checked and in the admin history.

Automatic signals (a declined referral, an empty search) carry no personal
data and no actor. Mails go through the worker after commit, with IDs only.
"""

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbod.choices import LifeDomain
from huisvanhetkind import permissions
from huisvanhetkind.audit import ADDITION, audit_log
from huisvanhetkind.mail import mail_subject
from partners.models import Network

from .choices import (
    STATUSES_NEEDING_REASON,
    THEME_TRANSITIONS,
    Barrier,
    SignalKind,
    SignalSource,
    ThemeStatus,
)
from .exceptions import SignalCapReachedError, SignalPermissionError, SignalStateError
from .models import Signal, Survey, SurveyAnswer, SurveyQuestion, Theme
from .privacy import personal_data_findings

SEARCH_GAP_QUERY_LENGTH = 100
SIGNAL_TEXT_LENGTH = 2000
SURVEY_ANSWER_LENGTH = 1000


def _require(actor, action: str, obj) -> None:
    if not permissions.can(actor, action, obj):
        raise SignalPermissionError(_("You cannot do this here."))


# --- Giving a signal -----------------------------------------------------------------


@transaction.atomic
def signal_report(
    *,
    actor,
    network: Network,
    kind: str,
    text: str,
    barrier: str = "",
    target_groups: Iterable[str] = (),
    age_groups: Iterable[str] = (),
    life_domains: Iterable[str] = (),
    municipality=None,
    deelgemeente=None,
    frequency: str = "",
    language: str = "nl",
    now: dt.datetime | None = None,
) -> Signal:
    """A professional's signal (any logged-in role, for a network they work in)."""
    _require(actor, "signal.report", network)
    signal = Signal.objects.create(
        network=network,
        source=SignalSource.STAFF,
        kind=kind,
        barrier=barrier if kind == SignalKind.BARRIER else "",
        text=text[:SIGNAL_TEXT_LENGTH],
        target_groups=list(target_groups),
        age_groups=list(age_groups),
        life_domains=list(life_domains),
        municipality=municipality,
        deelgemeente=deelgemeente,
        frequency=frequency,
        reporter=actor,
        language=language,
        created_at=now or timezone.now(),
    )
    audit_log(actor=actor, obj=signal, message="signal reported", flag=ADDITION)
    return signal


# Not atomic on purpose: a refused signal must not roll back the cap's claim (one mail to
# the coordinators a day); the signal itself is one INSERT.
def signal_give_as_family(
    *,
    network: Network,
    text: str,
    kind: str = SignalKind.NEED,
    barrier: str = "",
    age_groups: Iterable[str] = (),
    life_domains: Iterable[str] = (),
    municipality=None,
    contact_email: str = "",
    language: str = "nl",
    now: dt.datetime | None = None,
) -> Signal:
    """A family's signal from the public site: no account, e-mail only if they want feedback.

    Refused with SignalCapReachedError once the network took INTAKE_DAILY_CAP_PER_NETWORK
    family signals today (a flood from many addresses); its coordinators are told once.
    """
    from doorverwijzing.network_mail import MailKind, daily_cap_reached, start_of_day

    now = now or timezone.now()
    today = Signal.objects.filter(
        network=network,
        source=SignalSource.FAMILY,
        created_at__gte=start_of_day(now),
        created_at__lte=now,
    ).count()
    if daily_cap_reached(network=network, kind=MailKind.SIGNAL_CAP, submitted_today=today):
        raise SignalCapReachedError(
            _("We received many messages today. Please phone us at %(phone)s.")
            % {"phone": network.phone}
            if network.phone
            else _("We received many messages today. Please try again tomorrow.")
        )
    return Signal.objects.create(
        network=network,
        source=SignalSource.FAMILY,
        kind=kind,
        barrier=barrier,
        text=text[:SIGNAL_TEXT_LENGTH],
        age_groups=list(age_groups),
        life_domains=list(life_domains),
        municipality=municipality,
        contact_email=contact_email,
        language=language,
        created_at=now,
    )


# Decline reason -> (kind, barrier) of the signal it becomes.
_DECLINE_SIGNAL = {
    "waiting_list": (SignalKind.BARRIER, Barrier.WAITING_LIST),
    "no_capacity": (SignalKind.GAP, ""),
    "not_our_offer": (SignalKind.GAP, ""),
}


def signal_from_declined_referral(
    *, referral, reason: str = "", now: dt.datetime | None = None
) -> Signal | None:
    """An anonymous signal from a referral declined for lack of offer or capacity.

    `reason` is a DeclineReason value when not the referral's own decline reason: a
    referral accepted and then closed as "no capacity" was declined late, and counts so.

    Call inside the transaction that declined the referral. Only the reason,
    the receiving organisation's network and the offer's life domains are
    copied: nothing about the family, the worker or the referral itself.
    """
    from doorverwijzing.choices import GAP_DECLINE_REASONS

    reason = reason or referral.decline_reason
    if reason not in GAP_DECLINE_REASONS:
        return None
    networks = list(referral.receiving_organisation.networks.order_by("id"))
    offer = referral.offer
    offer_networks = {network.id for network in offer.networks.all()} if offer else set()
    network = next((n for n in networks if n.id in offer_networks), None) or next(
        iter(networks), None
    )
    if network is None:
        return None
    kind, barrier = _DECLINE_SIGNAL.get(reason, (SignalKind.GAP, ""))
    return Signal.objects.create(
        network=network,
        source=SignalSource.REFERRAL_DECLINED,
        kind=kind,
        barrier=barrier,
        decline_reason=reason,
        life_domains=list(offer.life_domains) if offer else [],
        created_at=now or timezone.now(),
    )


# --- Searches that found nothing -----------------------------------------------------


def normalise_search_query(query: str) -> str:
    """Lower case, no accents, single spaces, letters and digits only, at most 100 characters."""
    folded = unicodedata.normalize("NFKD", query.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    words = re.sub(r"[^\w]+", " ", folded).split()
    return " ".join(words)[:SEARCH_GAP_QUERY_LENGTH].strip()


def search_gap_record(
    *, query: str, network_id: int | None = None, today: dt.date | None = None
) -> bool:
    """Count one catalogue search that found nothing, in this week's row. No IP, no user.

    Kept only when the words do not look like personal data (a parent typing a name, a
    phone number or an e-mail address in the search box: signalen.privacy, on the words
    as typed, before case is folded), and at most SEARCH_GAP_WEEKLY_CAP different words
    a week: a flood of made-up searches cannot fill the table or the overview. Words
    already counted this week keep counting. Returns whether the search was counted.

    An existing row is counted in one UPDATE; a new one in one INSERT … ON CONFLICT DO
    UPDATE, guarded by the week's count (two new words at the same moment may pass the
    cap by one: a bound, not a quota).
    """
    if personal_data_findings(query):
        return False
    normalised = normalise_search_query(query)
    if not normalised:
        return False
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE signalen_searchgap SET count = count + 1 "
            "WHERE week = %s AND query = %s AND network_id IS NOT DISTINCT FROM %s",
            [monday, normalised, network_id],
        )
        if cursor.rowcount:
            return True
        cursor.execute(
            "INSERT INTO signalen_searchgap (week, query, network_id, count) "
            "SELECT %s, %s, %s, 1 "
            "WHERE (SELECT count(*) FROM signalen_searchgap WHERE week = %s) < %s "
            "ON CONFLICT (week, query, network_id) "
            "DO UPDATE SET count = signalen_searchgap.count + 1",
            [monday, normalised, network_id, monday, settings.SEARCH_GAP_WEEKLY_CAP],
        )
        return bool(cursor.rowcount)


@transaction.atomic
def signal_from_search_gap(*, actor, network: Network, query: str, searches: int) -> Signal:
    """A coordinator turns a frequent search that found nothing into a gap signal.

    The words were kept without personal data (search_gap_record); the signal says only
    what was searched and how often, so it can be bundled into a theme like any other.
    """
    if not permissions.can(actor, "theme.manage", Theme(network=network)):
        raise SignalPermissionError(_("You cannot do this here."))
    query = normalise_search_query(query)
    if not query:
        raise SignalStateError(_("These search words are empty."))
    signal = Signal.objects.create(
        network=network,
        source=SignalSource.SEARCH_EMPTY,
        kind=SignalKind.GAP,
        text=_("Parents searched %(count)s times for “%(query)s” and found no offer.")
        % {"count": searches, "query": query},
        reporter=actor,
        created_at=timezone.now(),
    )
    audit_log(actor=actor, obj=signal, message="signal made from a search", flag=ADDITION)
    return signal


# --- Bundling into themes ------------------------------------------------------------


@transaction.atomic
def theme_create(*, actor, network: Network, title: str, description: str = "") -> Theme:
    if not permissions.can(actor, "theme.manage", Theme(network=network)):
        raise SignalPermissionError(_("You cannot do this here."))
    theme = Theme.objects.create(
        network=network, title=title, description=description, created_by=actor
    )
    audit_log(actor=actor, obj=theme, message="theme created", flag=ADDITION)
    return theme


@transaction.atomic
def signals_bundle(*, actor, theme: Theme, signal_ids: Iterable[int]) -> int:
    """Put signals of the theme's network into the theme (bundelen). Returns how many moved."""
    _require(actor, "theme.manage", theme)
    ids = set(signal_ids)
    signals = Signal.objects.select_for_update().filter(id__in=ids, network_id=theme.network_id)
    if signals.count() != len(ids):
        raise SignalStateError(_("Only signals of the theme's network can be bundled."))
    moved = signals.update(theme=theme)
    audit_log(actor=actor, obj=theme, message=f"{moved} signal(s) bundled")
    return moved


@transaction.atomic
def signals_bundle_into_theme(
    *, actor, network: Network, signal_ids: Iterable[int], theme: Theme | None, new_title: str = ""
) -> tuple[Theme, int]:
    """Bundle into `theme`, or into a new theme called `new_title`: one step for the user, so
    one transaction — a refused bundle leaves no empty theme behind. Returns (theme, moved)."""
    if theme is None:
        theme = theme_create(actor=actor, network=network, title=new_title.strip())
    return theme, signals_bundle(actor=actor, theme=theme, signal_ids=signal_ids)


@transaction.atomic
def signal_unbundle(*, actor, signal: Signal) -> Signal:
    theme = signal.theme
    if theme is None:
        raise SignalStateError(_("This signal is not in a theme."))
    _require(actor, "theme.manage", theme)
    signal.theme = None
    signal.save(update_fields=["theme"])
    audit_log(actor=actor, obj=theme, message=f"signal {signal.pk} taken out")
    return signal


# --- Status of a theme: one function per step ---------------------------------------


def _theme_move(
    *, theme: Theme, actor, to: str, reason: str, now: dt.datetime | None = None
) -> Theme:
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    _require(actor, "theme.manage", theme)
    if to not in THEME_TRANSITIONS[theme.status]:
        raise SignalStateError(
            _("A theme that is “%(current)s” cannot become “%(next)s”.")
            % {"current": theme.get_status_display(), "next": ThemeStatus(to).label}
        )
    if to in STATUSES_NEEDING_REASON and not reason.strip():
        raise SignalStateError(_("Give a reason: the signal givers will read it."))
    theme.status = to
    theme.status_reason = reason.strip()
    theme.status_changed_at = now or timezone.now()
    theme.save(update_fields=["status", "status_reason", "status_changed_at"])
    audit_log(actor=actor, obj=theme, message=f"status {to}: {theme.status_reason}"[:200])
    return theme


@transaction.atomic
def theme_start_analysis(
    *, theme: Theme, actor, reason: str = "", now: dt.datetime | None = None
) -> Theme:
    return _theme_move(theme=theme, actor=actor, to=ThemeStatus.IN_ANALYSIS, reason=reason, now=now)


@transaction.atomic
def theme_put_on_agenda(
    *, theme: Theme, actor, reason: str = "", now: dt.datetime | None = None
) -> Theme:
    """On the agenda of the stuurgroep."""
    return _theme_move(theme=theme, actor=actor, to=ThemeStatus.ON_AGENDA, reason=reason, now=now)


@transaction.atomic
def theme_take_into_action_plan(
    *, theme: Theme, actor, reason: str = "", now: dt.datetime | None = None
) -> Theme:
    return _theme_move(
        theme=theme, actor=actor, to=ThemeStatus.IN_ACTION_PLAN, reason=reason, now=now
    )


@transaction.atomic
def theme_answer(*, theme: Theme, actor, reason: str, now: dt.datetime | None = None) -> Theme:
    return _theme_move(theme=theme, actor=actor, to=ThemeStatus.ANSWERED, reason=reason, now=now)


@transaction.atomic
def theme_not_take_up(*, theme: Theme, actor, reason: str, now: dt.datetime | None = None) -> Theme:
    return _theme_move(
        theme=theme, actor=actor, to=ThemeStatus.NOT_TAKEN_UP, reason=reason, now=now
    )


# Status -> the service that moves a theme there (for the view's one form).
THEME_STEPS = {
    ThemeStatus.IN_ANALYSIS: theme_start_analysis,
    ThemeStatus.ON_AGENDA: theme_put_on_agenda,
    ThemeStatus.IN_ACTION_PLAN: theme_take_into_action_plan,
    ThemeStatus.ANSWERED: theme_answer,
    ThemeStatus.NOT_TAKEN_UP: theme_not_take_up,
}


# --- Feedback to the signal givers ---------------------------------------------------


@transaction.atomic
def theme_feedback_send(
    *,
    theme: Theme,
    actor,
    feedback: str,
    renotify: bool = False,
    now: dt.datetime | None = None,
) -> Theme:
    """Publish what was done: staff read it under "My signals", families who left an
    e-mail address get it by mail (after commit, through the worker).

    Sending again with new words mails only those not mailed yet (e.g. signals bundled
    later) — unless `renotify`: news such as an action's result at the year's end reaches
    every giver again, once, when the words changed.
    """
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    _require(actor, "theme.manage", theme)
    if not feedback.strip():
        raise SignalStateError(_("Write the feedback first."))
    if renotify and theme.feedback != feedback.strip():
        Signal.objects.filter(theme=theme).exclude(contact_email="").update(feedback_mailed_at=None)
    theme.feedback = feedback.strip()
    theme.feedback_sent_at = now or timezone.now()
    theme.save(update_fields=["feedback", "feedback_sent_at"])
    audit_log(actor=actor, obj=theme, message="feedback sent to the signal givers")
    from huisvanhetkind import outbox

    from .tasks import theme_feedback_mail_task

    outbox.enqueue(theme_feedback_mail_task, theme.id)
    return theme


def feedback_recipient_ids(*, theme_id: int) -> list[int]:
    """One signal per address of the theme whose giver was not mailed yet: a family that
    gave several signals in one theme gets one mail (signal_feedback_mail claims them all)."""
    rows = (
        Signal.objects.filter(theme_id=theme_id, feedback_mailed_at__isnull=True)
        .exclude(contact_email="")
        .order_by("id")
        .values_list("id", "contact_email")
    )
    first_per_address: dict[str, int] = {}
    for signal_id, email in rows:
        first_per_address.setdefault(email.casefold(), signal_id)
    return list(first_per_address.values())


def signal_feedback_mail(*, signal_id: int) -> int:
    """Mail the theme's feedback to one signal giver; 0 when another worker already did.

    The claim (a conditional update) comes first: a mail is never sent twice.
    A failed send rolls the claim back so the retry can send it.
    """
    with transaction.atomic():
        giver = Signal.objects.filter(id=signal_id).values("theme_id", "contact_email").first()
        if giver is None or not giver["contact_email"] or giver["theme_id"] is None:
            return 0
        # The giver's other signals in this theme are answered by the same mail.
        claimed = Signal.objects.filter(
            theme_id=giver["theme_id"],
            contact_email__iexact=giver["contact_email"],
            feedback_mailed_at__isnull=True,
            theme__feedback_sent_at__isnull=False,
        ).update(feedback_mailed_at=timezone.now())
        if not claimed:
            return 0
        signal = Signal.objects.select_related("theme", "network").get(id=signal_id)
        language = signal.language if signal.language in dict(settings.LANGUAGES) else "nl"
        with translation.override(language):
            subject = mail_subject(_("What we did with your signal"))
            link = settings.SITE_URL + reverse("signalen:give")
            body = _(
                "Hello,\n\nYou told %(network)s what you miss or what is difficult. "
                "Thank you. This is what we did with it:\n\n%(feedback)s\n\n"
                "Do you notice something else? Tell us here:\n%(link)s\n"
            ) % {"network": signal.network.name, "feedback": signal.theme.feedback, "link": link}
        return send_mail(subject, body, None, [signal.contact_email])


# --- Needs surveys -------------------------------------------------------------------


@transaction.atomic
def survey_answers_submit(
    *, survey: Survey, answers: dict[SurveyQuestion, str], language: str
) -> list[SurveyAnswer]:
    """Store one family's anonymous answers (empty answers are skipped)."""
    if not survey.is_open:
        raise SignalStateError(_("This survey is closed."))
    response_id = uuid.uuid4()
    return SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            question=question,
            response_id=response_id,
            text=text.strip()[:SURVEY_ANSWER_LENGTH],
            language=language,
        )
        for question, text in answers.items()
        if question.survey_id == survey.id and text.strip()
    )


@transaction.atomic
def survey_answer_to_signal(
    *, answer: SurveyAnswer, actor, theme: Theme | None = None, life_domains: Iterable[str] = ()
) -> Signal:
    """The coordinator turns an answer into a signal (source SURVEY), optionally into a theme."""
    answer = (
        SurveyAnswer.objects.select_for_update(of=("self",))
        .select_related("question__survey__network")
        .get(pk=answer.pk)
    )
    survey = answer.question.survey
    _require(actor, "theme.manage", survey)
    if answer.signal_id:
        raise SignalStateError(_("This answer is already a signal."))
    if theme is not None and theme.network_id != survey.network_id:
        raise SignalStateError(_("Only signals of the theme's network can be bundled."))
    signal = Signal.objects.create(
        network=survey.network,
        theme=theme,
        source=SignalSource.SURVEY,
        kind=answer.question.kind,
        text=answer.text,
        life_domains=[value for value in life_domains if value in LifeDomain],
        language=answer.language,
        created_at=answer.created_at,
    )
    answer.signal = signal
    answer.save(update_fields=["signal"])
    audit_log(actor=actor, obj=signal, message=f"from survey answer {answer.pk}", flag=ADDITION)
    return signal
