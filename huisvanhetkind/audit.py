"""Changes made outside the admin's own forms still land in the admin history."""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

__all__ = ["ADDITION", "CHANGE", "audit_log"]


def audit_log(*, actor, obj, message: str, flag: int = CHANGE) -> None:
    """Record who did what to obj; visible under "History" of obj in the admin."""
    if actor is None or not actor.is_authenticated:
        return
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[obj],
        action_flag=flag,
        change_message=message,
        single_object=True,
    )
