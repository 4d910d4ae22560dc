"""Imports of offers in the admin: upload, preview (refused whole on any bad row), confirm,
then a progress bar while the worker runs it. And the UiTdatabank term table."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from huisvanhetkind import permissions
from huisvanhetkind.admin_scoping import ScopedModelAdmin
from partners.models import Organisation

from . import spreadsheet, uitdatabank
from .models import ImportKind, OfferImport, UitTermMapping
from .offer_import import Preview, offer_import_start, preview_counts, progress

PREVIEW_SECONDS = 30 * 60


@admin.register(UitTermMapping)
class UitTermMappingAdmin(ScopedModelAdmin):
    view_action = change_action = "uitterm.edit"
    list_display = ["label", "term_id", "domain", "life_domain"]
    list_editable = ["life_domain"]
    list_filter = ["domain", "life_domain"]
    search_fields = ["label", "term_id"]

    def has_add_permission(self, request):
        return self.has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ImportKind.choices)
    organisation = forms.ModelChoiceField(label=_("partner"), queryset=Organisation.objects.none())
    file = forms.FileField(label=_("file"), help_text=_("JSON (UiTdatabank), CSV or XLSX."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = permissions.scope(
            user, Organisation.objects.all(), "offer.edit"
        )


@admin.register(OfferImport)
class OfferImportAdmin(ScopedModelAdmin):
    view_action = "offerimport.view"
    list_display = [
        "created_at",
        "kind",
        "organisation",
        "imported_by",
        "status",
        "total",
        "created",
        "updated",
        "archived",
    ]
    list_filter = ["kind", "status"]
    readonly_fields = [
        "kind",
        "organisation",
        "network",
        "imported_by",
        "file_name",
        "status",
        "total",
        "created",
        "updated",
        "archived",
        "error",
        "created_at",
        "finished_at",
    ]
    exclude = ["rows"]
    change_list_template = "admin/opendata/offerimport/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        own = [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="opendata_import_upload",
            ),
            path(
                "<int:pk>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="opendata_import_progress",
            ),
        ]
        return own + super().get_urls()

    def upload_view(self, request):
        if not permissions.can(request.user, "offerimport.view"):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import offers"),
            "opts": self.model._meta,
        }
        token = request.POST.get("preview_token", "")
        if token:
            return self._confirm(request, token)
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            kind = form.cleaned_data["kind"]
            try:
                preview = _preview(kind, upload)
            except (uitdatabank.Refused, spreadsheet.Refused) as error:
                form.add_error("file", str(error))
            else:
                preview_counts(
                    preview,
                    source=kind,
                    organisation=form.cleaned_data["organisation"],
                    actor=request.user,
                )
                token = get_random_string(24)
                if preview.acceptable:
                    cache.set(
                        f"opendata:preview:{request.user.pk}:{token}",
                        (preview, kind, form.cleaned_data["organisation"].pk, upload.name),
                        PREVIEW_SECONDS,
                    )
                context |= {"preview": preview, "preview_token": token, "kind": kind}
        context["form"] = form
        return TemplateResponse(request, "admin/opendata/offerimport/upload.html", context)

    def _confirm(self, request, token):
        stored = cache.get(f"opendata:preview:{request.user.pk}:{token}")
        if stored is None:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("admin:opendata_import_upload")
        preview, kind, organisation_id, file_name = stored
        organisation = get_object_or_404(
            permissions.scope(request.user, Organisation.objects.all(), "offer.edit"),
            pk=organisation_id,
        )
        coordinated = permissions.coordinated_network_ids(request.user)
        networks = list(organisation.networks.all())
        network = next(
            (n for n in networks if n.pk in coordinated), networks[0] if networks else None
        )
        if network is None:
            messages.error(request, _("This partner belongs to no network."))
            return redirect("admin:opendata_import_upload")
        run = offer_import_start(
            preview=preview,
            kind=kind,
            organisation=organisation,
            network=network,
            actor=request.user,
            file_name=file_name,
        )
        cache.delete(f"opendata:preview:{request.user.pk}:{token}")
        return redirect("admin:opendata_import_progress", pk=run.pk)

    def progress_view(self, request, pk):
        run = get_object_or_404(permissions.scope(request.user, OfferImport.objects.all()), pk=pk)
        done = progress(run)
        if request.GET.get("format") == "json":
            return JsonResponse({"status": run.status, "done": done, "total": run.total})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import of offers"),
            "opts": self.model._meta,
            "run": run,
            "done": done,
            "finished": run.status in ("done", "failed"),
            "change_url": reverse("admin:opendata_offerimport_change", args=[run.pk]),
        }
        return TemplateResponse(request, "admin/opendata/offerimport/progress.html", context)


def _preview(kind: str, upload) -> Preview:
    data = upload.read()
    if kind == ImportKind.UITDATABANK:
        return uitdatabank.uit_preview(uitdatabank.read_documents(data))
    return spreadsheet.spreadsheet_preview(data, upload.name)
