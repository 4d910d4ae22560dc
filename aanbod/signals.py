"""Caches that follow the catalogue: dropped whenever an offer changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .catalogue_version import catalogue_changed
from .models import Offer


@receiver([post_save, post_delete], sender=Offer)
@receiver(m2m_changed, sender=Offer.networks.through)
def offer_changed(**_kwargs) -> None:
    catalogue_changed()
