"""A way to act on every offer: the offer's own contact, else its partner's, else the
network's contact point; no registration published without saying how to register."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aanbod import services
from aanbod.choices import AccessType, OfferStatus
from aanbod.exceptions import OfferStateError
from aanbod.models import Offer
from aanbod.selectors import coordinator_offer_attention
from aanbod.ways_to_act import has_way_to_register
from partners.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

REGISTRATION_MESSAGE = "Gezinnen moeten zich inschrijven voor dit aanbod"


def _member(role, **where):
    user = UserFactory()
    MembershipFactory(user=user, role=role, **where)
    return user


@pytest.fixture
def network():
    return NetworkFactory(
        slug="scheldevallei", phone="09 123 45 67", email="info@hvhk-scheldevallei.be"
    )


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py); its organisation has no phone, e-mail or website."""
    organisation = cast["organisation"]
    organisation.phone = organisation.email = organisation.website = ""
    organisation.save(update_fields=["phone", "email", "website"])
    return cast


@pytest.fixture
def silent_partner(cast):
    return cast["organisation"]


def _take_part(content: str) -> str:
    """The "How to take part" section of an offer page."""
    match = re.search(r'<section[^>]*aria-labelledby="take-part".*?</section>', content, re.S)
    assert match, "the offer page has no 'How to take part' section"
    return match.group(0)


# --- The offer page -------------------------------------------------------------------


def test_the_offers_own_phone_email_and_link_come_first(client, network):
    partner = OrganisationFactory(networks=[network], phone="09 999 99 99")
    offer = OfferFactory(
        organisation=partner,
        networks=[network],
        access_type=AccessType.REGISTRATION,
        phone="09 111 22 33",
        email="inschrijven@knikker.example.be",
        url="https://knikker.example.be/inschrijven",
    )
    section = _take_part(client.get(offer.get_absolute_url()).content.decode())
    assert 'href="tel:091112233"' in section
    assert 'href="mailto:inschrijven@knikker.example.be"' in section
    assert 'href="https://knikker.example.be/inschrijven"' in section and "Inschrijven" in section
    assert "09 999 99 99" not in section and "stel-je-vraag" not in section


def test_without_its_own_contact_an_offer_shows_its_partners(client, network):
    partner = OrganisationFactory(
        networks=[network], name="Spelotheek De Tol", phone="", email="spel@tol.example.be"
    )
    partner.website = "https://tol.example.be"
    partner.save()
    offer = OfferFactory(organisation=partner, networks=[network])
    section = _take_part(client.get(offer.get_absolute_url()).content.decode())
    assert "Spelotheek De Tol" in section
    assert 'href="mailto:spel@tol.example.be"' in section
    assert 'href="https://tol.example.be"' in section
    assert "tel:" not in section  # the partner has no phone; the network's is not mixed in


def test_without_any_contact_the_networks_contact_point_and_ask_your_question(
    client, network, silent_partner
):
    offer = OfferFactory(organisation=silent_partner, networks=[network])
    section = _take_part(client.get(offer.get_absolute_url()).content.decode())
    assert 'href="tel:091234567"' in section
    assert 'href="mailto:info@hvhk-scheldevallei.be"' in section
    ask = reverse("doorverwijzing:intake_new") + f"?offer={offer.pk}&amp;netwerk=scheldevallei"
    assert f'href="{ask}"' in section


def test_the_contact_point_fallback_adds_no_query(
    client, network, silent_partner, django_assert_max_num_queries
):
    offer = OfferFactory(organisation=silent_partner, networks=[network])
    client.get(offer.get_absolute_url())  # the school calendar is cached from here on
    # The offer, its places, weekly times, dated activities and registration lists; the
    # network and the office days come from the cache.
    with django_assert_max_num_queries(5):
        response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    assert "tel:091234567" in _take_part(response.content.decode())


def test_every_published_demo_offer_has_a_way_to_act_inside_main(client, demo_network):
    offers = list(Offer.objects.published().only("slug", "title"))
    assert len(offers) > 100
    missing = []
    for offer in offers:
        content = client.get(offer.get_absolute_url()).content.decode()
        main = content.split("<main", 1)[1].split("</main>", 1)[0]
        section = _take_part(main)
        if not re.search(r'href="(tel:|mailto:|https?://|/nl/stel-je-vraag/)', section):
            missing.append(offer.slug)
    assert missing == []


def test_demo_offers_say_themselves_how_to_take_part_and_how_to_register(demo_network):
    published = Offer.objects.published()
    without = [offer.slug for offer in published if not has_way_to_register(offer)]
    assert without == [], "demo offers that say nowhere how to take part"
    registrations = published.filter(access_type=AccessType.REGISTRATION)
    assert registrations.count() > 30
    for offer in registrations:
        assert offer.email and "schrijf je" in offer.how_to_join_nl.lower(), offer.slug


# --- No registration published without saying how ---------------------------------------


def _registration(cast, status=OfferStatus.DRAFT, **fields):
    return OfferFactory(
        organisation=cast["organisation"],
        networks=[cast["network"]],
        access_type=AccessType.REGISTRATION,
        status=status,
        **fields,
    )


def test_a_registration_without_a_way_to_register_cannot_be_sent_for_review(cast):
    offer = _registration(cast)
    with pytest.raises(OfferStateError, match=REGISTRATION_MESSAGE):
        services.offer_submit_for_review(offer=offer, actor=cast["owner"])
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_a_registration_without_a_way_to_register_cannot_be_published(cast):
    offer = _registration(cast, status=OfferStatus.IN_REVIEW)
    with pytest.raises(OfferStateError, match=REGISTRATION_MESSAGE):
        services.offer_approve(offer=offer, actor=cast["coordinator"])
    offer.refresh_from_db()
    assert offer.status == OfferStatus.IN_REVIEW


@pytest.mark.parametrize(
    "way",
    [
        {"phone": "09 111 22 33"},
        {"email": "inschrijven@example.be"},
        {"url": "https://example.be/inschrijven"},
        {"how_to_join_nl": "Schrijf je in aan de balie van het zwembad."},
    ],
)
def test_any_one_way_to_register_is_enough_to_publish(cast, way):
    offer = _registration(cast, **way)
    offer = services.offer_submit_for_review(offer=offer, actor=cast["owner"])
    offer = services.offer_approve(offer=offer, actor=cast["coordinator"])
    assert offer.status == OfferStatus.PUBLISHED


def test_a_published_registration_cannot_lose_its_last_way_to_register(cast):
    offer = _registration(cast, status=OfferStatus.PUBLISHED, phone="09 111 22 33")
    with pytest.raises(ValidationError) as error:
        services.offer_update(offer=offer, actor=cast["owner"], phone="")
    assert "how_to_join" in error.value.message_dict
    # A draft may be incomplete: it is checked when it is sent for review.
    draft = _registration(cast, phone="09 111 22 33")
    services.offer_update(offer=draft, actor=cast["owner"], phone="")


def test_sending_for_review_from_my_offers_shows_the_message(client, cast):
    offer = _registration(cast)
    client.force_login(cast["owner"])
    response = client.post(reverse("aanbod:mine_submit", kwargs={"pk": offer.pk}), follow=True)
    assert REGISTRATION_MESSAGE in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_the_edit_form_shows_the_message_at_how_to_take_part(client, cast):
    offer = _registration(cast, status=OfferStatus.PUBLISHED, phone="09 111 22 33")
    client.force_login(cast["owner"])
    page = client.get(reverse("aanbod:mine_edit", kwargs={"pk": offer.pk}))
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if value is not None and name != "image"
    }
    data |= {
        "title": offer.title_nl,
        "summary": offer.summary_nl,
        "access_type": AccessType.REGISTRATION,
        "audience": "families",
        "cost": "free",
        "availability": "places",
        "phone": "",
        "weekly-TOTAL_FORMS": "0",
        "weekly-INITIAL_FORMS": "0",
        "dated-TOTAL_FORMS": "0",
        "dated-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("aanbod:mine_edit", kwargs={"pk": offer.pk}), data)
    assert response.status_code == 200
    assert REGISTRATION_MESSAGE in str(response.context["form"].errors["how_to_join"])
    offer.refresh_from_db()
    assert offer.phone == "09 111 22 33"


# --- The coordinator's start page -----------------------------------------------------------


def test_the_start_page_lists_published_offers_without_a_way_to_act(client, cast):
    network = cast["network"]
    talking_partner = OrganisationFactory(networks=[network], phone="09 555 55 55")
    OfferFactory(title="Nergens te bereiken", organisation=cast["organisation"], networks=[network])
    OfferFactory(title="Partner neemt op", organisation=talking_partner, networks=[network])
    _registration(cast, status=OfferStatus.PUBLISHED, title="Inschrijven maar hoe")
    Offer.objects.filter(title_nl="Inschrijven maar hoe").update(organisation=talking_partner)
    OfferFactory(
        title="Zegt het zelf",
        organisation=cast["organisation"],
        networks=[network],
        how_to_join="Kom gewoon binnen.",
    )
    OfferFactory(
        title="Nog een ontwerp",
        organisation=cast["organisation"],
        networks=[network],
        status=OfferStatus.DRAFT,
    )
    OfferFactory(title="Elders", organisation=OrganisationFactory(), networks=[NetworkFactory()])
    attention = coordinator_offer_attention(user=cast["coordinator"], today=timezone.localdate())
    titles = [offer.title_nl for offer in attention["offers_without_way_to_act"]]
    assert titles == ["Inschrijven maar hoe", "Nergens te bereiken"]

    coordinator = cast["coordinator"]
    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])
    client.force_login(coordinator)
    content = client.get("/admin/").content.decode()
    listed = content.split('id="offers-without-way-to-act"', 1)[1].split("</ul>", 1)[0]
    assert "Nergens te bereiken" in listed and "Inschrijven maar hoe" in listed
    assert "Partner neemt op" not in listed and "Elders" not in listed
