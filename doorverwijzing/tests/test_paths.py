"""No family lost between people: referrals reach a reader, consent is given and withdrawn
deliberately, and no page with personal data is kept in a cache (issue 12, items 7, 8, 11)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorverwijzing import services, urls
from doorverwijzing.choices import IntakeStatus, ReferralStatus
from doorverwijzing.exceptions import ReferralStateError
from doorverwijzing.forms import ReferralForm
from doorverwijzing.models import Consent, IntakeRequest, Referral
from doorverwijzing.services import intake_convert_to_referral
from partners.tests.factories import NetworkFactory, OrganisationFactory

from .factories import VALID_CONSENT, ReferralFactory, social_worker, with_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory()


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py): its social worker refers, one of the other partner
    receives, and a third partner has nobody who reads referrals in the portal."""
    cast.referrer = with_mfa(cast.social_worker)
    cast.referrer.organisation = cast.organisation
    cast.receiver = with_mfa(social_worker(cast.other_organisation))
    cast.silent = OrganisationFactory(
        networks=[cast.network], name="Speelotheek Stil", phone="09 333 44 55"
    )
    return cast


def _details(**changes) -> dict:
    return {
        "contact_preference": "phone",
        "family_name": "K. M.",
        "family_phone": "0470 11 22 33",
        "question": "Zoekt hulp bij opvoeding.",
    } | changes


# --- Item 7: a referral only goes where someone reads it ---------------------------------


def test_the_form_lists_only_partners_that_receive_and_says_whom_to_call(client, cast):
    client.force_login(cast["referrer"])
    response = client.get(reverse("doorverwijzing:new"))
    choices = list(response.context["form"].fields["receiving_organisation"].queryset)
    assert choices == [cast["receiver"].organisation]
    content = response.content.decode()
    assert 'id="not-receiving"' in content
    assert "Speelotheek Stil" in content and "09 333 44 55" in content


def test_a_posted_partner_that_does_not_receive_sends_nothing(client, cast):
    client.force_login(cast["referrer"])
    client.post(
        reverse("doorverwijzing:new"),
        {
            "referring_organisation": cast["referrer"].organisation.pk,
            "receiving_organisation": cast["silent"].pk,
            "urgency": "normal",
            "language": "nl",
            "consent_given_by": "de vader",
            "consent_method": "verbal",
            "consent_confirmed": "on",
            **_details(),
        },
    )
    assert not Referral.objects.exists()


def test_the_service_refuses_a_receiver_without_readers(cast):
    with pytest.raises(ReferralStateError, match="09 333 44 55"):
        services.referral_send(
            actor=cast["referrer"],
            referring_organisation=cast["referrer"].organisation,
            receiving_organisation=cast["silent"],
            consent=VALID_CONSENT,
            **_details(),
        )
    assert not Referral.objects.exists()


def test_an_inactive_worker_does_not_make_an_organisation_receive(cast):
    lone = social_worker(cast["silent"], is_active=False)
    assert lone.memberships.exists()
    with pytest.raises(ReferralStateError):
        services.referral_send(
            actor=cast["referrer"],
            referring_organisation=cast["referrer"].organisation,
            receiving_organisation=cast["silent"],
            consent=VALID_CONSENT,
            **_details(),
        )


def test_an_offer_of_a_partner_that_does_not_receive_says_to_call(client, cast):
    from aanbod.tests.factories import OfferFactory

    offer = OfferFactory(organisation=cast["silent"])
    client.force_login(cast["referrer"])
    response = client.get(reverse("doorverwijzing:new") + f"?offer={offer.pk}")
    assert response.status_code == 200
    assert response.context["form"]["receiving_organisation"].value() is None
    assert "09 333 44 55" in response.content.decode()


def test_the_referral_form_query_count_is_constant(
    client, network, cast, django_assert_max_num_queries
):
    for index in range(15):
        social_worker(OrganisationFactory(networks=[network]))
        OrganisationFactory(networks=[network], phone=f"09 000 00 {index:02d}")
    client.force_login(cast["referrer"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("doorverwijzing:new"))
    assert response.status_code == 200
    assert len(response.context["not_receiving"]) == 16
    assert response.context["form"].fields["receiving_organisation"].queryset.count() == 16


# --- Item 8: consent given and withdrawn deliberately --------------------------------------


def test_the_sharing_boxes_start_unticked():
    form = ReferralForm(referring=None, receiving=None)
    html = str(form["share_contact_details"]) + str(form["share_question"])
    assert "checked" not in html


def test_calling_the_family_needs_their_agreement_to_share_contact_details(client, cast):
    client.force_login(cast["referrer"])
    data = {
        "referring_organisation": cast["referrer"].organisation.pk,
        "receiving_organisation": cast["receiver"].organisation.pk,
        "urgency": "normal",
        "language": "nl",
        "consent_given_by": "de vader",
        "consent_method": "verbal",
        "consent_confirmed": "on",
        **_details(),
    }
    response = client.post(reverse("doorverwijzing:new"), data)
    assert response.context["form"].errors["share_contact_details"]
    assert not Referral.objects.exists()
    client.post(reverse("doorverwijzing:new"), data | {"share_contact_details": "on"})
    assert Referral.objects.get().family_phone == "0470 11 22 33"


def test_withdrawing_consent_needs_an_explicit_confirmation_on_its_own_page(client, cast):
    referral = ReferralFactory(
        referring_organisation=cast["referrer"].organisation,
        referring_worker=cast["referrer"],
        receiving_organisation=cast["receiver"].organisation,
    )
    client.force_login(cast["referrer"])
    detail = client.get(referral.get_absolute_url()).content.decode()
    url = reverse("doorverwijzing:consent_withdraw", kwargs={"public_id": referral.public_id})
    assert f'<form method="post" action="{url}"' not in detail  # no one-tap erase
    assert f'href="{url}"' in detail
    page = client.get(url)
    assert page.status_code == 200 and 'name="confirm"' in page.content.decode()
    client.post(url)  # the button without the confirmation box
    referral.refresh_from_db()
    assert referral.erased_at is None and referral.family_name
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.erased_at is not None and referral.family_name == ""
    assert referral.status == ReferralStatus.WITHDRAWN


def _referral_from_intake(network, cast):
    organiser = OrganisationFactory(networks=[network])
    network.organiser = organiser
    network.save()
    contact_point = with_mfa(social_worker(organiser))
    intake = IntakeRequest.objects.create(
        network=network,
        name="Samira",
        phone="0470 98 76 54",
        email="samira@example.be",
        language="ar",
        question="Mijn zoon slaapt slecht.",
        best_time="dinsdag",
    )
    referral = intake_convert_to_referral(
        intake=intake,
        actor=contact_point,
        receiving_organisation=cast["receiver"].organisation,
        consent=VALID_CONSENT,
        **_details(family_name="Samira"),
    )
    return intake, referral, contact_point


def test_withdrawal_erases_the_familys_own_question_too(network, cast):
    intake, referral, contact_point = _referral_from_intake(network, cast)
    services.consent_withdraw(referral=referral, actor=contact_point)
    intake.refresh_from_db()
    assert intake.erased_at is not None
    assert (intake.name, intake.phone, intake.email, intake.question, intake.best_time) == (
        ("",) * 5
    )
    assert intake.status == IntakeStatus.REFERRED and intake.closed_at is not None


def test_the_family_export_includes_their_own_question(client, network, cast):
    _intake, referral, contact_point = _referral_from_intake(network, cast)
    client.force_login(contact_point)
    url = reverse("doorverwijzing:export", kwargs={"public_id": referral.public_id})
    data = client.get(url + "?format=json").json()
    assert data["own_question"]["question"] == "Mijn zoon slaapt slecht."
    assert data["own_question"]["best_time"] == "dinsdag"
    assert "Mijn zoon slaapt slecht." in client.get(url).content.decode()


def test_the_retention_purge_erases_who_gave_consent_and_what_was_agreed(settings):
    referral = ReferralFactory(
        status=ReferralStatus.CLOSED,
        closed_at=timezone.now() - dt.timedelta(days=settings.REFERRAL_RETENTION_DAYS + 1),
    )
    Consent.objects.filter(referral=referral).update(
        given_by="de moeder, Fatima", scope_note="Niet bellen naar de vader"
    )
    assert services.referrals_purge_expired() == 1
    consent = Consent.objects.get(referral=referral)
    assert (consent.given_by, consent.scope_note) == ("", "")


# --- Item 11: no copy of a private page in any cache ---------------------------------------


def test_every_private_referral_page_is_marked_no_store(client, cast):
    referral = ReferralFactory(
        referring_organisation=cast["referrer"].organisation,
        referring_worker=cast["referrer"],
        receiving_organisation=cast["receiver"].organisation,
    )
    client.force_login(cast["receiver"])
    export = reverse("doorverwijzing:export", kwargs={"public_id": referral.public_id})
    for url in (
        reverse("doorverwijzing:inbox"),
        reverse("doorverwijzing:new"),
        referral.get_absolute_url(),
        export,
        export + "?format=json",
        reverse("doorverwijzing:access_log", kwargs={"public_id": referral.public_id}),
        reverse("doorverwijzing:figures"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def _example_url(pattern) -> str:
    route = str(pattern.pattern)
    kwargs = {}
    if "<int:pk>" in route:
        kwargs["pk"] = 1
    if "<str:public_id>" in route:
        kwargs["public_id"] = "R-ZZZZZZ"
    return reverse(f"doorverwijzing:{pattern.name}", kwargs=kwargs)


@pytest.mark.parametrize(
    "pattern",
    [p for p in urls.urlpatterns if p.name not in urls.PUBLIC_URL_NAMES],
    ids=lambda pattern: pattern.name,
)
def test_every_url_but_the_public_form_answers_no_store_even_to_a_stranger(client, pattern):
    """A new URL is private by default: whatever it answers carries no-store."""
    response = client.get(_example_url(pattern))
    assert "no-store" in response.get("Cache-Control", ""), response.status_code


def test_the_public_form_stays_cacheable(client):
    NetworkFactory()
    response = client.get(reverse("doorverwijzing:intake_new"))
    assert "no-store" not in response.get("Cache-Control", "")
