import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from dashboards import meeting_agenda
from partners import meetings
from partners.exceptions import MeetingError
from partners.models import Decision, Meeting
from partners.tasks import decision_action_remind_task, meeting_agenda_mail_task
from partners.tests.factories import (
    AgreementFactory,
    GroupFactory,
    MeetingFactory,
    OrganisationFactory,
    staff,
)
from signalen.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering(cast):
    """The cast's network's steering group, with the cast's organisation as a member: the
    cast's coordinator runs it, the cast's social worker sits in it."""
    group = GroupFactory(
        network=cast.network,
        kind="steering",
        name="Stuurgroep",
        member_organisations=[cast.organisation],
    )
    return group, staff(cast.coordinator), cast.social_worker


def test_the_agenda_is_drafted_from_what_is_due(steering):
    group, coordinator, _member = steering
    today = timezone.localdate()
    ThemeFactory(network=group.network, title="Geen avondaanbod", status="on_agenda")
    AgreementFactory(
        network=group.network, subject="Convenant pamperbank", end=today + dt.timedelta(days=30)
    )
    MeetingFactory(group=group, date=today - dt.timedelta(days=30), decisions="Flyer vertalen")
    draft = meeting_agenda.meeting_agenda_draft(
        group=group, date=today + dt.timedelta(days=7), user=coordinator
    )
    assert "Geen avondaanbod" in draft
    assert "Convenant pamperbank" in draft
    assert "Flyer vertalen" in draft


def test_the_coordinator_plans_edits_and_sends_the_agenda(
    client, cast, steering, django_capture_on_commit_callbacks
):
    group, coordinator, _member = steering
    ThemeFactory(network=group.network, title="Geen avondaanbod", status="on_agenda")
    client.force_login(coordinator)
    response = client.get(
        "/nl/coordinatie/vergaderingen/nieuw/", {"group": group.pk, "date": "2027-01-20"}
    )
    assert response.status_code == 200
    assert "Geen avondaanbod" in response.content.decode()
    response = client.post(
        "/nl/coordinatie/vergaderingen/nieuw/",
        {"group": group.pk, "date": "2027-01-20", "agenda": "1. Welkom\n2. Geen avondaanbod"},
    )
    meeting = Meeting.objects.get(group=group)
    assert response.status_code == 302 and response["Location"].endswith(f"/{meeting.pk}/")
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(f"/nl/coordinatie/vergaderingen/{meeting.pk}/versturen/")
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at is not None
    assert len(callbacks) == 1  # handed to the worker after the commit
    # The coordinator and everyone of the member organisation; not the outsider's partner,
    # the viewer or the far network.
    members = ("coordinator", "owner", "colleague", "social_worker")
    invited = {cast[person].email for person in members}
    assert meeting_agenda_mail_task.run(meeting.pk) == len(invited) == 4
    sent = [m for m in mail.outbox if "Stuurgroep" in m.subject]
    assert sent and set(sent[0].to) == invited
    assert "Geen avondaanbod" in sent[0].body


def test_an_empty_agenda_is_not_sent(steering):
    group, coordinator, _member = steering
    meeting = MeetingFactory(group=group, agenda="")
    with pytest.raises(MeetingError, match="leeg"):
        meetings.meeting_agenda_send(actor=coordinator, meeting=meeting)


def test_a_decision_becomes_an_owned_action_with_one_reminder(
    client, steering, django_capture_on_commit_callbacks
):
    group, coordinator, member = steering
    meeting = MeetingFactory(group=group, decisions="")
    client.force_login(coordinator)
    due = timezone.localdate() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/nl/coordinatie/vergaderingen/{meeting.pk}/besluiten/",
            {
                "text": "We starten een speelcafé op dinsdagavond",
                "action": "Zaal vastleggen",
                "owner": member.pk,
                "due_date": due.isoformat(),
            },
        )
    assert response.status_code == 302
    decision = Decision.objects.get(meeting=meeting)
    assert decision.is_action and decision.owner == member
    meeting.refresh_from_db()
    assert "speelcafé" in meeting.decisions
    assert len(callbacks) == 1  # due within days: the reminder is queued at once
    assert decision_action_remind_task.run(decision.pk) is True
    reminders = [m for m in mail.outbox if m.to == [member.email]]
    assert len(reminders) == 1 and "Zaal vastleggen" in reminders[0].subject
    # The daily scan does not send it again.
    assert meetings.decision_reminders_due(today=timezone.localdate()) == []
    assert meetings.decision_action_remind(decision_id=decision.pk) is False


def test_a_far_action_is_reminded_by_the_daily_scan_only_when_due(steering):
    group, coordinator, member = steering
    meeting = MeetingFactory(group=group)
    today = timezone.localdate()
    decision = meetings.decision_record(
        actor=coordinator,
        meeting=meeting,
        text="Folder",
        owner=member,
        due_date=today + dt.timedelta(days=30),
    )
    assert meetings.decision_reminders_due(today=today) == []
    assert meetings.decision_reminders_due(today=today + dt.timedelta(days=28)) == [decision.pk]


def test_an_action_needs_an_owner_and_a_date(client, steering):
    group, coordinator, member = steering
    meeting = MeetingFactory(group=group)
    client.force_login(coordinator)
    response = client.post(
        f"/nl/coordinatie/vergaderingen/{meeting.pk}/besluiten/",
        {"text": "Iets", "owner": member.pk, "due_date": ""},
    )
    assert response.status_code == 400
    assert not Decision.objects.exists()


def test_an_owner_from_another_network_is_refused(cast, steering):
    group, coordinator, _member = steering
    with pytest.raises(MeetingError):
        meetings.decision_record(
            actor=coordinator,
            meeting=MeetingFactory(group=group),
            text="x",
            owner=cast.far_coordinator,
            due_date=timezone.localdate(),
        )


def test_the_decision_log_searches_across_the_networks_groups(client, cast, steering):
    group, coordinator, _member = steering
    other_group = GroupFactory(network=group.network, name="Werkgroep taal")
    meetings.decision_record(
        actor=coordinator, meeting=MeetingFactory(group=group), text="Budget speelcafé"
    )
    meetings.decision_record(
        actor=coordinator, meeting=MeetingFactory(group=other_group), text="Folder in het Arabisch"
    )
    far = GroupFactory(network=cast.far_network)
    Decision.objects.create(meeting=MeetingFactory(group=far), text="Arabisch elders")
    client.force_login(coordinator)
    content = client.get("/nl/coordinatie/besluiten/", {"q": "arabisch"}).content.decode()
    assert "Folder in het Arabisch" in content
    assert "Budget speelcafé" not in content
    assert "Arabisch elders" not in content


def test_the_decision_log_costs_a_fixed_number_of_queries(
    client, steering, django_assert_max_num_queries
):
    group, coordinator, member = steering
    for day in range(1, 8):
        meeting = MeetingFactory(group=group, date=dt.date(2026, 9, day))
        meetings.decision_record(
            actor=coordinator,
            meeting=meeting,
            text=f"Besluit {day}",
            owner=member,
            due_date=dt.date(2027, 1, day),
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/nl/coordinatie/besluiten/")
    assert response.status_code == 200


def test_the_owner_marks_the_action_done(client, steering):
    group, coordinator, member = steering
    decision = meetings.decision_record(
        actor=coordinator,
        meeting=MeetingFactory(group=group),
        text="x",
        owner=member,
        due_date=dt.date(2027, 1, 1),
    )
    client.force_login(member)
    assert client.post(f"/nl/coordinatie/besluiten/{decision.pk}/gedaan/").status_code == 302
    decision.refresh_from_db()
    assert decision.done_at is not None


def test_members_read_but_do_not_manage_meetings(client, steering):
    group, _coordinator, member = steering
    meeting = MeetingFactory(group=group)
    client.force_login(member)
    assert client.get(f"/nl/coordinatie/vergaderingen/{meeting.pk}/").status_code == 403
    assert client.get("/nl/coordinatie/vergaderingen/nieuw/").status_code == 403
    assert client.get("/nl/coordinatie/besluiten/").status_code == 200


def test_the_agenda_lists_only_this_groups_actions(steering):
    # The agenda is mailed to the group's members: another group's actions stay out.
    group, coordinator, member = steering
    other_group = GroupFactory(network=group.network, name="Werkgroep taal")
    today = timezone.localdate()
    for meeting, text in (
        (MeetingFactory(group=group), "Eigen actie"),
        (MeetingFactory(group=other_group), "Actie van de werkgroep"),
    ):
        Decision.objects.create(
            meeting=meeting, text=text, action=text, owner=member, due_date=today
        )
    draft = meeting_agenda.meeting_agenda_draft(group=group, date=today, user=coordinator)
    assert "Eigen actie" in draft and "Actie van de werkgroep" not in draft


def test_a_member_partner_without_people_gets_the_agenda_at_its_contact_person(
    client, cast, steering
):
    """Sender → receiver: a member organisation where nobody has a role is reached through
    its contact person's address, and one where nobody at all can be reached is named on
    the meeting page before the coordinator sends."""
    group, coordinator, _member = steering
    caw = OrganisationFactory(
        networks=[group.network], name="CAW", contact_name="Ann", contact_email="Ann@caw.example"
    )
    speelcafe = OrganisationFactory(networks=[group.network], name="Speelcafé", contact_email="")
    group.member_organisations.add(caw, speelcafe)
    meeting = MeetingFactory(group=group, agenda="1. Welkom")
    client.force_login(coordinator)
    page = client.get(f"/nl/coordinatie/vergaderingen/{meeting.pk}/").content.decode()
    assert "Speelcafé krijgt de agenda niet" in page
    assert "CAW krijgt" not in page
    client.post(f"/nl/coordinatie/vergaderingen/{meeting.pk}/versturen/")
    members = ("coordinator", "owner", "colleague", "social_worker")
    invited = {cast[person].email for person in members} | {"Ann@caw.example"}
    assert meeting_agenda_mail_task.run(meeting.pk) == len(invited) == 5
    sent = [m for m in mail.outbox if "Stuurgroep" in m.subject]
    assert set(sent[0].to) == invited


def test_a_member_partner_whose_people_receive_is_not_named_as_unreached(cast, steering):
    group, _coordinator, _member = steering
    cast.organisation.contact_email = ""
    cast.organisation.save(update_fields=["contact_email"])
    assert meetings.group_organisations_unreached(group=group) == []
    for person in ("owner", "colleague", "social_worker"):
        cast[person].is_active = False
        cast[person].save(update_fields=["is_active"])
    assert meetings.group_organisations_unreached(group=group) == [cast.organisation.name]


def _action_of_an_owner_who_left(steering):
    group, coordinator, member = steering
    meeting = MeetingFactory(group=group)
    decision = meetings.decision_record(
        actor=coordinator,
        meeting=meeting,
        text="Folder",
        action="Folder drukken",
        owner=member,
        due_date=timezone.localdate() + dt.timedelta(days=1),
    )
    member.is_active = False
    member.save(update_fields=["is_active"])
    return decision


def test_the_action_of_an_owner_who_left_is_reminded_to_the_coordinators(steering):
    _group, coordinator, member = steering
    decision = _action_of_an_owner_who_left(steering)
    mail.outbox.clear()
    assert meetings.decision_action_remind(decision_id=decision.pk) is True
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "Actie zonder eigenaar: Folder drukken" in message.subject
    assert f"{member.get_full_name()} kan niet meer inloggen" in message.body
    assert meetings.decision_action_remind(decision_id=decision.pk) is False  # once


def test_an_orphan_action_reminder_that_could_not_be_mailed_is_sent_on_the_retry(
    steering, settings
):
    """The claim and the mail share one transaction: a mail server that refuses leaves the
    action unclaimed, so the worker's retry sends it."""
    from tests.redis_server import free_port

    _group, coordinator, _member = steering
    decision = _action_of_an_owner_who_left(steering)
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    with pytest.raises(OSError):
        meetings.decision_action_remind(decision_id=decision.pk)
    decision.refresh_from_db()
    assert decision.reminded_at is None
    settings.EMAIL_BACKEND = backend
    mail.outbox.clear()
    assert meetings.decision_action_remind(decision_id=decision.pk) is True
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
