import pytest
from django.core import mail
from django.urls import reverse

from doorverwijzing import urls as referral_urls
from doorverwijzing.choices import ReferralStatus
from doorverwijzing.models import AccessLogEntry, Referral
from partners.tests.factories import OrganisationFactory, UserFactory

from .factories import ReferralFactory, social_worker, with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py), with a referral from its social worker to a social
    worker of the other partner; a third partner's social worker is a bystander."""
    cast.referrer = with_mfa(cast.social_worker)
    cast.referrer.organisation = cast.organisation
    cast.receiver = with_mfa(social_worker(cast.other_organisation))
    cast.bystander = with_mfa(social_worker(OrganisationFactory(networks=[cast.network])))
    cast.referral = ReferralFactory(
        referring_organisation=cast.organisation,
        referring_worker=cast.referrer,
        receiving_organisation=cast.other_organisation,
    )
    return cast


# URL name -> method. Every URL that takes a referral's public_id must be here.
REFERRAL_URLS = {
    "detail": "get",
    "accept": "post",
    "decline": "post",
    "contact_attempt": "post",
    "first_contact": "post",
    "close": "post",
    "cancel": "post",
    "consent_withdraw": "post",
    "access_log": "get",
    "export": "get",
    "forward": "get",
    "forwarding_answer": "post",
}


def test_every_referral_url_with_an_id_is_in_the_access_table():
    with_id = {p.name for p in referral_urls.urlpatterns if "public_id" in str(p.pattern)}
    assert with_id == set(REFERRAL_URLS)


@pytest.mark.parametrize("name", sorted(REFERRAL_URLS))
def test_worker_of_another_organisation_gets_404_on_every_referral_url(client, cast, name):
    referral = cast["referral"]
    client.force_login(cast["bystander"])
    url = reverse(f"doorverwijzing:{name}", kwargs={"public_id": referral.public_id})
    response = getattr(client, REFERRAL_URLS[name])(url)
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize("name", sorted(REFERRAL_URLS))
def test_unknown_reference_is_404_too(client, cast, name):
    client.force_login(cast["receiver"])
    url = reverse(f"doorverwijzing:{name}", kwargs={"public_id": "R-ZZZZZZ"})
    assert getattr(client, REFERRAL_URLS[name])(url).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_a_coordinator_or_superuser_cannot_open_a_referral(client, cast, who):
    # The coordinator of the very network both organisations are in: coordinating is not
    # being party to the referral.
    if who == "coordinator":
        user = cast["coordinator"]
        assert cast["referral"].receiving_organisation.networks.filter(pk=cast.network.pk)
    else:
        user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    assert client.get(cast["referral"].get_absolute_url()).status_code == 404
    assert client.get(reverse("doorverwijzing:inbox")).status_code == 403


def test_referrals_are_not_in_the_admin_site(client, cast):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get("/admin/doorverwijzing/referral/").status_code == 404


def test_a_social_worker_without_mfa_is_sent_to_turn_it_on(client):
    worker = social_worker()
    client.force_login(worker, second_factor=False)
    response = client.get(reverse("doorverwijzing:inbox"))
    assert response.status_code == 302
    assert "/account/2fa/totp/activate/" in response["Location"]


def test_anonymous_is_sent_to_login(client, cast):
    response = client.get(cast["referral"].get_absolute_url())
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_reading_a_referral_is_logged_and_the_worker_sees_who_read_it(client, cast):
    referral = cast["referral"]
    client.force_login(cast["receiver"])
    client.get(referral.get_absolute_url())
    assert AccessLogEntry.objects.filter(
        referral=referral, actor=cast["receiver"], action="read"
    ).exists()
    client.force_login(cast["referrer"])
    content = client.get(
        reverse("doorverwijzing:access_log", kwargs={"public_id": referral.public_id})
    ).content.decode()
    assert cast["receiver"].email in content


def test_receiver_accepts_and_the_referrer_gets_a_mail_without_personal_data(client, cast):
    from doorverwijzing.choices import EventKind
    from huisvanhetkind import outbox
    from huisvanhetkind.models import OutboxMessage

    referral = cast["referral"]
    client.force_login(cast["receiver"])
    response = client.post(
        reverse("doorverwijzing:accept", kwargs={"public_id": referral.public_id})
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    # Accepting queues the mail (ids only); the worker then sends it.
    queued = OutboxMessage.objects.get(task_name="doorverwijzing.tasks.referral_notify")
    assert queued.args == [referral.id, EventKind.ACCEPTED]
    assert not mail.outbox
    outbox.deliver(message_id=queued.id)
    (message,) = mail.outbox
    assert message.to == [cast["referrer"].email]
    assert referral.public_id in message.subject
    for personal in (referral.family_name, referral.family_phone, referral.question):
        assert personal not in message.body and personal not in message.subject


def test_the_referrer_cannot_accept_their_own_referral(client, cast):
    referral = cast["referral"]
    client.force_login(cast["referrer"])
    response = client.post(
        reverse("doorverwijzing:accept", kwargs={"public_id": referral.public_id})
    )
    assert response.status_code == 403


def test_an_illegal_step_is_a_message_not_a_500(client, cast):
    referral = cast["referral"]
    client.force_login(cast["receiver"])
    url = reverse("doorverwijzing:close", kwargs={"public_id": referral.public_id})
    response = client.post(url, {"outcome": "got_help"}, follow=True)
    assert response.status_code == 200
    assert "error" in response.content.decode()


def test_new_referral_form_sends_with_consent(client, cast):
    client.force_login(cast["referrer"])
    response = client.post(
        reverse("doorverwijzing:new"),
        {
            "referring_organisation": cast["referrer"].organisation.pk,
            "receiving_organisation": cast["receiver"].organisation.pk,
            "question": "Zoekt hulp bij opvoeding van tiener.",
            "urgency": "normal",
            "family_name": "K. M.",
            "family_phone": "0470 11 22 33",
            "contact_preference": "phone",
            "language": "ar",
            "children_ages": "3, 14",
            "consent_given_by": "de vader",
            "consent_method": "verbal",
            "share_contact_details": "on",
            "share_question": "on",
            "consent_confirmed": "on",
        },
    )
    referral = Referral.objects.exclude(pk=cast["referral"].pk).get()
    assert response.status_code == 302
    assert referral.children_ages == [3, 14]
    assert referral.consent.given_by == "de vader"


def test_new_referral_without_consent_confirmation_keeps_what_was_typed(client, cast):
    client.force_login(cast["referrer"])
    response = client.post(
        reverse("doorverwijzing:new"),
        {
            "referring_organisation": cast["referrer"].organisation.pk,
            "receiving_organisation": cast["receiver"].organisation.pk,
            "question": "Een vraag die niet verloren mag gaan.",
            "urgency": "normal",
            "family_name": "K. M.",
            "contact_preference": "phone",
            "language": "nl",
            "children_ages": "drie",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Een vraag die niet verloren mag gaan." in content
    assert Referral.objects.count() == 1


def test_inbox_query_count_is_constant(client, cast, django_assert_max_num_queries):
    for _index in range(30):
        ReferralFactory(
            referring_organisation=cast["referrer"].organisation,
            receiving_organisation=cast["receiver"].organisation,
        )
    client.force_login(cast["receiver"])
    client.get(reverse("doorverwijzing:inbox"))  # the session's idle expiry, once a minute
    # session, user, roles, count, page, mail choice, network, menu (2), steering
    # groups: none of them grows with the rows.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("doorverwijzing:inbox"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 31


def test_detail_query_count_is_constant(client, cast, django_assert_max_num_queries):
    client.force_login(cast["receiver"])
    with django_assert_max_num_queries(16):
        assert client.get(cast["referral"].get_absolute_url()).status_code == 200


def test_export_gives_the_family_everything_as_json(client, cast):
    referral = cast["referral"]
    client.force_login(cast["referrer"])
    url = reverse("doorverwijzing:export", kwargs={"public_id": referral.public_id})
    data = client.get(url + "?format=json").json()
    assert data["reference"] == referral.public_id
    assert data["family"]["name"] == referral.family_name
    assert AccessLogEntry.objects.filter(referral=referral, action="export").exists()


def test_sessions_of_people_who_read_referrals_end_after_30_idle_minutes(client, cast):
    client.force_login(cast["receiver"])
    client.get(reverse("doorverwijzing:inbox"))
    assert client.session.get_expiry_age() == 30 * 60


@pytest.fixture
def clock(monkeypatch):
    """Django's clock, moved by hand: sessions expire by it (timezone.now)."""
    import datetime as dt

    from django.utils import timezone

    now = [timezone.now()]

    def move(**delta) -> None:
        now[0] += dt.timedelta(**delta)

    monkeypatch.setattr(timezone, "now", lambda: now[0])
    return move


def _session_writes(queries) -> int:
    return sum('UPDATE "django_session"' in query["sql"] for query in queries)


def test_an_idle_referral_session_ends_after_30_minutes(client, cast, clock):
    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    assert client.get(inbox).status_code == 200
    clock(minutes=29, seconds=58)
    assert client.get(inbox).status_code == 200
    clock(minutes=30, seconds=1)
    response = client.get(inbox)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_activity_extends_a_referral_session(client, cast, clock):
    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    for _step in range(4):  # an hour of work, a request every 20 minutes
        clock(minutes=20)
        assert client.get(inbox).status_code == 200
    clock(minutes=29)
    assert client.get(inbox).status_code == 200


def test_requests_within_a_minute_do_not_write_the_session(client, cast, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    client.get(inbox)
    clock(seconds=30)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(inbox).status_code == 200
    assert _session_writes(queries) == 0
    clock(seconds=31)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(inbox).status_code == 200
    assert _session_writes(queries) == 1
    assert client.session.get_expiry_age() == 30 * 60


def test_a_session_with_another_expiry_gets_the_idle_one_at_once(client, cast, clock):
    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    client.get(inbox)
    session = client.session
    session.set_expiry(14 * 24 * 3600)
    session.save()
    clock(seconds=5)
    client.get(inbox)
    assert client.session.get_expiry_age() == 30 * 60


@pytest.mark.parametrize("person", ["owner", "coordinator"])
def test_sessions_of_others_who_see_families_data_end_after_30_idle_minutes(
    client, cast, clock, person
):
    # Partner editors keep registration lists; coordinators give roles (second_factor.py).
    client.force_login(cast[person])
    client.get("/nl/")
    assert client.session.get_expiry_age() == 30 * 60
    clock(minutes=30, seconds=1)
    response = client.get(reverse("aanbod:mine"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_login_starts_the_idle_expiry_so_the_first_page_writes_no_session(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast["owner"])
    assert client.session.get_expiry_age() == 30 * 60
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("aanbod:mine"))
    assert response.status_code == 200  # a redirect to the login would write nothing either
    assert _session_writes(queries) == 0


def test_other_users_keep_the_normal_session_length(client, settings):
    client.force_login(UserFactory())
    client.get("/nl/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_inbox_pages_keep_the_chosen_box_and_status(client, cast):
    for _index in range(55):
        ReferralFactory(
            referring_organisation=cast["referrer"].organisation,
            receiving_organisation=cast["receiver"].organisation,
        )
    client.force_login(cast["receiver"])
    content = client.get(reverse("doorverwijzing:inbox") + "?box=received&status=sent")
    assert "?box=received&amp;status=sent&amp;page=2" in content.content.decode()


def test_a_receiver_who_declines_can_point_to_an_offer_that_fits_better(client, cast):
    from aanbod.tests.factories import OfferFactory

    referral = cast["referral"]
    network = referral.receiving_organisation.networks.get()
    elsewhere = OfferFactory(title="Opvoedingswinkel", organisation=cast["bystander"].organisation)
    elsewhere.networks.add(network)
    other_network = OfferFactory(title="Ver weg")  # not in the receiver's networks
    client.force_login(cast["receiver"])
    page = client.get(referral.get_absolute_url()).content.decode()
    assert "Opvoedingswinkel" in page and "Ver weg" not in page
    url = reverse("doorverwijzing:decline", kwargs={"public_id": referral.public_id})

    client.post(url, {"reason": "not_our_offer", "suggested_offer": other_network.pk})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT  # refused, nothing changed

    client.post(url, {"reason": "not_our_offer", "suggested_offer": elsewhere.pk})
    referral.refresh_from_db()
    assert (referral.status, referral.suggested_offer) == (ReferralStatus.DECLINED, elsewhere)
    client.force_login(cast["referrer"])
    shown = client.get(referral.get_absolute_url()).content.decode()
    assert elsewhere.get_absolute_url() in shown
