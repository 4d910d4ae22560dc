from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = "Signalen"

    def ready(self) -> None:
        from aanbod.search_gaps import search_gap_listen

        from .services import search_gap_record

        # Every catalogue search without results counts as a signal (aanbod reports it).
        search_gap_listen(search_gap_record)
