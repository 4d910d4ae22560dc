"""The social worker's inbox leads: what waits on them first, how long, and a way in."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from doorverwijzing import services
from doorverwijzing.choices import Outcome, ReferralStatus, ReminderKind, Urgency
from doorverwijzing.reminders import reminders_due
from doorverwijzing.tests.factories import ReferralFactory, social_worker, with_mfa
from doorverwijzing.waiting import waiting_for
from huisvanhetkind.accounts import InvitationOnlyAccountAdapter
from signalen.models import Signal

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 2)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py): its social worker refers, a social worker of the
    other partner receives and reads the inbox."""
    cast.referrer = with_mfa(cast.social_worker)
    cast.referrer.organisation = cast.organisation
    cast.receiver = with_mfa(social_worker(cast.other_organisation))
    return cast


def _referral(cast, **fields):
    return ReferralFactory(
        referring_organisation=cast["referrer"].organisation,
        referring_worker=cast["referrer"],
        receiving_organisation=cast["receiver"].organisation,
        **fields,
    )


def test_inbox_puts_what_waits_longest_on_the_receiver_first(client, cast):
    now = timezone.now()
    closed = _referral(
        cast,
        status=ReferralStatus.CLOSED,
        sent_at=now - dt.timedelta(days=90),
        closed_at=now - dt.timedelta(days=1),
    )
    new = _referral(cast, sent_at=now - dt.timedelta(hours=1))
    oldest = _referral(cast, sent_at=now - dt.timedelta(days=200))
    accepted = _referral(
        cast,
        status=ReferralStatus.ACCEPTED,
        sent_at=now - dt.timedelta(days=300),
        accepted_at=now - dt.timedelta(days=299),
    )
    urgent = _referral(cast, urgency=Urgency.URGENT, sent_at=now - dt.timedelta(hours=2))
    client.force_login(cast["receiver"])
    response = client.get(reverse("doorverwijzing:inbox"))
    assert response.status_code == 200
    order = [line["public_id"] for line in response.context["page"]]
    assert order == [
        urgent.public_id,
        oldest.public_id,
        new.public_id,
        accepted.public_id,
        closed.public_id,
    ]
    content = response.content.decode()
    assert "te laat" in content and "wacht" in content and "werkdagen" in content


def test_waiting_counts_working_days_and_marks_overdue_at_the_reminder_day():
    referral = ReferralFactory.build(status=ReferralStatus.SENT, sent_at=_at(MONDAY))
    assert waiting_for(referral, today=MONDAY + dt.timedelta(days=1)).overdue is False
    waiting = waiting_for(referral, today=MONDAY + dt.timedelta(days=2))
    assert (waiting.working_days, waiting.overdue) == (2, True)
    friday = waiting_for(referral, today=MONDAY + dt.timedelta(days=7))  # next Monday
    assert friday.working_days == 5
    referral.status = ReferralStatus.CLOSED
    assert waiting_for(referral, today=MONDAY) is None


def test_inbox_filters_and_ignores_a_bad_value(client, cast):
    open_one = _referral(cast)
    done = _referral(cast, status=ReferralStatus.DECLINED)
    client.force_login(cast["receiver"])
    response = client.get(reverse("doorverwijzing:inbox"), {"status": "open"})
    assert [line["public_id"] for line in response.context["page"]] == [open_one.public_id]
    response = client.get(reverse("doorverwijzing:inbox"), {"status": "nonsense", "urgency": "x"})
    assert response.status_code == 200
    assert {line["public_id"] for line in response.context["page"]} == {
        open_one.public_id,
        done.public_id,
    }
    response = client.get(reverse("doorverwijzing:inbox"), {"reference": done.public_id[-3:]})
    assert [line["public_id"] for line in response.context["page"]] == [done.public_id]


def test_inbox_query_count_stays_fixed_with_many_rows(client, cast, django_assert_max_num_queries):
    for index in range(40):
        _referral(
            cast,
            status=[ReferralStatus.SENT, ReferralStatus.ACCEPTED][index % 2],
            accepted_at=timezone.now(),
        )
    client.force_login(cast["receiver"])
    client.get(reverse("doorverwijzing:inbox"))  # the session's idle expiry, once a minute
    # session, user, roles, count, page, mail choice, network, menu (2), steering
    # groups: none of them grows with the rows.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("doorverwijzing:inbox"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 40


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 2 rows, counted up to 4 rows: the inbox's paging with a handful of rows."""
    from doorverwijzing import selectors

    monkeypatch.setattr(selectors, "INBOX_PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "INBOX_COUNT_CAP", 4)


def test_the_inbox_counts_its_rows_only_up_to_the_cap(client, cast, small_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _index in range(7):
        _referral(cast)
    client.force_login(cast["receiver"])
    with CaptureQueriesContext(connection) as queries:
        content = client.get(reverse("doorverwijzing:inbox")).content.decode()
    assert "Pagina 1 van meer dan 2" in content
    assert 'href="?page=2">Volgende<' in content
    counts = [query["sql"] for query in queries if "COUNT(*)" in query["sql"]]
    assert any("LIMIT 5" in sql for sql in counts)


def test_next_leads_through_every_referral_past_the_cap(client, cast, small_pages):
    import re

    made = {_referral(cast).public_id for _index in range(7)}
    client.force_login(cast["receiver"])
    seen, labels, url = [], [], reverse("doorverwijzing:inbox")
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [line["public_id"] for line in response.context["page"]]
        content = response.content.decode()
        labels.append(re.search(r"Pagina \d+ van [^<]*?\d+", content).group())
        next_page = re.search(r'href="(\?page=\d+)">Volgende<', content)
        url = reverse("doorverwijzing:inbox") + next_page.group(1) if next_page else None
    assert sorted(seen) == sorted(made)
    assert labels == [
        "Pagina 1 van meer dan 2",
        "Pagina 2 van meer dan 2",
        "Pagina 3 van meer dan 3",
        "Pagina 4 van 4",
    ]


def test_a_box_within_the_cap_shows_its_page_count(client, cast, small_pages):
    for _index in range(4):
        _referral(cast)
    client.force_login(cast["receiver"])
    content = client.get(reverse("doorverwijzing:inbox")).content.decode()
    assert "Pagina 1 van 2" in content
    assert "meer dan" not in content


@pytest.mark.parametrize("page", ["0", "-3", "x", "99999999999999999999999"])
def test_a_page_number_out_of_range_shows_a_page_of_the_inbox(client, cast, small_pages, page):
    for _index in range(7):
        _referral(cast)
    client.force_login(cast["receiver"])
    response = client.get(reverse("doorverwijzing:inbox"), {"page": page})
    assert response.status_code == 200
    assert len(response.context["page"]) in (1, 2)


# The rows and forms are kept rendered per process (doorverwijzing.inbox_parts): each page
# must still show what is true now.


def test_a_kept_row_follows_the_referral_to_its_next_step(client, cast):
    from django.utils import translation

    referral = _referral(cast)
    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    with translation.override("nl"):
        sent, accepted = str(ReferralStatus.SENT.label), str(ReferralStatus.ACCEPTED.label)
    assert f'<td data-label="Status">{sent}</td>' in client.get(inbox).content.decode()
    services.referral_accept(referral=referral, actor=cast["receiver"])
    content = client.get(inbox).content.decode()
    assert f'<td data-label="Status">{accepted}</td>' in content
    assert f'<td data-label="Status">{sent}</td>' not in content


def test_an_offer_without_a_title_in_the_language_shows_its_dutch_title(client, cast):
    from aanbod.tests.factories import OfferFactory

    offer = OfferFactory(title_nl="Babymassage", title_fr="")
    _referral(cast, offer=offer)
    client.force_login(cast["receiver"])
    assert ">Babymassage</td>" in client.get("/fr/doorverwijzingen/").content.decode()
    offer.title_fr = "Massage pour bébés"
    offer.save()
    content = client.get("/fr/doorverwijzingen/").content.decode()
    assert ">Massage pour bébés</td>" in content
    assert ">Babymassage</td>" in client.get("/nl/doorverwijzingen/").content.decode()


def test_the_filter_form_shows_the_values_asked_for(client, cast):
    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    content = client.get(inbox, {"status": "accepted", "reference": "RB12"}).content.decode()
    assert '<option value="accepted" selected>' in content
    assert 'value="RB12"' in content
    content = client.get(inbox, {"box": "sent"}).content.decode()
    assert '<option value="accepted" selected>' not in content
    assert 'value="RB12"' not in content
    assert '<input type="hidden" name="box" value="sent">' in content


def test_the_mail_choice_shows_the_choice_just_saved(client, cast):
    from doorverwijzing.choices import MailFrequency

    client.force_login(cast["receiver"])
    inbox = reverse("doorverwijzing:inbox")
    assert (
        'value="each_event" required id="id_frequency_0" checked'
        in client.get(inbox).content.decode()
    )
    client.post(
        reverse("doorverwijzing:mail_preference"), {"frequency": MailFrequency.DAILY_DIGEST}
    )
    content = client.get(inbox).content.decode()
    assert 'value="daily_digest" required id="id_frequency_1" checked' in content
    assert 'id="id_frequency_0" checked' not in content


def test_the_menu_shows_referrals_waiting_and_questions_for_the_contact_point(client, cast):
    _referral(cast)
    _referral(cast, status=ReferralStatus.ACCEPTED, accepted_at=timezone.now())
    _referral(cast, status=ReferralStatus.CLOSED)
    client.force_login(cast["receiver"])
    content = client.get(reverse("aanbod:search")).content.decode()
    assert '<span class="hvhk-count">2</span>' in content
    assert "/nl/doorverwijzingen/vragen/" not in content  # not a contact point

    organiser = cast["receiver"].organisation
    network = organiser.networks.first()
    network.organiser = organiser
    network.save(update_fields=["organiser"])
    from doorverwijzing.models import IntakeRequest

    IntakeRequest.objects.create(network=network, name="X", question="?")
    content = client.get(reverse("aanbod:search")).content.decode()
    assert "/nl/doorverwijzingen/vragen/" in content
    assert '1</span><span class="hvhk-visually-hidden"> nieuw' in content


@pytest.mark.parametrize("person", ["volunteer", "owner", "coordinator", "viewer"])
def test_people_who_are_not_social_workers_see_no_referral_menu(client, cast, person):
    _referral(cast)
    client.force_login(cast[person])
    response = client.get(reverse("aanbod:search"))
    assert response.status_code == 200
    assert "/nl/doorverwijzingen/" not in response.content.decode()


def test_after_login_a_social_worker_lands_in_the_inbox(cast):
    request = RequestFactory().get("/")
    request.user = cast["receiver"]
    assert InvitationOnlyAccountAdapter(request).get_login_redirect_url(request) == (
        reverse("doorverwijzing:inbox")
    )
    request.user = cast.volunteer
    assert InvitationOnlyAccountAdapter(request).get_login_redirect_url(request) == "/"


def test_a_referral_in_contact_for_20_working_days_reminds_the_receiver_to_close():
    referral = ReferralFactory(
        status=ReferralStatus.CONTACTED,
        sent_at=_at(MONDAY),
        accepted_at=_at(MONDAY),
        first_contact_at=_at(MONDAY),
    )
    assert reminders_due(today=dt.date(2026, 11, 30)) == []
    [due] = reminders_due(today=dt.date(2026, 12, 1))  # 11/11 is a holiday
    assert (due.referral_id, due.kind) == (referral.id, ReminderKind.CLOSE_RECEIVER)


def test_accepted_then_closed_for_no_capacity_becomes_an_anonymous_signal(cast):
    referral = _referral(cast, status=ReferralStatus.ACCEPTED, accepted_at=timezone.now())
    services.referral_close(referral=referral, actor=cast["receiver"], outcome=Outcome.NO_CAPACITY)
    signal = Signal.objects.get()
    assert signal.decline_reason == "no_capacity"
    assert signal.source == "referral_declined"


def test_closed_with_help_gives_no_signal(cast):
    referral = _referral(cast, status=ReferralStatus.ACCEPTED, accepted_at=timezone.now())
    services.referral_close(referral=referral, actor=cast["receiver"], outcome=Outcome.GOT_HELP)
    assert not Signal.objects.exists()


def test_detail_shows_the_language_name_and_the_closing_remark_on_the_timeline(client, cast):
    referral = _referral(
        cast, status=ReferralStatus.ACCEPTED, accepted_at=timezone.now(), language="ar"
    )
    services.referral_close(
        referral=referral,
        actor=cast["receiver"],
        outcome=Outcome.GOT_HELP,
        remark="Loopt goed bij de kinesist.",
    )
    client.force_login(cast["referrer"])
    content = client.get(referral.get_absolute_url()).content.decode()
    assert "Arabisch" in content
    timeline = content[content.index('class="hvhk-timeline"') :]
    assert "Loopt goed bij de kinesist." in timeline
