from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last time a periodic task ran: proof that beat and a worker are alive."""

    name = models.CharField(max_length=50, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "pending"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class OutboxMessage(models.Model):
    """A task to run after a commit, kept until a worker has run it (huisvanhetkind/outbox.py).

    Holds the task's name and arguments (ids, never personal data), so a broker that was
    down when the transaction committed loses nothing.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # Pending: hand it (again) to the broker from this moment (the drain's schedule).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The exception's class only: a message could hold an address or a name.
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_pending_due",
                condition=models.Q(status="pending"),
            ),
            models.Index(
                fields=["claimed_at"],
                name="outbox_running_since",
                condition=models.Q(status="running"),
            ),
            models.Index(
                fields=["finished_at"],
                name="outbox_finished",
                condition=models.Q(status__in=["done", "failed"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk} ({self.status})"
