"""Caches that follow the network's data: dropped whenever the data under them changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Network, SchoolHoliday
from .selectors import network_default_forget, school_holidays_forget


@receiver([post_save, post_delete], sender=SchoolHoliday)
def school_holiday_changed(**_kwargs) -> None:
    school_holidays_forget()


@receiver([post_save, post_delete], sender=Network)
def network_changed(**_kwargs) -> None:
    network_default_forget()
