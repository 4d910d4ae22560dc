"""The "Open data" page in plain words, and the nightly file to download."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.generic import TemplateView

from .dataset import dataset_path, package_path

# SPDX identifier -> where the licence is explained (others are shown as written).
LICENCE_URLS = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}


class OpenDataView(TemplateView):
    template_name = "opendata/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        api = settings.SITE_URL + reverse("opendata:api_info")
        context |= {
            "api_url": api,
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": LICENCE_URLS.get(settings.OPEN_DATA_LICENCE, ""),
            "rate_limit": settings.HSDS_RATE_LIMIT_PER_MINUTE,
            "datasets": [
                {
                    "code": code,
                    "name": name,
                    "ready": dataset_path(code).is_file(),
                    "tables": package_path(code).is_file(),
                }
                for code, name in settings.LANGUAGES
            ],
        }
        return context


def dataset_download(request, code: str):
    return _download(dataset_path, code, "json", "application/json")


def package_download(request, code: str):
    """The same dataset as CSV tables with a datapackage.json, zipped."""
    return _download(package_path, code, "zip", "application/zip")


def _download(path_of, code: str, extension: str, content_type: str) -> FileResponse:
    if code not in {c for c, _name in settings.LANGUAGES} or not path_of(code).is_file():
        raise Http404
    response = FileResponse(
        path_of(code).open("rb"),
        as_attachment=True,
        filename=f"huisvanhetkind-hsds-{code}.{extension}",
        content_type=content_type,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
