"""Every write of the action plan: one function per step, checked and in the admin history.

The evidence pack is built in three steps that each survive a killed worker:
`evidence_pack_request` creates (or joins) the one active build of a pack,
`evidence_pack_build` computes the figures and writes new files on that build's own
row, and `_evidence_pack_swap` makes the finished build the current one in one
transaction. Until that last commit the previous pack is untouched.
"""

import datetime as dt
import logging
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from huisvanhetkind.audit import ADDITION, audit_log
from partners.models import Network, Organisation
from signalen.models import Theme
from signalen.services import theme_feedback_send

from .choices import (
    ACTIVE_BUILD_STATUSES,
    ActionResult,
    ActionStatus,
    BuildStatus,
    PackKind,
    PlanStatus,
)
from .evidence import evidence_figures
from .exceptions import PlanPermissionError, PlanStateError
from .models import Action, ActionPlan, EvidencePack, Goal, months_in_order
from .rendering import pack_title, render_docx, render_pdf

logger = logging.getLogger(__name__)

# A running build whose progress has not moved for this long lost its worker (a build
# takes seconds to a few minutes); asking again then re-queues it. A queued build whose
# message was lost (Redis restarted empty) is re-queued after the same time.
BUILD_STALLED_AFTER = dt.timedelta(minutes=10)


def _require(actor, action: str, obj) -> None:
    if not permissions.can(actor, action, obj):
        raise PlanPermissionError(_("You cannot do this with this plan."))


# --- Plans, goals, actions -------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor, network: Network, year: int, title: str, multi_year_goals: str = ""
) -> ActionPlan:
    _require(actor, "plan.manage", network)
    if ActionPlan.objects.filter(network=network, year=year).exists():
        raise PlanStateError(_("This network already has a plan for %(year)s.") % {"year": year})
    plan = ActionPlan.objects.create(
        network=network, year=year, title=title.strip(), multi_year_goals=multi_year_goals.strip()
    )
    audit_log(actor=actor, obj=plan, message="action plan created", flag=ADDITION)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, title: str, multi_year_goals: str) -> ActionPlan:
    _require(actor, "plan.manage", plan)
    plan.title = title.strip()
    plan.multi_year_goals = multi_year_goals.strip()
    plan.save(update_fields=["title", "multi_year_goals"])
    audit_log(actor=actor, obj=plan, message="action plan changed")
    return plan


@transaction.atomic
def plan_adopt(*, actor, plan: ActionPlan, now: dt.datetime | None = None) -> ActionPlan:
    """The steering group agreed: the plan is adopted (it stays editable for the year's end).

    `now`: when the steering group agreed, if not just now."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require(actor, "plan.manage", plan)
    if plan.status != PlanStatus.DRAFT:
        raise PlanStateError(_("This plan was adopted already."))
    if not plan.goals.exists():
        raise PlanStateError(_("Add at least one goal before the plan is adopted."))
    plan.status = PlanStatus.ADOPTED
    plan.adopted_at = now or timezone.now()
    plan.save(update_fields=["status", "adopted_at"])
    audit_log(actor=actor, obj=plan, message="action plan adopted")
    return plan


def _own_themes(network_id: int, themes) -> list[Theme]:
    themes = list(themes or [])
    if any(theme.network_id != network_id for theme in themes):
        raise PlanStateError(_("A goal can only answer signal themes of its own network."))
    return themes


@transaction.atomic
def goal_create(
    *,
    actor,
    plan: ActionPlan,
    pillar: str,
    text: str,
    life_domain: str = "",
    target_group: str = "",
    indicator: str = "",
    multi_year_goal: str = "",
    themes=(),
) -> Goal:
    _require(actor, "plan.manage", plan)
    themes = _own_themes(plan.network_id, themes)
    goal = Goal.objects.create(
        plan=plan,
        pillar=pillar,
        text=text.strip(),
        life_domain=life_domain,
        target_group=target_group,
        indicator=indicator.strip(),
        multi_year_goal=multi_year_goal.strip(),
    )
    goal.themes.set(themes)
    audit_log(actor=actor, obj=plan, message=f"goal added: {goal.text[:100]}")
    return goal


GOAL_FIELDS = ("pillar", "text", "life_domain", "target_group", "indicator", "multi_year_goal")


@transaction.atomic
def goal_update(*, actor, goal: Goal, themes=(), **fields: Any) -> Goal:
    _require(actor, "plan.manage", goal.plan)
    themes = _own_themes(goal.plan.network_id, themes)
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"goal_update() got unknown fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(goal, name, value.strip() if isinstance(value, str) else value)
    goal.save(update_fields=list(fields))
    goal.themes.set(themes)
    audit_log(actor=actor, obj=goal.plan, message=f"goal changed: {goal.text[:100]}")
    return goal


def _own_partners(network_id: int, partners) -> list[Organisation]:
    partners = list(partners or [])
    allowed = set(
        Organisation.objects.filter(
            networks=network_id, id__in=[p.id for p in partners]
        ).values_list("id", flat=True)
    )
    if any(partner.id not in allowed for partner in partners):
        raise PlanStateError(_("Only partners of the network can be responsible for an action."))
    return partners


ACTION_FIELDS = ("text", "budget", "spent", "timing", "start_month", "end_month", "status")


def _check_months(start_month: int | None, end_month: int | None) -> None:
    if not months_in_order(start_month, end_month):
        raise PlanStateError(_("The last month comes before the first."))


@transaction.atomic
def action_create(
    *,
    actor,
    goal: Goal,
    text: str,
    partners=(),
    budget: Decimal = Decimal(0),
    spent: Decimal = Decimal(0),
    timing: str = "",
    start_month: int | None = None,
    end_month: int | None = None,
) -> Action:
    _require(actor, "plan.manage", goal.plan)
    partners = _own_partners(goal.plan.network_id, partners)
    _check_months(start_month, end_month)
    action = Action.objects.create(
        goal=goal,
        text=text.strip(),
        budget=budget or Decimal(0),
        spent=spent or Decimal(0),
        timing=timing.strip(),
        start_month=start_month,
        end_month=end_month,
    )
    action.partners.set(partners)
    audit_log(actor=actor, obj=goal.plan, message=f"action added: {action.text[:100]}")
    return action


@transaction.atomic
def action_update(*, actor, action: Action, partners=(), **fields: Any) -> Action:
    plan = action.goal.plan
    _require(actor, "plan.manage", plan)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"action_update() got unknown fields {sorted(unknown)}")
    partners = _own_partners(plan.network_id, partners)
    _check_months(
        fields.get("start_month", action.start_month), fields.get("end_month", action.end_month)
    )
    for name, value in fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    if "budget" in fields and action.budget is None:
        action.budget = Decimal(0)
    if "spent" in fields and action.spent is None:
        action.spent = Decimal(0)
    action.save(update_fields=list(fields))
    action.partners.set(partners)
    audit_log(actor=actor, obj=plan, message=f"action changed: {action.text[:100]}")
    return action


@transaction.atomic
def action_record_result(*, actor, action: Action, result: str, result_note: str) -> Action:
    """The year's end: what the action achieved. The action is finished, and the result
    goes to every signal theme its goal answers, and from there to the signal givers."""
    action = Action.objects.select_for_update().select_related("goal__plan").get(pk=action.pk)
    _require(actor, "plan.manage", action.goal.plan)
    if result not in ActionResult.values:
        raise PlanStateError(_("Choose a result."))
    if not result_note.strip():
        raise PlanStateError(_("Say what the action changed: the signal givers will read it."))
    action.result = result
    action.result_note = result_note.strip()
    action.result_recorded_at = timezone.now()
    action.status = ActionStatus.DONE
    action.save(update_fields=["result", "result_note", "result_recorded_at", "status"])
    audit_log(actor=actor, obj=action.goal.plan, message=f"result {result}: {action.text[:100]}")
    for theme in action.goal.themes.all():
        theme_feedback_send(
            theme=theme, actor=actor, feedback=theme_results_feedback(theme=theme), renotify=True
        )
    return action


def theme_results_feedback(*, theme: Theme) -> str:
    """The theme's feedback with the results of every action that answered it.

    What the coordinator wrote before the results heading stays; the results part is
    written anew each time, so a corrected result replaces the old one. In the site's
    main language, as the signal givers' mails are.
    """
    with translation.override(settings.LANGUAGE_CODE):
        heading = _("What the action plan did about this:")
        own_words = theme.feedback.split(heading)[0].strip()
        actions = (
            Action.objects.filter(goal__themes=theme)
            .exclude(result="")
            .select_related("goal__plan")
            .order_by("goal__plan__year", "id")
        )
        lines = [
            f"- {action.goal.plan.year}: {action.text} — "
            f"{ActionResult(action.result).label}. {action.result_note}"
            for action in actions
        ]
        return "\n\n".join(part for part in (own_words, "\n".join([heading, *lines])) if part)


# --- The evidence pack -------------------------------------------------------------------


def _enqueue(pack: EvidencePack) -> None:
    from huisvanhetkind import outbox

    from .tasks import evidence_pack_build_task

    outbox.enqueue(evidence_pack_build_task, pack.id)


@transaction.atomic
def evidence_pack_request(
    *, network: Network, year: int, kind: str, actor=None, now: dt.datetime | None = None
) -> EvidencePack:
    """Ask the worker to build the pack; returns the build to follow.

    A second request while a build is waiting or running joins it (double clicks,
    beat and a coordinator at once). A build that stopped moving (its worker was
    killed) is queued again. `actor` None is beat.
    """
    if actor is not None:
        _require(actor, "plan.manage", network)
    if kind not in PackKind.values:
        raise PlanStateError(_("Unknown kind of evidence pack."))
    now = now or timezone.now()
    active = (
        EvidencePack.objects.select_for_update()
        .filter(network=network, year=year, kind=kind, status__in=sorted(ACTIVE_BUILD_STATUSES))
        .first()
    )
    if active is not None:
        last_moved = active.progress_at or active.requested_at
        if last_moved < now - BUILD_STALLED_AFTER:
            logger.warning("Evidence pack %s stalled; queued again.", active.id)
            _enqueue(active)
        return active
    try:
        with transaction.atomic():
            pack = EvidencePack.objects.create(
                network=network, year=year, kind=kind, requested_by=actor, progress_at=now
            )
    except IntegrityError:
        # Another request created the active build between our check and insert.
        return EvidencePack.objects.get(
            network=network, year=year, kind=kind, status__in=sorted(ACTIVE_BUILD_STATUSES)
        )
    audit_log(actor=actor, obj=pack, message="evidence pack requested", flag=ADDITION)
    _enqueue(pack)
    return pack


def _set_progress(pack_id: int, percent: int) -> None:
    # Outside any transaction: the page polling the status sees each step at once.
    EvidencePack.objects.filter(id=pack_id, status=BuildStatus.RUNNING).update(
        progress=percent, progress_at=timezone.now()
    )


def _delete_files(*names: str) -> None:
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def evidence_pack_build(*, pack_id: int, today: dt.date | None = None) -> EvidencePack | None:
    """Build one requested pack. Safe to run again for the same build at any time:
    a finished build is left alone, an interrupted one is built again from the start.

    Returns the pack, or None when it no longer exists.
    """
    claimed = EvidencePack.objects.filter(
        id=pack_id, status__in=sorted(ACTIVE_BUILD_STATUSES)
    ).update(
        status=BuildStatus.RUNNING,
        progress=0,
        started_at=timezone.now(),
        progress_at=timezone.now(),
        error="",
    )
    pack = EvidencePack.objects.select_related("network").filter(id=pack_id).first()
    if not claimed or pack is None:
        return pack
    # Files of an earlier, interrupted attempt at this same build: never shown, so unneeded.
    _delete_files(pack.pdf.name, pack.docx.name)
    today = today or timezone.localdate()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            figures = evidence_figures(
                network=pack.network,
                year=pack.year,
                kind=pack.kind,
                today=today,
                progress=lambda percent: _set_progress(pack_id, percent),
            )
            logo = pack.network.logo.path if pack.network.logo else None
            pdf = render_pdf(figures=figures, logo_path=logo)
            _set_progress(pack_id, 85)
            docx = render_docx(figures=figures, logo_path=logo)
        _set_progress(pack_id, 95)
        stem = f"evidence/{pack.network_id}/{pack.year}-{pack.kind}-{uuid.uuid4().hex}"
        pdf_name = default_storage.save(f"{stem}.pdf", ContentFile(pdf))
        docx_name = default_storage.save(f"{stem}.docx", ContentFile(docx))
        # Remembered on this (not current) row at once, so a retry after a kill cleans them up.
        EvidencePack.objects.filter(id=pack_id).update(pdf=pdf_name, docx=docx_name)
        return _evidence_pack_swap(
            pack_id=pack_id, figures=figures, pdf_name=pdf_name, docx_name=docx_name
        )
    except Exception as error:
        logger.exception("Evidence pack %s failed.", pack_id)
        EvidencePack.objects.filter(id=pack_id, status=BuildStatus.RUNNING).update(
            status=BuildStatus.FAILED, error=str(error)[:1000]
        )
        raise


@transaction.atomic
def _evidence_pack_swap(
    *, pack_id: int, figures: dict, pdf_name: str, docx_name: str
) -> EvidencePack:
    """Make the finished build the current pack, in one transaction; superseded builds go."""
    pack = EvidencePack.objects.select_for_update().get(id=pack_id)
    if pack.status != BuildStatus.RUNNING:
        # Another worker finished this very build first: keep its result, drop ours.
        transaction.on_commit(lambda: _delete_files(pdf_name, docx_name))
        return pack
    series = EvidencePack.objects.filter(network=pack.network_id, year=pack.year, kind=pack.kind)
    superseded = list(
        series.select_for_update()
        .exclude(id=pack.id)
        .exclude(status__in=sorted(ACTIVE_BUILD_STATUSES))
    )
    old_files = [name for old in superseded for name in (old.pdf.name, old.docx.name)]
    EvidencePack.objects.filter(id__in=[old.id for old in superseded]).delete()
    pack.status = BuildStatus.DONE
    pack.progress = 100
    pack.progress_at = pack.built_at = timezone.now()
    pack.is_current = True
    pack.figures = figures
    pack.pdf.name, pack.docx.name = pdf_name, docx_name
    pack.save(
        update_fields=[
            "status",
            "progress",
            "progress_at",
            "built_at",
            "is_current",
            "figures",
            "pdf",
            "docx",
        ]
    )
    transaction.on_commit(lambda: _delete_files(*old_files))
    return pack


def evidence_packs_scheduled(*, today: dt.date) -> list[EvidencePack]:
    """Beat, daily: on EVIDENCE_BUILD_DATE, every network's pack for the coming year.

    Once: a network whose pack for that year is being built, or was asked for since
    `today`, is skipped (beat may run the task twice, e.g. after a restart).
    """
    if today.strftime("%m-%d") != settings.EVIDENCE_BUILD_DATE:
        return []
    year = today.year + 1
    packs = []
    for network in Network.objects.order_by("id"):
        asked = EvidencePack.objects.filter(network=network, year=year, kind=PackKind.PLAN)
        if asked.filter(
            Q(status__in=sorted(ACTIVE_BUILD_STATUSES)) | Q(requested_at__date__gte=today)
        ).exists():
            continue
        packs.append(evidence_pack_request(network=network, year=year, kind=PackKind.PLAN))
    return packs


def pack_document_for_reader(pack: EvidencePack, *, extension: str, reader: str) -> bytes:
    """The pack as PDF or DOCX with only the sections one reader needs (READERS)."""
    logo = pack.network.logo.path if pack.network.logo else None
    render = {"pdf": render_pdf, "docx": render_docx}[extension]
    with translation.override(settings.LANGUAGE_CODE):
        return render(figures=pack.figures, logo_path=logo, reader=reader)


def pack_file_name(pack: EvidencePack, extension: str) -> str:
    """The name a downloaded file gets: the pack's title, safe for every system."""
    from django.utils.text import slugify

    title = pack_title(kind=pack.kind, year=pack.year, network_name=pack.network.name)
    return f"{slugify(title)}.{extension}"
