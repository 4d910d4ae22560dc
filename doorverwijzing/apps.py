from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# How the start page names a mail or task of ours that failed (huisvanhetkind.outbox).
FAILED_TASK_KINDS = {
    "doorverwijzing.tasks.referral_notify": _("Referral updates to social workers"),
    "doorverwijzing.tasks.referral_mail_send": _("Referral updates to social workers"),
    "doorverwijzing.tasks.referral_daily_digest": _("Referral updates to social workers"),
    "doorverwijzing.intake.intake_notify": _("New questions from families"),
    "doorverwijzing.network_mail.daily_cap_mail": _("Daily limit of questions reached"),
}


class DoorverwijzingConfig(AppConfig):
    name = "doorverwijzing"
    verbose_name = pgettext_lazy("app name", "Referrals")

    def ready(self) -> None:
        from huisvanhetkind.kept_users import kept_users_register
        from huisvanhetkind.outbox import task_kinds_register

        from . import permissions  # noqa: F401  (registers its rules)
        from .selectors import access_log_actor_ids

        # The access log keeps who opened a referral: the accounts admin must not delete them.
        kept_users_register(access_log_actor_ids)
        task_kinds_register(FAILED_TASK_KINDS)
