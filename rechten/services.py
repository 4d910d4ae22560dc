"""Every write about rights: the review flow, and the counts the check leaves behind."""

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from huisvanhetkind.audit import audit_log

from .choices import RightStatus
from .exceptions import RightPermissionError, RightStateError
from .models import Right


def _require_manage(actor, right: Right) -> None:
    if not permissions.can(actor, "right.manage", right):
        raise RightPermissionError(_("You cannot change the rights of this network."))


def _locked(right: Right) -> Right:
    return Right.objects.select_for_update().get(pk=right.pk)


@transaction.atomic
def right_submit_for_review(*, right: Right, actor) -> Right:
    """A draft is ready: another look before families see it."""
    right = _locked(right)
    _require_manage(actor, right)
    if right.status != RightStatus.DRAFT:
        raise RightStateError(_("Only a draft can be sent for review."))
    right.status = RightStatus.IN_REVIEW
    right.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=right, message="right sent for review")
    return right


@transaction.atomic
def right_publish(*, right: Right, actor, today: dt.date | None = None) -> Right:
    """Reviewed and right: families see it in the check from now on."""
    right = _locked(right)
    _require_manage(actor, right)
    if right.status != RightStatus.IN_REVIEW:
        raise RightStateError(_("Only a right waiting for review can be published."))
    right.status = RightStatus.PUBLISHED
    right.reviewed_by = actor
    right.reviewed_on = today or timezone.localdate()
    right.save(update_fields=["status", "reviewed_by", "reviewed_on", "updated_at"])
    audit_log(actor=actor, obj=right, message="right reviewed and published")
    return right


@transaction.atomic
def right_confirm_reviewed(*, right: Right, actor, today: dt.date | None = None) -> Right:
    """A published right (or one of the starting set) was checked and is still right."""
    right = _locked(right)
    _require_manage(actor, right)
    if right.status != RightStatus.PUBLISHED:
        raise RightStateError(_("Only a published right can be confirmed."))
    right.reviewed_by = actor
    right.reviewed_on = today or timezone.localdate()
    right.save(update_fields=["reviewed_by", "reviewed_on", "updated_at"])
    audit_log(actor=actor, obj=right, message="right confirmed after review")
    return right


@transaction.atomic
def right_withdraw(*, right: Right, actor) -> Right:
    """Back to draft: families no longer see it until it is reviewed again."""
    right = _locked(right)
    _require_manage(actor, right)
    if right.status == RightStatus.DRAFT:
        raise RightStateError(_("This right is already a draft."))
    right.status = RightStatus.DRAFT
    right.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, obj=right, message="right back to draft")
    return right


COUNT_UPSERT = """
INSERT INTO rechten_rightcheckcount (right_id, deelgemeente_id, month, worth_checking)
SELECT unnest(%s::bigint[]), %s, %s, 1
ON CONFLICT (right_id, deelgemeente_id, month)
DO UPDATE SET worth_checking = rechten_rightcheckcount.worth_checking + 1
"""


def check_counts_record(
    *, right_ids: list[int], deelgemeente_id: int | None, today: dt.date | None = None
) -> None:
    """Count one check's "worth checking" rights, and nothing else about the family.

    One statement, safe when two families finish at once (the unique constraint treats an
    unknown deelgemeente as one place).
    """
    if not right_ids:
        return
    month = (today or timezone.localdate()).replace(day=1)
    with connection.cursor() as cursor:
        cursor.execute(COUNT_UPSERT, [sorted(set(right_ids)), deelgemeente_id, month])
