from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class DoorverwijzingConfig(AppConfig):
    name = "doorverwijzing"
    verbose_name = pgettext_lazy("app name", "Referrals")

    def ready(self) -> None:
        from huisvanhetkind.kept_users import kept_users_register

        from .selectors import access_log_actor_ids

        # The access log keeps who opened a referral: the accounts admin must not delete them.
        kept_users_register(access_log_actor_ids)
