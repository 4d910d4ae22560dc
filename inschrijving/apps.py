from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# How the start page names a mail or task of ours that failed (huisvanhetkind.outbox).
FAILED_TASK_KINDS = {
    "inschrijving.tasks.registration_mail": _("Mails to families who registered"),
    "inschrijving.tasks.waitlist_advance": _("Places offered to the waiting list"),
    "inschrijving.tasks.subscription_confirm_mail": _("Confirmations of subscriptions"),
}


class InschrijvingConfig(AppConfig):
    name = "inschrijving"
    verbose_name = pgettext_lazy("app name", "Enrolments")

    def ready(self) -> None:
        from huisvanhetkind.outbox import task_kinds_register

        from . import permissions  # noqa: F401  (registers its rules)

        task_kinds_register(FAILED_TASK_KINDS)
