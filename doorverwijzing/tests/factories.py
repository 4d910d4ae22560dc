import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from doorverwijzing.choices import ConsentMethod, ContactPreference
from doorverwijzing.models import Consent, Referral
from partners.choices import Role
from partners.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

VALID_CONSENT = {
    "given_by": "de moeder",
    "method": ConsentMethod.VERBAL,
    "share_contact_details": True,
    "share_question": True,
}


def social_worker(organisation=None, **kwargs):
    """A user with the social worker role in `organisation` (a new one if None)."""
    organisation = organisation or OrganisationFactory()
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, role=Role.SOCIAL_WORKER, organisation=organisation)
    user.organisation = organisation
    return user


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral
        skip_postgeneration_save = True

    public_id = factory.Sequence(lambda n: f"R-T{n:05d}")
    referring_organisation = factory.SubFactory(OrganisationFactory)
    receiving_organisation = factory.SubFactory(OrganisationFactory)
    contact_preference = ContactPreference.PHONE
    family_name = "S. D."
    family_phone = "0470 12 34 56"
    question = "Gezin zoekt opvoedingsondersteuning voor peuter."
    sent_at = factory.LazyFunction(timezone.now)
    consent = factory.RelatedFactory(
        "doorverwijzing.tests.factories.ConsentFactory", factory_related_name="referral"
    )


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    given_by = "de moeder"
    given_at = factory.LazyFunction(timezone.now)
    method = ConsentMethod.VERBAL


def with_mfa(user):
    """Turn on TOTP for the user, as social workers must before they see referrals."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user
