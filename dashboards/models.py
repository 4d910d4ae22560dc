from django.db import models
from django.utils.translation import gettext_lazy as _


class EndingKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    FUNDING = "funding", _("Project money of an offer")


class EndingNotice(models.Model):
    """The one mail to the coordinators three months before something ends.

    The unique constraint makes it once per item and end date: the daily scan may run
    twice, and a prolonged agreement (a new end date) gets a new notice.
    """

    kind = models.CharField(max_length=10, choices=EndingKind.choices)
    object_id = models.PositiveBigIntegerField()
    ends_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "ends_on"], name="one_ending_notice_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ends {self.ends_on}"
