"""No wrong door: forwarding a referral to a better place, and referring across networks."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from doorverwijzing import cross_network, forwarding
from doorverwijzing.choices import (
    AccessAction,
    EventKind,
    ForwardingBasis,
    ForwardingStatus,
    ReferralStatus,
)
from doorverwijzing.exceptions import ReferralPermissionError, ReferralStateError
from doorverwijzing.mails import recipients_for
from doorverwijzing.models import AccessLogEntry, Consent, Forwarding, Referral
from partners.tests.factories import OrganisationFactory

from .factories import VALID_CONSENT, ReferralFactory, social_worker, with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py): its social worker refers, one of the other partner
    receives; a better place in the same network, a social worker in the far network and
    a bystander (a social worker of a third partner, party to nothing)."""
    cast.referrer = with_mfa(cast.social_worker)
    cast.referrer.organisation = cast.organisation
    cast.receiver = with_mfa(social_worker(cast.other_organisation))
    cast.better = with_mfa(
        social_worker(OrganisationFactory(networks=[cast.network], name="OCMW Schuld"))
    )
    cast.far = with_mfa(
        social_worker(OrganisationFactory(networks=[cast.far_network], name="CAW Verder"))
    )
    cast.bystander = with_mfa(social_worker(OrganisationFactory(networks=[cast.network])))
    cast.referral = ReferralFactory(
        referring_organisation=cast.organisation,
        referring_worker=cast.referrer,
        receiving_organisation=cast.other_organisation,
    )
    return cast


def _kinds(referral: Referral) -> list[str]:
    return list(referral.timeline.values_list("kind", flat=True))


def test_receiver_forwards_with_the_familys_consent_and_the_thread_goes_on(client, cast):
    referral = cast["referral"]
    client.force_login(cast["receiver"])
    url = reverse("doorverwijzing:forward", kwargs={"public_id": referral.public_id})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "to_organisation": cast["better"].organisation.pk,
            "reason": "Schuldhulp is hun werk.",
            "basis": ForwardingBasis.FAMILY_AGREED,
            "consent_given_by": "de moeder",
            "consent_method": "verbal",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/doorverwijzingen/")
    referral.refresh_from_db()
    assert referral.receiving_organisation == cast["better"].organisation
    assert referral.status == ReferralStatus.SENT
    assert referral.public_id == cast["referral"].public_id  # one thread, not a new start
    assert _kinds(referral) == [EventKind.FORWARDED]  # the factory wrote no "sent" entry
    assert cast["better"].organisation.name in Consent.objects.get(referral=referral).scope_note
    assert AccessLogEntry.objects.filter(
        referral=referral, action=AccessAction.CHANGE, detail=EventKind.FORWARDED
    ).exists()
    # Need-to-know: the old receiver no longer opens it; the new one and the referrer do.
    detail = referral.get_absolute_url()
    assert client.get(detail).status_code == 404
    client.force_login(cast["better"])
    page = client.get(detail)
    assert page.status_code == 200 and "Schuldhulp is hun werk." in page.content.decode()
    client.force_login(cast["referrer"])
    assert client.get(detail).status_code == 200
    assert {user.email for user in recipients_for(referral, EventKind.FORWARDED)} == {
        cast["referrer"].email,
        cast["better"].email,
    }


def test_without_consent_the_referrer_is_asked_and_records_it(client, cast):
    referral = cast["referral"]
    forwarding.referral_forward(
        referral=referral,
        actor=cast["receiver"],
        to_organisation=cast["better"].organisation,
        reason="Beter geplaatst.",
        basis=ForwardingBasis.ASK_REFERRER,
    )
    referral.refresh_from_db()
    assert referral.receiving_organisation == cast["receiver"].organisation
    client.force_login(cast["referrer"])
    page = client.get(referral.get_absolute_url())
    assert 'id="forwarding-waiting"' in page.content.decode()
    answer = reverse("doorverwijzing:forwarding_answer", kwargs={"public_id": referral.public_id})
    response = client.post(
        answer, {"answer": "agree", "consent_given_by": "beide ouders", "consent_method": "verbal"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.receiving_organisation == cast["better"].organisation
    assert _kinds(referral) == [EventKind.FORWARD_REQUESTED, EventKind.FORWARDED]
    assert Consent.objects.get(referral=referral).given_by == "beide ouders"


def test_the_family_does_not_agree_and_the_receiver_keeps_it(cast):
    referral = cast["referral"]
    waiting = forwarding.referral_forward(
        referral=referral,
        actor=cast["receiver"],
        to_organisation=cast["better"].organisation,
        reason="Beter geplaatst.",
        basis=ForwardingBasis.ASK_REFERRER,
    )
    forwarding.forwarding_refuse(forwarding=waiting, actor=cast["referrer"])
    referral.refresh_from_db()
    assert referral.receiving_organisation == cast["receiver"].organisation
    assert Forwarding.objects.get().status == ForwardingStatus.REFUSED
    assert _kinds(referral)[-1] == EventKind.FORWARD_REFUSED


def test_only_the_receiver_forwards_and_only_the_referrer_answers(client, cast):
    referral = cast["referral"]
    with pytest.raises(ReferralPermissionError):
        forwarding.referral_forward(
            referral=referral,
            actor=cast["referrer"],
            to_organisation=cast["better"].organisation,
            reason="x",
            basis=ForwardingBasis.ASK_REFERRER,
        )
    waiting = forwarding.referral_forward(
        referral=referral,
        actor=cast["receiver"],
        to_organisation=cast["better"].organisation,
        reason="x",
        basis=ForwardingBasis.ASK_REFERRER,
    )
    with pytest.raises(ReferralPermissionError):
        forwarding.forwarding_consent_record(
            forwarding=waiting, actor=cast["receiver"], given_by="ik", method="verbal"
        )
    client.force_login(cast["referrer"])
    url = reverse("doorverwijzing:forward", kwargs={"public_id": referral.public_id})
    assert client.get(url).status_code == 403
    client.force_login(cast["bystander"])
    assert client.get(url).status_code == 404


def test_forwarding_to_an_organisation_nobody_reads_at_says_to_call(cast):
    nobody = OrganisationFactory(phone="09 999 99 99")
    with pytest.raises(ReferralStateError, match="09 999 99 99"):
        forwarding.referral_forward(
            referral=cast["referral"],
            actor=cast["receiver"],
            to_organisation=nobody,
            reason="x",
            basis=ForwardingBasis.ASK_REFERRER,
        )
    assert not Forwarding.objects.exists()


def test_family_agreed_without_who_gave_consent_is_a_form_error(client, cast):
    referral = cast["referral"]
    client.force_login(cast["receiver"])
    url = reverse("doorverwijzing:forward", kwargs={"public_id": referral.public_id})
    response = client.post(
        url,
        {
            "to_organisation": cast["better"].organisation.pk,
            "reason": "x",
            "basis": ForwardingBasis.FAMILY_AGREED,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["consent_given_by"]
    referral.refresh_from_db()
    assert referral.receiving_organisation == cast["receiver"].organisation


def test_a_closed_referral_cannot_be_forwarded(cast):
    referral = cast["referral"]
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.CLOSED)
    with pytest.raises(ReferralStateError):
        forwarding.referral_forward(
            referral=referral,
            actor=cast["receiver"],
            to_organisation=cast["better"].organisation,
            reason="x",
            basis=ForwardingBasis.ASK_REFERRER,
        )


def test_forwarding_to_another_network_is_marked(cast):
    done = forwarding.referral_forward(
        referral=cast["referral"],
        actor=cast["receiver"],
        to_organisation=cast["far"].organisation,
        reason="Het gezin verhuist.",
        basis=ForwardingBasis.FAMILY_AGREED,
        consent_given_by="de vader",
        consent_method="verbal",
    )
    assert done.across_networks
    entry = cast["referral"].timeline.get()
    assert entry.kind == EventKind.FORWARDED and cast["far"].organisation.name in entry.detail


def test_referral_across_networks_walks_through_with_the_access_log(client, cast):
    referrer, far = cast["referrer"], cast["far"]
    client.force_login(referrer)
    url = reverse("doorverwijzing:new_across_networks")
    page = client.get(url)
    assert page.status_code == 200
    choices = {org.pk for org in page.context["form"].fields["receiving_organisation"].queryset}
    assert far.organisation.pk in choices
    assert cast["receiver"].organisation.pk not in choices  # own network: the usual form
    response = client.post(
        url,
        {
            "referring_organisation": referrer.organisation.pk,
            "receiving_organisation": far.organisation.pk,
            "question": "Gezin verhuist en zoekt opvoedingssteun.",
            "urgency": "normal",
            "family_name": "K. L.",
            "family_phone": "0470 00 00 00",
            "contact_preference": "phone",
            "language": "nl",
            "consent_given_by": "de moeder",
            "consent_method": "verbal",
            "share_contact_details": "on",
            "share_question": "on",
            "consent_confirmed": "on",
        },
    )
    referral = Referral.objects.exclude(pk=cast["referral"].pk).get()
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    detail = referral.timeline.get().detail
    for organisation in (referrer.organisation, far.organisation):
        assert organisation.networks.get().name in detail
    # The receiver in the other network works it as any referral; every step is logged.
    client.force_login(far)
    assert client.get(referral.get_absolute_url()).status_code == 200
    accept = reverse("doorverwijzing:accept", kwargs={"public_id": referral.public_id})
    assert client.post(accept).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    log = list(AccessLogEntry.objects.filter(referral=referral).values_list("actor", "action"))
    assert (referrer.pk, AccessAction.CHANGE) in log
    assert (far.pk, AccessAction.READ) in log and (far.pk, AccessAction.CHANGE) in log
    # Need-to-know across networks too: a bystander gets 404.
    client.force_login(cast["bystander"])
    assert client.get(referral.get_absolute_url()).status_code == 404


def test_the_usual_network_is_refused_on_the_across_networks_form(cast):
    with pytest.raises(ReferralStateError):
        cross_network.referral_send_across_networks(
            actor=cast["referrer"],
            referring_organisation=cast["referrer"].organisation,
            receiving_organisation=cast["receiver"].organisation,
            consent=VALID_CONSENT,
            contact_preference="phone",
            question="x",
            family_name="A",
        )


# --- What the pages answer when a service refuses ----------------------------------------


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def _ask_the_referrer(cast) -> Forwarding:
    return forwarding.referral_forward(
        referral=cast["referral"],
        actor=cast["receiver"],
        to_organisation=cast["better"].organisation,
        reason="Beter geplaatst.",
        basis=ForwardingBasis.ASK_REFERRER,
    )


def _answer_url(referral: Referral) -> str:
    return reverse("doorverwijzing:forwarding_answer", kwargs={"public_id": referral.public_id})


def test_a_refused_forwarding_stays_on_the_form_with_the_reason(client, cast):
    referral = cast["referral"]
    _ask_the_referrer(cast)
    client.force_login(cast["receiver"])
    url = reverse("doorverwijzing:forward", kwargs={"public_id": referral.public_id})
    response = client.post(
        url,
        {
            "to_organisation": cast["far"].organisation.pk,
            "reason": "Het gezin verhuist.",
            "basis": ForwardingBasis.ASK_REFERRER,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Er wacht al een doorsturing op de toestemming van het gezin."
    ]
    assert Forwarding.objects.count() == 1


def test_the_referrer_answers_that_the_family_does_not_agree(client, cast):
    referral = cast["referral"]
    _ask_the_referrer(cast)
    client.force_login(cast["referrer"])
    response = client.post(_answer_url(referral), {"answer": "refuse"})
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert _messages(response) == [("success", "Bewaard. De andere organisatie is verwittigd.")]
    assert Forwarding.objects.get().status == ForwardingStatus.REFUSED


def test_an_agreement_without_who_gave_consent_is_sent_back_with_a_message(client, cast):
    referral = cast["referral"]
    _ask_the_referrer(cast)
    client.force_login(cast["referrer"])
    response = client.post(_answer_url(referral), {"answer": "agree"})
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert _messages(response) == [("error", "Noteer wie toestemming gaf en hoe.")]
    assert Forwarding.objects.get().status == ForwardingStatus.WAITING_FOR_CONSENT


def test_an_answer_without_a_forwarding_waiting_says_so(client, cast):
    referral = cast["referral"]
    client.force_login(cast["referrer"])
    response = client.post(_answer_url(referral), {"answer": "refuse"})
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert _messages(response) == [("error", "Er wacht geen doorsturing op een antwoord.")]


def test_an_agreement_for_a_closed_referral_is_refused_with_a_message(client, cast):
    referral = cast["referral"]
    _ask_the_referrer(cast)
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.CLOSED)
    client.force_login(cast["referrer"])
    response = client.post(
        _answer_url(referral),
        {"answer": "agree", "consent_given_by": "de moeder", "consent_method": "verbal"},
    )
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert _messages(response) == [("error", "De doorverwijzing is niet meer open.")]
    assert Forwarding.objects.get().status == ForwardingStatus.WAITING_FOR_CONSENT


def test_the_receiver_gets_403_on_the_referrers_answer(client, cast):
    referral = cast["referral"]
    _ask_the_referrer(cast)
    client.force_login(cast["receiver"])
    assert client.post(_answer_url(referral), {"answer": "refuse"}).status_code == 403
    assert Forwarding.objects.get().status == ForwardingStatus.WAITING_FOR_CONSENT
