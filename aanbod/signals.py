"""Caches that follow the catalogue: dropped whenever an offer changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from partners.models import Location, Organisation

from .catalogue_version import catalogue_changed
from .models import NeedWord, Offer, Synonym


@receiver([post_save, post_delete], sender=Offer)
@receiver(m2m_changed, sender=Offer.networks.through)
# Result cards show the partner's name and the places (aanbod.search.cards); prepared
# search words hold the synonyms and need words (aanbod.search.vocabulary).
@receiver([post_save, post_delete], sender=Organisation)
@receiver([post_save, post_delete], sender=Location)
@receiver([post_save, post_delete], sender=Synonym)
@receiver([post_save, post_delete], sender=NeedWord)
def offer_changed(**_kwargs) -> None:
    catalogue_changed()
