import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from aanbod.models import Participation
from aanbod.tests.factories import OfferFactory
from huisvanhetkind.models import OutboxMessage
from huisvanhetkind.testing import Client
from inschrijving import services
from inschrijving.choices import RegistrationStatus as Status
from inschrijving.models import Registration
from inschrijving.notifications import registration_mail_send
from partners.tests.factories import NetworkFactory

from .factories import register, session_list

pytestmark = pytest.mark.django_db

FORM = {"name": "Sara", "email": "sara@example.be", "phone": "", "children_0-3": "1"}


def _baby_list(**fields):
    offer = OfferFactory(indexed=False, age_months=NumericRange(0, 12))
    return session_list(offer=offer, **fields)


def _url(registration_list) -> str:
    return f"/nl/inschrijven/{registration_list.pk}/"


@pytest.mark.parametrize("lang", ["nl", "ar", "en"])
def test_the_registration_form_is_short_in_every_language(client, lang):
    registration_list = _baby_list()
    response = client.get(f"/{lang}/inschrijven/{registration_list.pk}/")
    assert response.status_code == 200
    fields = set(response.context["form"].fields)
    assert fields == {"name", "email", "phone", "children_0-3", "website"}


def test_an_offer_for_several_ages_asks_children_per_age_band(client):
    registration_list = session_list()  # every age
    response = client.get(_url(registration_list))
    assert {"children_0-3", "children_12-18", "children_18+"} <= set(
        response.context["form"].fields
    )


def test_registering_says_you_are_in_and_mails_the_secret_link(client):
    registration_list = _baby_list()
    client.get(_url(registration_list))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(_url(registration_list), FORM)
    assert response.status_code == 302
    # Reading the list for the form, then one transaction: lock the list, count the seats
    # and find the contact, insert, outbox. (The test runs it inside a savepoint: not counted.)
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 6
    assert len(statements) == 5, statements
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["registration"].status == Status.REGISTERED
    assert (
        OutboxMessage.objects.filter(task_name="inschrijving.tasks.registration_mail").count() == 1
    )


def test_a_phone_only_registration_shows_the_code_and_link_on_screen(client):
    registration_list = _baby_list()
    response = client.post(_url(registration_list), {**FORM, "email": "", "phone": "0478 12 34 56"})
    page = client.get(response["Location"])
    registration = Registration.objects.get()
    content = page.content.decode()
    assert registration.reference in content
    assert services.registration_link_token(registration) in content
    assert page["Cache-Control"] == "no-store"


def test_missing_contact_gives_a_clear_message_not_a_500(client):
    registration_list = _baby_list()
    response = client.post(_url(registration_list), {**FORM, "email": "", "phone": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Registration.objects.exists()


def test_the_honeypot_stores_nothing(client):
    registration_list = _baby_list()
    response = client.post(_url(registration_list), {**FORM, "website": "http://spam"})
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_rate_limit_stops_a_flood(client, monkeypatch):
    from inschrijving import views

    monkeypatch.setattr(views, "REGISTRATION_RATE_LIMIT", 2)
    registration_list = _baby_list(capacity=50)
    for n in range(2):
        assert (
            client.post(_url(registration_list), {**FORM, "email": f"p{n}@example.be"}).status_code
            == 302
        )
    response = client.post(_url(registration_list), {**FORM, "email": "p9@example.be"})
    assert response.status_code == 429
    assert Registration.objects.count() == 2


def test_full_without_waiting_list_shows_similar_offers(client):
    network = NetworkFactory()
    offer = OfferFactory(indexed=False, age_months=NumericRange(0, 12), networks=[network])
    similar = OfferFactory(indexed=False, age_months=NumericRange(0, 24), networks=[network])
    registration_list = session_list(offer=offer, capacity=1, waiting_list=False)
    register(registration_list, 1)
    response = client.post(_url(registration_list), FORM)
    assert response.status_code == 200
    assert response.context["similar"] == [similar]
    assert Registration.objects.count() == 1


def test_full_with_waiting_list_gives_the_place_in_line(client):
    registration_list = _baby_list(capacity=1)
    register(registration_list, 1)
    response = client.post(_url(registration_list), FORM)
    page = client.get(response["Location"])
    assert page.context["position"] == 1
    assert "1" in page.content.decode()


def test_a_phone_only_family_on_the_waiting_list_is_told_we_call_them(client):
    registration_list = _baby_list(capacity=1)
    register(registration_list, 1)
    response = client.post(_url(registration_list), {**FORM, "email": "", "phone": "0478 12 34 56"})
    assert "Dan bellen we je." in client.get(response["Location"]).content.decode()
    response = client.post(_url(registration_list), {**FORM, "email": "b@example.be"})
    assert "bellen we je" not in client.get(response["Location"]).content.decode()


def test_the_same_contact_twice_mails_the_link_again_and_makes_no_second_registration(client):
    registration_list = _baby_list()
    client.post(_url(registration_list), FORM)
    token = services.registration_link_token(Registration.objects.get())
    for name in ("Sara B", "Sara C"):
        response = client.post(_url(registration_list), {**FORM, "name": name})
        assert response.status_code == 200
        assert response.context["by_mail"] is True
    assert Registration.objects.count() == 1
    # The family's link keeps working; the same mail goes at most once a day.
    assert client.get(f"/nl/inschrijving/{token}/").status_code == 200
    again = OutboxMessage.objects.filter(
        task_name="inschrijving.tasks.registration_mail", args__2__startswith="again-"
    ).order_by("id")
    sent = [
        registration_mail_send(registration_id=m.args[0], kind=m.args[1], key=m.args[2])
        for m in again
    ]
    assert sent == [True, False]


def test_the_family_cancels_and_the_first_waitlisted_is_offered_the_seat(client):
    registration_list = _baby_list(capacity=1)
    first = register(registration_list, 1).registration
    waiting = register(registration_list, 2).registration
    token = services.registration_link_token(first)
    response = client.post(f"/nl/inschrijving/{token}/annuleren/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert OutboxMessage.objects.filter(task_name="inschrijving.tasks.waitlist_advance").exists()
    services.waitlist_advance(registration_list_id=registration_list.pk)
    waiting_token = services.registration_link_token(waiting)
    page = client.get(f"/nl/inschrijving/{waiting_token}/")
    assert page.status_code == 200 and page.context["registration"].status == Status.OFFERED
    client.post(f"/nl/inschrijving/{waiting_token}/plaats/", {"answer": "yes"})
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED


def test_a_wrong_or_old_link_is_a_404(client):
    registration = register(_baby_list()).registration
    assert client.get("/nl/inschrijving/ABCDEFGH-0000/").status_code == 404
    token = services.registration_link_token(registration)
    services.registration_link_renew(registration=registration)
    assert client.get(f"/nl/inschrijving/{token}/").status_code == 404
    assert client.post(f"/nl/inschrijving/{token}/annuleren/").status_code == 404


def test_changing_the_number_of_children(client):
    registration = register(_baby_list()).registration
    token = services.registration_link_token(registration)
    client.post(f"/nl/inschrijving/{token}/wijzigen/", {"name": "Sara", "children_0-3": "2"})
    registration.refresh_from_db()
    assert registration.children == 2


def test_a_step_the_registration_no_longer_allows_is_a_message_on_the_family_page(client):
    registration = register(_baby_list()).registration
    token = services.registration_link_token(registration)
    base = f"/nl/inschrijving/{token}/"
    client.post(base + "annuleren/", follow=True)

    steps = {
        ("annuleren/", ()): _("This registration cannot be cancelled any more."),
        ("wijzigen/", (("name", "Sara"), ("children_0-3", "2"))): _(
            "This registration cannot be changed any more."
        ),
        ("plaats/", (("answer", "yes"),)): _("This seat is no longer held for you."),
    }
    for (path, data), message in steps.items():
        page = client.post(base + path, dict(data), follow=True)
        assert page.redirect_chain == [(base, 302)], path
        assert [str(m) for m in page.context["messages"]] == [message]
    registration.refresh_from_db()
    assert (registration.status, registration.children) == (Status.CANCELLED, 1)


# --- The partner ----------------------------------------------------------------------


@pytest.fixture
def registration_list(cast):
    """A list for an offer of the cast's `organisation` (the owner's), in its network."""
    offer = OfferFactory(
        indexed=False,
        organisation=cast.organisation,
        networks=[cast.network],
        age_months=NumericRange(0, 36),
    )
    return session_list(offer=offer, capacity=3, days_ahead=1, actor=cast.owner)


# GET of a list's page for each of the cast: its people see it; another partner, another
# network's coordinator: 404; no role to keep lists: 403.
LIST_ACCESS = {
    "anonymous": 302,  # log in first
    "owner": 200,
    "colleague": 200,
    "coordinator": 200,
    "outsider": 404,
    "far_coordinator": 404,
    "viewer": 403,
    "social_worker": 403,
    "volunteer": 403,
}


@pytest.mark.parametrize("person", sorted(LIST_ACCESS))
def test_a_list_page_is_for_the_offers_own_people(client, cast, registration_list, person):
    if person != "anonymous":
        client.force_login(cast[person])
    response = client.get(f"/nl/inschrijvingen/{registration_list.pk}/")
    assert response.status_code == LIST_ACCESS[person]


def test_the_owner_sees_the_families_on_the_list(
    client, cast, registration_list, django_assert_max_num_queries
):
    register(registration_list, 1)
    client.force_login(cast.owner)
    with django_assert_max_num_queries(14):
        response = client.get(f"/nl/inschrijvingen/{registration_list.pk}/")
    assert response.status_code == 200
    assert "Ouder 1" in response.content.decode()
    assert client.get("/nl/inschrijvingen/").status_code == 200


def test_the_partner_opens_registration_for_a_date(client, cast, registration_list):
    import datetime as dt

    from django.utils import timezone

    from aanbod.tests.factories import OccurrenceFactory

    offer = registration_list.offer
    later = OccurrenceFactory(offer=offer, starts_at=timezone.now() + dt.timedelta(days=9))
    client.force_login(cast.owner)
    url = f"/nl/inschrijvingen/aanbod/{offer.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"occurrence": later.pk, "capacity": "8", "waiting_list": "on"})
    assert response.status_code == 302
    assert later.registration_lists.get().capacity == 8
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404


def test_a_date_that_has_a_list_is_not_offered_again(client, cast, registration_list):
    client.force_login(cast.owner)
    url = f"/nl/inschrijvingen/aanbod/{registration_list.offer_id}/"

    offered = client.get(url).context["form"].fields["occurrence"].queryset
    response = client.post(url, {"occurrence": registration_list.occurrence_id, "capacity": "8"})

    assert registration_list.occurrence not in offered
    assert response.status_code == 200 and response.context["form"].errors["occurrence"]
    registration_list.refresh_from_db()
    assert registration_list.capacity == 3


def test_opening_a_series_twice_is_a_form_error_in_the_partners_words(client, cast):
    offer = OfferFactory(indexed=False, organisation=cast.organisation, networks=[cast.network])
    client.force_login(cast.owner)
    url = f"/nl/inschrijvingen/aanbod/{offer.pk}/"
    assert client.post(url, {"occurrence": "", "capacity": "8"}).status_code == 302

    response = client.post(url, {"occurrence": "", "capacity": "5"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _("Registration is already on for this date.")
    ]
    assert offer.registration_lists.get().capacity == 8


def test_desk_registration_and_attendance_become_participation(client, cast, registration_list):
    client.force_login(cast.owner)
    url = f"/nl/inschrijvingen/{registration_list.pk}/"
    response = client.post(
        url + "balie/", {"name": "Mama Yara", "phone": "0470 11 22 33", "children_0-3": "2"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.registered_by == cast.owner and registration.status == Status.REGISTERED
    response = client.post(
        url + "aanwezig/", {"datum": registration_list.occurrence_id, "present": [registration.pk]}
    )
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.families, participation.children, participation.children_0_3) == (1, 2, 2)


# --- The last seat, with real concurrent requests -------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_parents_taking_the_last_seat_at_once_exactly_one_gets_it():
    registration_list = _baby_list(capacity=1, waiting_list=False)
    parents = 6
    barrier = threading.Barrier(parents)
    statuses: list[int] = []

    def take_the_seat(n: int) -> None:
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                _url(registration_list),
                {**FORM, "email": f"p{n}@example.be"},
                REMOTE_ADDR=f"10.0.0.{n}",
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_the_seat, args=(n,)) for n in range(parents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * (parents - 1) + [302]
    assert Registration.objects.filter(status=Status.REGISTERED).count() == 1
    assert len(mail.outbox) == 0


def test_the_partners_lists_are_never_kept_in_a_cache(client, cast, registration_list):
    # They hold families' names and phone numbers: no browser or proxy keeps them.
    client.force_login(cast.owner)
    response = client.get(f"/nl/inschrijvingen/{registration_list.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# --- A second factor before families' contact details ------------------------------------

TOTP_SET_UP = "/nl/account/2fa/totp/activate/"


def _partner_urls(registration_list) -> list[tuple[str, str, dict]]:
    """Every partner page of the lists: (method, URL, data)."""
    base = f"/nl/inschrijvingen/{registration_list.pk}/"
    return [
        ("get", "/nl/inschrijvingen/", {}),
        ("get", base, {}),
        ("get", f"/nl/inschrijvingen/aanbod/{registration_list.offer_id}/", {}),
        ("post", base + "balie/", {"name": "Mama Yara", "phone": "0470 11 22 33"}),
        ("post", base + "aanwezig/", {"datum": registration_list.occurrence_id}),
        ("post", base + f"plaats/{registration_list.registrations.first().pk}/", {"answer": "no"}),
    ]


def test_a_partner_editor_without_totp_is_sent_to_set_it_up_before_any_list(
    client, cast, registration_list
):
    register(registration_list, 1)
    client.force_login(cast.owner, second_factor=False)  # a password, no second factor yet
    for method, url, data in _partner_urls(registration_list):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"] == TOTP_SET_UP, url
        assert "Ouder 1" not in response.content.decode()
    assert Registration.objects.count() == 1  # the desk registration was not taken


def test_a_partner_editor_session_that_skipped_totp_is_ended(client, cast, registration_list):
    from doorverwijzing.tests.factories import with_mfa

    with_mfa(cast.owner)
    client.force_login(cast.owner, second_factor=False)  # a login path that is not allauth's
    response = client.get(f"/nl/inschrijvingen/{registration_list.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/?next=")
    assert "_auth_user_id" not in client.session


def test_with_the_second_factor_the_partner_sees_the_list(
    client, cast, registration_list, django_assert_max_num_queries
):
    register(registration_list, 1)
    client.force_login(cast.owner)  # password and TOTP code
    with django_assert_max_num_queries(14):
        response = client.get(f"/nl/inschrijvingen/{registration_list.pk}/")
    assert response.status_code == 200
    assert "Ouder 1" in response.content.decode()


def _keeper_calls():
    return [
        message
        for message in OutboxMessage.objects.filter(
            task_name="inschrijving.tasks.registration_mail"
        )
        if message.args[1] == "keeper_call"
    ]


def test_a_free_place_for_a_family_without_e_mail_reaches_the_keeper_who_calls(
    client, cast, registration_list
):
    """Sender → receiver: the seat is offered to a family that left only a phone number.
    Nobody can mail them, so the offer's partner editor is mailed at once (no name, no
    number) and finds the number and 'call this family' on the list the mail links to."""
    registration_list.capacity = 1
    registration_list.save(update_fields=["capacity"])
    first = register(registration_list, 1).registration
    waiting = register(registration_list, 2, email="", phone="0478 12 34 56").registration
    services.registration_cancel(registration=first)
    assert services.waitlist_advance(registration_list_id=registration_list.pk) == [waiting.pk]
    (call,) = _keeper_calls()
    mail.outbox.clear()
    assert registration_mail_send(registration_id=waiting.pk, kind="keeper_call", key=call.args[2])
    assert not registration_mail_send(
        registration_id=waiting.pk, kind="keeper_call", key=call.args[2]
    )
    (sent,) = mail.outbox
    assert sorted(sent.to) == sorted([cast.owner.email, cast.colleague.email])
    assert waiting.reference in sent.body and "0478" not in sent.body and "Ouder 2" not in sent.body
    link = next(line for line in sent.body.splitlines() if "/inschrijvingen/" in line)
    client.force_login(cast.owner)
    page = client.get(link.replace("http://testserver", "")).content.decode()
    assert "0478 12 34 56" in page and "Bel dit gezin" in page


def test_without_partner_editors_the_coordinator_is_asked_to_call(cast, registration_list):
    from inschrijving.selectors import list_keeper_emails

    offer = registration_list.offer
    editors = [cast.owner, cast.colleague]
    assert sorted(list_keeper_emails(offer=offer)) == sorted(e.email for e in editors)
    for editor in editors:
        editor.is_active = False
        editor.save(update_fields=["is_active"])
    assert list_keeper_emails(offer=offer) == [cast.coordinator.email]


def test_a_family_with_e_mail_gets_the_seat_mail_and_the_keeper_is_not_bothered(
    registration_list,
):
    registration_list.capacity = 1
    registration_list.save(update_fields=["capacity"])
    first = register(registration_list, 1).registration
    register(registration_list, 2)
    services.registration_cancel(registration=first)
    services.waitlist_advance(registration_list_id=registration_list.pk)
    assert _keeper_calls() == []


def _phone_only_family_offered(registration_list):
    registration_list.capacity = 1
    registration_list.save(update_fields=["capacity"])
    first = register(registration_list, 1).registration
    waiting = register(registration_list, 2, email="", phone="0478 12 34 56").registration
    services.registration_cancel(registration=first)
    services.waitlist_advance(registration_list_id=registration_list.pk)
    return waiting


def test_the_keeper_passes_on_the_familys_yes_from_the_phone_call(client, cast, registration_list):
    waiting = _phone_only_family_offered(registration_list)
    url = f"/nl/inschrijvingen/{registration_list.pk}/plaats/{waiting.pk}/"
    client.force_login(cast.outsider)
    assert client.post(url, {"answer": "yes"}).status_code == 404
    client.force_login(cast.social_worker)
    assert client.post(url, {"answer": "yes"}).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    client.force_login(cast.owner)
    assert (
        "Ze nemen de plaats"
        in client.get(f"/nl/inschrijvingen/{registration_list.pk}/").content.decode()
    )
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED
    # Said twice: a clear message, nothing changes.
    client.post(url, {"answer": "no"})
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED


def test_the_keeper_passes_on_a_no_and_the_place_moves_on(client, cast, registration_list):
    waiting = _phone_only_family_offered(registration_list)
    client.force_login(cast.owner)
    client.post(f"/nl/inschrijvingen/{registration_list.pk}/plaats/{waiting.pk}/", {"answer": "no"})
    waiting.refresh_from_db()
    assert waiting.status == Status.DECLINED
