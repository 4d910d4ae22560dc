"""Imports into the catalogue: UiTdatabank terms -> life domains, and each import run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbod.choices import LifeDomain


class UitTermMapping(models.Model):
    """A UiTdatabank term (event type or theme) and the life domain it means for us.

    Coordinators keep this table; a term without a life domain is listed as unmapped in
    every import preview and adds nothing."""

    term_id = models.CharField(_("UiTdatabank term id"), max_length=100, unique=True)
    label = models.CharField(_("UiTdatabank name"), max_length=150, blank=True)
    domain = models.CharField(_("kind of term"), max_length=30, blank=True)
    life_domain = models.CharField(
        _("life domain"), max_length=20, choices=LifeDomain.choices, blank=True
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("UiTdatabank term")
        verbose_name_plural = _("UiTdatabank terms")

    def __str__(self) -> str:
        return f"{self.label or self.term_id} → {self.get_life_domain_display() or '—'}"


class ImportKind(models.TextChoices):
    UITDATABANK = "uitdatabank", _("UiTdatabank export")
    SPREADSHEET = "spreadsheet", _("Spreadsheet of offers")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class OfferImport(models.Model):
    """One confirmed import of offers: all rows or none (opendata/offer_import.py)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner"),
    )
    network = models.ForeignKey(
        "partners.Network", on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    # The parsed rows (opendata.offer_import.OfferData as dicts), kept until the run is done.
    rows = models.JSONField(default=list, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    archived = models.PositiveIntegerField(_("archived"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("offer import")
        verbose_name_plural = _("offer imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"
