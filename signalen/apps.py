from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# How the start page names a mail or task of ours that failed (huisvanhetkind.outbox).
FAILED_TASK_KINDS = {
    "signalen.tasks.theme_feedback_mail": _("Feedback on signals"),
    "signalen.tasks.signal_feedback_mail": _("Feedback on signals"),
}


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = pgettext_lazy("app name", "Signals")

    def ready(self) -> None:
        from aanbod.search_gaps import search_gap_listen
        from huisvanhetkind.outbox import task_kinds_register

        from . import permissions  # noqa: F401  (registers its rules)
        from .services import search_gap_record

        # Every catalogue search without results counts as a signal (aanbod reports it).
        search_gap_listen(search_gap_record)
        task_kinds_register(FAILED_TASK_KINDS)
