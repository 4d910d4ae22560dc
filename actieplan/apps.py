from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# How the start page names a mail or task of ours that failed (huisvanhetkind.outbox).
FAILED_TASK_KINDS = {
    "actieplan.tasks.evidence_pack_build": _("Evidence pack builds"),
}


class ActieplanConfig(AppConfig):
    name = "actieplan"
    verbose_name = pgettext_lazy("app name", "Action plan")

    def ready(self) -> None:
        from huisvanhetkind.outbox import task_kinds_register

        from . import permissions  # noqa: F401  (registers its rules)

        task_kinds_register(FAILED_TASK_KINDS)
