"""Caches that follow the network's data: dropped whenever the data under them changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Location, Network, SchoolHoliday, Zitdag
from .selectors import network_default_forget, public_data_changed, school_holidays_forget


@receiver([post_save, post_delete], sender=SchoolHoliday)
def school_holiday_changed(**_kwargs) -> None:
    school_holidays_forget()


@receiver([post_save, post_delete], sender=Network)
def network_changed(**_kwargs) -> None:
    network_default_forget()
    public_data_changed()


# Offer pages list a partner's office days with the location's name (zitdagen_for_organisation).
@receiver([post_save, post_delete], sender=Zitdag)
@receiver([post_save, post_delete], sender=Location)
def office_days_changed(**_kwargs) -> None:
    public_data_changed()
