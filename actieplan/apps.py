from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ActieplanConfig(AppConfig):
    name = "actieplan"
    verbose_name = pgettext_lazy("app name", "Action plan")
