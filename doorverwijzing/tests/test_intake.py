"""'Stel je vraag': a family asks, the network's contact point follows up."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from doorverwijzing.choices import IntakeStatus, ReferralStatus
from doorverwijzing.models import AccessLogEntry, IntakeRequest, Referral
from doorverwijzing.services import intake_close, intakes_purge_expired
from doorverwijzing.tasks import intake_notify_task, referrals_purge_task
from partners.choices import Role
from partners.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

from .factories import social_worker, with_mfa

pytestmark = pytest.mark.django_db

QUESTION = {
    "name": "Samira",
    "phone": "0470 98 76 54",
    "email": "",
    "language": "ar",
    "question": "Mijn zoon van 4 slaapt slecht. Waar kan ik terecht?",
    "best_time": "dinsdag na 16 uur",
    "website": "",
}


@pytest.fixture
def network():
    network = NetworkFactory(slug="scheldevallei")
    network.organiser = OrganisationFactory(networks=[network], name="Gemeente Wilgendaal")
    network.save()
    return network


@pytest.fixture
def cast(cast, network):
    """The shared cast (conftest.py) in this network, whose organiser is the contact point:
    a social worker there, the cast's social worker as a partner, and a social worker at
    the contact point of the far network."""
    cast.contact_point = with_mfa(social_worker(network.organiser))
    cast.partner = with_mfa(cast.social_worker)
    cast.partner.organisation = cast.organisation
    cast.far_network.organiser = OrganisationFactory(networks=[cast.far_network])
    cast.far_network.save()
    cast.far_worker = with_mfa(social_worker(cast.far_network.organiser))
    return cast


def _intake(network, **extra):
    fields = {key: value for key, value in QUESTION.items() if key != "website"}
    return IntakeRequest.objects.create(network=network, **(fields | extra))


def _ask(client, network, **changes):
    url = reverse("doorverwijzing:intake_new") + f"?netwerk={network.slug}"
    return client.post(url, QUESTION | changes)


# --- The family's form ----------------------------------------------------------------


def test_the_form_is_public_and_preselects_the_site_language(client, network):
    response = client.get("/tr/stel-je-vraag/")
    assert response.status_code == 200
    assert response.context["form"]["language"].value() == "tr"
    content = response.content.decode()
    assert 'class="hvhk-honeypot" aria-hidden="true"' in content
    assert network.phone in content  # the contact block, for those who prefer to call


def test_a_question_lands_in_the_inbox_of_the_networks_contact_point(client, network, cast):
    response = _ask(client, network)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/stel-je-vraag/bedankt/?netwerk={network.slug}")
    for personal in ("Samira", "0470", "slaapt"):
        assert personal not in response["Location"]
    intake = IntakeRequest.objects.get()
    assert intake.network == network and intake.status == IntakeStatus.NEW
    assert intake.language == "ar" and intake.best_time == "dinsdag na 16 uur"

    client.force_login(cast["contact_point"])
    inbox = client.get(reverse("doorverwijzing:intake_inbox"))
    assert list(inbox.context["page"]) == [intake]
    client.force_login(cast["far_worker"])
    assert list(client.get(reverse("doorverwijzing:intake_inbox")).context["page"]) == []


def test_the_thank_you_page_says_what_happens_next_and_how_to_reach_us(client, network, cast):
    response = client.get(
        reverse("doorverwijzing:intake_thanks") + f"?netwerk={network.slug}", follow=True
    )
    content = response.content.decode()
    assert '<ol class="utrecht-ordered-list">' in content  # the steps that come next
    assert network.phone in content and network.email in content


def test_the_contact_point_gets_a_mail_without_personal_data(
    client, network, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _ask(client, network)
    assert len(callbacks) == 1  # the task is queued only after the question is stored
    intake = IntakeRequest.objects.get()
    assert intake_notify_task(network.pk) == 1  # what the worker runs, with the id only
    assert [message.to for message in mail.outbox] == [[cast["contact_point"].email]]
    message = mail.outbox[0]
    assert f"/nl/doorverwijzingen/vragen/{intake.pk}/" in message.body
    for personal in ("Samira", "0470 98 76 54", "slaapt", "dinsdag"):
        assert personal not in message.body and personal not in message.subject


def test_phone_or_email_is_needed(client, network):
    response = _ask(client, network, phone="", email="")
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    assert not IntakeRequest.objects.exists()


def test_a_filled_honeypot_is_refused_with_a_message_and_nothing_is_stored(client, network):
    response = _ask(client, network, website="https://spam.example")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not IntakeRequest.objects.exists()


def test_more_than_five_questions_an_hour_from_one_address_are_refused(client, network):
    for _attempt in range(5):
        assert _ask(client, network).status_code == 302
    response = _ask(client, network)
    assert response.status_code == 429
    assert response.context["form"].non_field_errors()  # told why, in their language
    assert IntakeRequest.objects.count() == 5
    # Another address may still ask.
    url = reverse("doorverwijzing:intake_new") + f"?netwerk={network.slug}"
    assert client.post(url, QUESTION, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_rate_limit_key_does_not_hold_the_address(client, network):
    from django.core.cache import cache

    _ask(client, network)
    keys = [key.decode() for key in cache._cache.get_client().keys("*intake-rate*")]
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_an_unknown_network_is_404(client):
    assert client.get("/nl/stel-je-vraag/?netwerk=bestaat-niet").status_code == 404


def test_a_network_without_contact_point_shows_how_to_call_instead(client):
    network = NetworkFactory()
    response = client.get(f"/nl/stel-je-vraag/?netwerk={network.slug}")
    assert response.status_code == 200
    assert not response.context["accepts_questions"]
    assert network.phone in response.content.decode()
    _ask(client, network)
    assert not IntakeRequest.objects.exists()


# --- The contact point's inbox -----------------------------------------------------------


def test_only_social_workers_may_open_the_intake_inbox(client):
    client.force_login(UserFactory())
    assert client.get(reverse("doorverwijzing:intake_inbox")).status_code == 403


def test_a_worker_of_a_partner_in_the_same_network_does_not_see_the_questions(
    client, network, cast
):
    intake = _intake(network)
    client.force_login(cast["partner"])
    assert list(client.get(reverse("doorverwijzing:intake_inbox")).context["page"]) == []
    url = reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk})
    assert client.get(url).status_code == 404


# URL name -> method. Every URL that takes an intake's id.
INTAKE_URLS = {
    "intake_detail": "get",
    "intake_take_in_hand": "post",
    "intake_close": "post",
    "intake_convert": "get",
    "intake_access_log": "get",
}


def test_every_intake_url_with_an_id_is_in_the_access_table():
    from doorverwijzing import urls

    with_id = {p.name for p in urls.urlpatterns if "<int:pk>" in str(p.pattern)}
    assert with_id == set(INTAKE_URLS)


@pytest.mark.parametrize("name", sorted(INTAKE_URLS))
def test_worker_of_another_organisation_gets_404_on_every_intake_url(client, network, cast, name):
    intake = _intake(network)
    client.force_login(cast["far_worker"])
    url = reverse(f"doorverwijzing:{name}", kwargs={"pk": intake.pk})
    assert getattr(client, INTAKE_URLS[name])(url).status_code == 404
    assert client.post(url).status_code in (404, 405)
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.NEW and intake.handled_by is None
    assert not AccessLogEntry.objects.exists()  # a refused look leaves nothing to log


def test_the_contact_point_takes_a_question_in_hand_and_closes_it(client, network, cast):
    intake = _intake(network)
    worker = cast["contact_point"]
    client.force_login(worker)
    detail = client.get(reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk}))
    assert "Samira" in detail.content.decode()
    client.post(reverse("doorverwijzing:intake_take_in_hand", kwargs={"pk": intake.pk}))
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.IN_PROGRESS and intake.handled_by == worker
    client.post(reverse("doorverwijzing:intake_close", kwargs={"pk": intake.pk}))
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.CLOSED and intake.closed_at is not None
    response = client.post(
        reverse("doorverwijzing:intake_close", kwargs={"pk": intake.pk}), follow=True
    )
    assert response.status_code == 200  # a second close is a message, not a 500


def test_turning_a_question_into_a_referral_needs_consent_and_marks_the_question(
    client, network, cast
):
    intake = _intake(network)
    client.force_login(cast["contact_point"])
    url = reverse("doorverwijzing:intake_convert", kwargs={"pk": intake.pk})
    form = client.get(url).context["form"]
    assert form.initial["family_name"] == "Samira"  # prefilled on the server
    data = {
        "receiving_organisation": cast["partner"].organisation.pk,
        "question": intake.question,
        "urgency": "normal",
        "family_name": "Samira",
        "family_phone": intake.phone,
        "contact_preference": "phone",
        "language": "ar",
        "interpreter_needed": "on",
        "consent_given_by": "de moeder",
        "consent_method": "verbal",
        "share_contact_details": "on",
        "share_question": "on",
    }
    response = client.post(url, data)  # consent not confirmed: nothing is sent
    assert response.status_code == 200
    assert not Referral.objects.exists()

    response = client.post(url, data | {"consent_confirmed": "on"})
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert referral.referring_organisation == network.organiser
    assert referral.receiving_organisation == cast["partner"].organisation
    assert referral.status == ReferralStatus.SENT and referral.consent.given_by == "de moeder"
    assert referral.family_phone == intake.phone
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.REFERRED and intake.referral == referral
    # A handled question cannot be referred twice.
    client.post(url, data | {"consent_confirmed": "on"})
    assert Referral.objects.count() == 1


def test_intake_inbox_query_count_is_constant(client, network, cast, django_assert_max_num_queries):
    for _index in range(30):
        _intake(network)
    client.force_login(cast["contact_point"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("doorverwijzing:intake_inbox"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 30


def test_the_intake_inbox_filter_shows_the_status_it_filters_on(client, network, cast):
    """The select is the FilterSet's own form: what it shows is what the list is."""
    handled = _intake(network)
    IntakeRequest.objects.filter(pk=handled.pk).update(status=IntakeStatus.CLOSED)
    still_to_do = _intake(network)
    client.force_login(cast["contact_point"])
    url = reverse("doorverwijzing:intake_inbox")
    first = client.get(url)
    assert list(first.context["page"]) == [still_to_do]
    assert '<option value="open" selected>' in first.content.decode()
    closed = client.get(url, {"status": IntakeStatus.CLOSED})
    assert list(closed.context["page"]) == [handled]
    assert f'<option value="{IntakeStatus.CLOSED}" selected>' in closed.content.decode()
    assert '<label for="id_status">Status</label>' in closed.content.decode()


# --- Retention -------------------------------------------------------------------------


def _age(intake, *, created_days_ago: int, closed_days_ago: int | None = None):
    now = timezone.now()
    IntakeRequest.objects.filter(pk=intake.pk).update(
        created_at=now - dt.timedelta(days=created_days_ago),
        closed_at=None if closed_days_ago is None else now - dt.timedelta(days=closed_days_ago),
    )


def test_personal_data_is_erased_after_the_retention_period(network, cast, settings):
    settings.INTAKE_RETENTION_DAYS = 91
    closed_long_ago = _intake(network)
    intake_close(intake=closed_long_ago, actor=cast["contact_point"])
    _age(closed_long_ago, created_days_ago=200, closed_days_ago=92)
    closed_recently = _intake(network)
    _age(closed_recently, created_days_ago=200, closed_days_ago=30)
    never_closed = _intake(network)
    _age(never_closed, created_days_ago=92)
    fresh = _intake(network)

    assert referrals_purge_task() == 2

    for intake in (closed_long_ago, never_closed):
        intake.refresh_from_db()
        assert intake.erased_at is not None
        assert (intake.name, intake.phone, intake.question, intake.best_time) == ("", "", "", "")
        assert intake.status == IntakeStatus.CLOSED
    for intake in (closed_recently, fresh):
        intake.refresh_from_db()
        assert intake.erased_at is None and intake.name == "Samira"
    assert intakes_purge_expired(now=timezone.now()) == 0  # idempotent


# --- Nobody lost: someone reads every question (issue 12, item 6) -------------------------


def test_a_family_question_reaches_a_reader_who_opens_it_from_the_mail(
    client, network, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = _ask(client, network)
    thanks = client.get(response["Location"])
    assert "phone-us" not in thanks.content.decode()  # someone will call back
    assert len(callbacks) == 1
    assert intake_notify_task(network.pk) == 1  # what the worker runs after commit
    (message,) = mail.outbox
    assert message.to == [cast["contact_point"].email]
    link = next(line for line in message.body.splitlines() if "/doorverwijzingen/vragen/" in line)
    client.force_login(cast["contact_point"])
    page = client.get(link.removeprefix("http://testserver").removeprefix(settings.SITE_URL))
    assert page.status_code == 200
    assert "slaapt slecht" in page.content.decode()


def test_when_nobody_can_read_the_family_is_told_to_phone_and_the_coordinator_is_mailed(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(phone="09 555 12 34")
    network.organiser = OrganisationFactory(networks=[network])  # no social worker
    network.save()
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=network)
    with django_capture_on_commit_callbacks() as callbacks:
        response = _ask(client, network)
    assert len(callbacks) == 1
    content = client.get(response["Location"]).content.decode()
    assert 'id="phone-us"' in content and "09 555 12 34" in content
    assert intake_notify_task(network.pk) == 1
    (message,) = mail.outbox
    intake = IntakeRequest.objects.get()
    assert message.to == [coordinator.email]
    assert str(intake.pk) in message.body
    for personal in ("Samira", "0470", "slaapt", "dinsdag"):
        assert personal not in message.body and personal not in message.subject


def test_many_questions_give_the_contact_point_one_mail_per_interval(
    network, cast, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_MAIL_INTERVAL_MINUTES = 15
    from doorverwijzing.notifications import intake_notify

    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for _index in range(5):
        _intake(network)
    assert intake_notify(network=network, now=start + dt.timedelta(minutes=1)) == 1
    assert intake_notify(network=network, now=start + dt.timedelta(minutes=2)) == 0  # no news
    _intake(network)
    with django_capture_on_commit_callbacks() as later:
        # News within the same interval: not now, but once when the interval ends.
        assert intake_notify(network=network, now=start + dt.timedelta(minutes=3)) == 0
    assert len(later) == 1
    assert len(mail.outbox) == 1
    assert intake_notify(network=network, now=start + dt.timedelta(minutes=16)) == 1
    assert intake_notify(network=network, now=start + dt.timedelta(minutes=17)) == 0
    assert len(mail.outbox) == 2
    assert ": 6." in mail.outbox[1].body  # the second mail counts every waiting question


# --- Floods from many addresses (item 9) -------------------------------------------------


def test_the_daily_cap_asks_families_to_phone_and_tells_the_coordinator_once(
    client, network, cast, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_DAILY_CAP_PER_NETWORK = 3
    coordinator = cast["coordinator"]
    for _index in range(3):
        _intake(network)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = _ask(client, network, name="Nummer vier")
        cache.clear()  # another address: the per-address limit does not apply
        second = _ask(client, network, name="Nummer vijf")
    assert first.status_code == second.status_code == 429
    assert network.phone in str(first.context["form"].non_field_errors())
    assert IntakeRequest.objects.count() == 3
    assert len(callbacks) == 1  # one mail to the coordinators that day, not one per try
    from doorverwijzing.network_mail import daily_cap_mail_task

    assert daily_cap_mail_task(network.pk, "intake_cap") == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert "Nummer" not in mail.outbox[0].body


def test_the_nightly_purge_forgets_old_mail_claims(network):
    from doorverwijzing.models import NetworkMailClaim

    now = timezone.now()
    old = NetworkMailClaim.objects.create(
        network=network, kind="new_questions", slot=now - dt.timedelta(days=8)
    )
    recent = NetworkMailClaim.objects.create(network=network, kind="intake_cap", slot=now)
    referrals_purge_task()
    assert set(NetworkMailClaim.objects.values_list("pk", flat=True)) == {recent.pk}
    assert old.pk not in NetworkMailClaim.objects.values_list("pk", flat=True)


# --- Who read or changed a question: the access log ---------------------------------------


def _entries(intake) -> list[tuple[int | None, str, str]]:
    return [
        (entry.actor_id, entry.action, entry.detail)
        for entry in AccessLogEntry.objects.filter(intake=intake).order_by("chain_index")
    ]


def test_opening_a_question_writes_one_read_entry(
    client, network, cast, django_assert_max_num_queries
):
    intake = _intake(network)
    worker = cast["contact_point"]
    client.force_login(worker)
    url = reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk})
    # session, user, roles, menu counts, the question, one INSERT into the log …
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert _entries(intake) == [(worker.pk, "read", "")]


def test_every_change_of_a_question_is_logged_with_its_actor(client, network, cast):
    intake = _intake(network)
    worker = cast["contact_point"]
    client.force_login(worker)
    client.post(reverse("doorverwijzing:intake_take_in_hand", kwargs={"pk": intake.pk}))
    client.post(reverse("doorverwijzing:intake_close", kwargs={"pk": intake.pk}))
    assert _entries(intake) == [
        (worker.pk, "change", IntakeStatus.IN_PROGRESS),
        (worker.pk, "change", IntakeStatus.CLOSED),
    ]


@pytest.mark.parametrize("who", ["far_worker", "partner", "volunteer", "coordinator"])
def test_who_may_not_read_the_question_writes_nothing_and_cannot_see_the_log(
    client, network, cast, who
):
    intake = _intake(network)
    client.force_login(cast[who])
    for name in ("intake_detail", "intake_convert", "intake_access_log"):
        response = client.get(reverse(f"doorverwijzing:{name}", kwargs={"pk": intake.pk}))
        assert response.status_code in (403, 404)
    assert not AccessLogEntry.objects.exists()


def test_the_contact_point_sees_who_opened_the_question_and_no_family_data(
    client, network, cast, django_assert_max_num_queries
):
    intake = _intake(network)
    colleagues = [with_mfa(social_worker(network.organiser)) for _index in range(5)]
    for colleague in colleagues:
        client.force_login(colleague)
        client.get(reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk}))
    client.force_login(cast["contact_point"])
    url = reverse("doorverwijzing:intake_access_log", kwargs={"pk": intake.pk})
    with django_assert_max_num_queries(11):  # the same with 1 or 5 rows: actors are joined
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert all(colleague.email in page for colleague in colleagues)
    assert "Samira" not in page and QUESTION["phone"] not in page
    assert AccessLogEntry.objects.filter(intake=intake).count() == 5  # the log page is no read


def test_the_database_refuses_to_change_or_delete_a_questions_log(network, cast):
    from django.db import transaction
    from django.db.utils import InternalError, ProgrammingError

    from doorverwijzing.services import intake_access_log_record

    intake = _intake(network)
    intake_access_log_record(intake=intake, actor=cast["contact_point"], action="read")
    entry = AccessLogEntry.objects.get(intake=intake)
    for attempt in (
        lambda: AccessLogEntry.objects.filter(pk=entry.pk).update(detail="niets gezien"),
        lambda: AccessLogEntry.objects.filter(pk=entry.pk).delete(),
    ):
        with (
            pytest.raises((InternalError, ProgrammingError), match="append-only"),
            transaction.atomic(),
        ):
            attempt()
    assert _entries(intake) == [(cast["contact_point"].pk, "read", "")]


def test_a_log_row_is_about_exactly_one_referral_or_question(network):
    from django.db import IntegrityError, transaction

    from .factories import ReferralFactory

    intake, referral = _intake(network), ReferralFactory()
    for about in ({}, {"intake": intake, "referral": referral}):
        with pytest.raises(IntegrityError), transaction.atomic():
            AccessLogEntry.objects.create(action="read", **about)


def test_questions_and_referrals_share_one_chain_that_shows_tampering(network, cast):
    from django.db import connection, transaction

    from doorverwijzing.access_log import access_log_chain_check
    from doorverwijzing.services import access_log_record, intake_access_log_record

    from .factories import ReferralFactory

    intake, other, referral = _intake(network), _intake(network), ReferralFactory()
    access_log_record(referral=referral, actor=None, action="read")
    intake_access_log_record(intake=intake, actor=cast["contact_point"], action="read")
    access_log_record(referral=referral, actor=None, action="read")
    report = access_log_chain_check()
    assert report.rows == 3 and report.head_index == 3 and not report.breaks

    entry = AccessLogEntry.objects.get(intake=intake)
    with transaction.atomic(), connection.cursor() as cursor:  # a superuser, triggers off
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE doorverwijzing_accesslogentry SET intake_id = %s WHERE id = %s",
            [other.pk, entry.pk],
        )
    assert [b.entry_id for b in access_log_chain_check().breaks] == [entry.pk]


def test_erasing_a_question_with_the_referral_is_logged_and_the_log_keeps_no_family_data(
    client, network, cast
):
    from doorverwijzing.services import consent_withdraw

    from .factories import ReferralFactory

    intake = _intake(network)
    worker = cast["contact_point"]
    referral = ReferralFactory(referring_organisation=network.organiser)
    IntakeRequest.objects.filter(pk=intake.pk).update(referral=referral)
    client.force_login(worker)
    export = reverse("doorverwijzing:export", kwargs={"public_id": referral.public_id})
    assert client.get(export).status_code == 200
    consent_withdraw(referral=referral, actor=worker)
    assert _entries(intake) == [
        (worker.pk, "export", referral.public_id),
        (worker.pk, "change", "erased"),
    ]
    intake.refresh_from_db()
    assert intake.erased_at is not None and intake.name == ""
    logged = " ".join(AccessLogEntry.objects.values_list("detail", flat=True))
    assert "Samira" not in logged and QUESTION["phone"] not in logged


def test_the_log_of_a_question_stays_when_retention_erases_it(network, cast, settings):
    settings.INTAKE_RETENTION_DAYS = 91
    intake = _intake(network)
    intake_close(intake=intake, actor=cast["contact_point"])
    _age(intake, created_days_ago=200, closed_days_ago=92)
    assert intakes_purge_expired() == 1
    assert _entries(intake) == [(cast["contact_point"].pk, "change", IntakeStatus.CLOSED)]


def test_the_contact_point_without_a_second_factor_sees_no_question(client, network, cast):
    intake = _intake(network)
    worker = social_worker(network.organiser)  # no TOTP yet
    client.force_login(worker, second_factor=False)
    for url in (
        reverse("doorverwijzing:intake_inbox"),
        reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/2fa/totp/activate/" in response["Location"], url
    assert not AccessLogEntry.objects.exists()


def test_a_network_whose_questions_were_read_is_not_deleted_with_them(network, cast):
    from django.db.models import ProtectedError

    from doorverwijzing.services import intake_access_log_record

    intake = _intake(network)
    intake_access_log_record(intake=intake, actor=cast["contact_point"], action="read")
    with pytest.raises(ProtectedError):
        network.delete()
    assert IntakeRequest.objects.filter(pk=intake.pk).exists()
