from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = pgettext_lazy("app name", "Signals")

    def ready(self) -> None:
        from aanbod.search_gaps import search_gap_listen

        from .services import search_gap_record

        # Every catalogue search without results counts as a signal (aanbod reports it).
        search_gap_listen(search_gap_record)
