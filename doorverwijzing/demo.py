"""Demo referrals between the demo organisations, in every state, with timelines.

Idempotent: it adds referrals only when the demo organisations have none yet.
Social workers must use two-factor login; the demo ones share one TOTP secret
(printed by demo_data and in the README) to add to an authenticator app.
"""

import datetime as dt
import random

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.models import Organisation

from . import services
from .choices import ConsentMethod, DeclineReason, FirstContactResult, Outcome
from .models import Referral

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
WORKERS = {
    "sociaal-huis-wilgendaal": "maatschappelijkwerker@demo.huisvanhetkind.be",
    "ckg-de-wiege": "hulpverlener@demo.huisvanhetkind.be",
    "pamperbank-berkhove": "vrijwilliger@demo.huisvanhetkind.be",
}
# Reads the families' questions of Scheldevallei ("Stel je vraag"): the network's contact
# point is its organiser, the municipality.
CONTACT_POINT_WORKER = "lotte.vandenbroeck@demo.huisvanhetkind.be"
QUESTIONS = [
    "Mama van een baby van 4 maanden zoekt contact met andere ouders.",
    "Gezin heeft geldzorgen en vraagt hulp met luiers en babyspullen.",
    "Vader zoekt ondersteuning bij driftbuien van zijn peuter.",
    "Nieuwkomersgezin zoekt een plaats in de kinderopvang.",
    "Alleenstaande moeder vraagt hulp bij slaapproblemen van haar kind.",
    "Ouders willen hulp bij de inschrijving in de kleuterschool.",
]
INITIALS = ["A. B.", "K. M.", "S. D.", "L. V.", "N. O.", "F. T.", "R. J.", "E. H."]
# (steps after sending) cycled over the demo referrals
PATHS = [
    [],
    ["accept"],
    ["accept", "attempt"],
    ["accept", "contact"],
    ["accept", "contact", "close"],
    ["decline_waiting"],
    ["decline_offer"],
    ["accept", "unreachable"],
    ["accept", "contact", "close"],
    ["cancel"],
    ["accept", "contact", "close"],
    ["withdraw"],
]


def load() -> list[tuple[str, str, str]]:
    users = {slug: get_user_model().objects.get(email=email) for slug, email in WORKERS.items()}
    contact_point = get_user_model().objects.get(email=CONTACT_POINT_WORKER)
    for user in [*users.values(), contact_point]:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=WORKERS)}
    if not Referral.objects.filter(referring_organisation__in=organisations.values()).exists():
        _referrals(users, organisations)
    return [("TOTP-sleutel demo-werkers", "(in je authenticator-app)", DEMO_TOTP_SECRET)]


# Hours after sending at which each step happened: the gaps of a realistic week.
STEP_HOURS = {
    "accept": 30,
    "decline_waiting": 20,
    "decline_offer": 20,
    "cancel": 40,
    "attempt": 50,
    "withdraw": 60,
    "contact": 80,
    "unreachable": 80,
    "close": 300,
}


def _referrals(users, organisations) -> None:
    chooser = random.Random(2026)  # noqa: S311 - demo data, not security
    slugs = list(WORKERS)
    now = timezone.now()
    for index in range(36):
        sender_slug = slugs[index % len(slugs)]
        receiver_slug = slugs[(index + 1 + index // 12) % len(slugs)]
        if receiver_slug == sender_slug:
            receiver_slug = slugs[(slugs.index(sender_slug) + 1) % len(slugs)]
        sender, receiver = users[sender_slug], users[receiver_slug]
        details = {
            "consent": {
                "given_by": chooser.choice(["de moeder", "de vader", "beide ouders"]),
                "method": chooser.choice(list(ConsentMethod)),
            },
            "contact_preference": chooser.choice(["phone", "via_referrer", "family_calls"]),
            "family_name": chooser.choice(INITIALS),
            "family_phone": "0470 00 00 00",
            "question": chooser.choice(QUESTIONS),
            "language": chooser.choice(["nl", "ar", "uk"]),
            "children_ages": [chooser.randint(0, 12)],
        }
        sent_at = now - dt.timedelta(days=chooser.randint(1, 330))
        referral = services.referral_send(
            actor=sender,
            referring_organisation=organisations[sender_slug],
            receiving_organisation=organisations[receiver_slug],
            now=sent_at,
            **details,
        )
        for step in PATHS[index % len(PATHS)]:
            # A referral sent yesterday cannot have been closed in the future.
            when = min(sent_at + dt.timedelta(hours=STEP_HOURS[step]), now)
            _step(step, referral, sender, receiver, when)


def _step(step, referral, sender, receiver, when: dt.datetime) -> None:
    if step == "accept":
        services.referral_accept(referral=referral, actor=receiver, now=when)
    elif step == "attempt":
        services.referral_record_contact_attempt(referral=referral, actor=receiver, now=when)
    elif step == "contact":
        services.referral_record_first_contact(
            referral=referral, actor=receiver, result=FirstContactResult.MADE, now=when
        )
    elif step == "unreachable":
        services.referral_record_first_contact(
            referral=referral, actor=receiver, result=FirstContactResult.UNREACHABLE, now=when
        )
    elif step == "close":
        services.referral_close(
            referral=referral, actor=receiver, outcome=Outcome.GOT_HELP, now=when
        )
    elif step == "decline_waiting":
        services.referral_decline(
            referral=referral, actor=receiver, reason=DeclineReason.WAITING_LIST, now=when
        )
    elif step == "decline_offer":
        services.referral_decline(
            referral=referral, actor=receiver, reason=DeclineReason.NOT_OUR_OFFER, now=when
        )
    elif step == "cancel":
        services.referral_cancel(referral=referral, actor=sender, now=when)
    elif step == "withdraw":
        services.consent_withdraw(referral=referral, actor=sender, now=when)
