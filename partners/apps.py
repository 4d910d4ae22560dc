from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# How the start page names a mail or task of ours that failed (huisvanhetkind.outbox).
FAILED_TASK_KINDS = {
    "partners.tasks.invitation_send": _("Invitations"),
    "partners.tasks.meeting_agenda_mail": _("Meeting agendas"),
    "partners.tasks.decision_action_remind": _("Reminders of decided actions"),
    "partners.tasks.referral_access_granted_notify": _("New colleagues who read referrals"),
}


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = pgettext_lazy("app name", "Network")

    def ready(self) -> None:
        from huisvanhetkind.outbox import task_kinds_register
        from huisvanhetkind.request_network import network_resolver_register

        # (Registers the check and the rules, connects the receivers.)
        from . import checks, permissions, signals  # noqa: F401
        from .selectors import network_for_request

        # The core's layout and error pages ask for the network without importing us.
        network_resolver_register(network_for_request)
        task_kinds_register(FAILED_TASK_KINDS)
