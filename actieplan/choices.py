"""States of plans, actions and evidence packs: English values, translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted by the steering group")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")


class ActionResult(models.TextChoices):
    """What an action achieved, recorded at the year's end."""

    DONE = "done", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_DONE = "not_done", _("Not achieved")


class PackKind(models.TextChoices):
    # "plan": evidence for the coming year's plan, from the year before it.
    # "report": the same evidence for the plan's own year: the year report (jaarverslag).
    PLAN = "plan", _("Evidence for the action plan")
    REPORT = "report", _("Year report")


def evidence_year_of(*, year: int, kind: str) -> int:
    """The year a pack's figures are about: the year before a plan, the year itself in a report."""
    return year - 1 if kind == PackKind.PLAN else year


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


ACTIVE_BUILD_STATUSES = {BuildStatus.QUEUED, BuildStatus.RUNNING}
