"""The 'Open data' page and the nightly dataset, under each language prefix.

Names without a namespace ('opendata_page', 'opendata_dataset'), as templates use them.
"""

from django.urls import path

from .views_pages import OpenDataView, dataset_download, package_download

urlpatterns = [
    path("open-data/", OpenDataView.as_view(), name="opendata_page"),
    path("open-data/<str:code>.json", dataset_download, name="opendata_dataset"),
    path("open-data/<str:code>.zip", package_download, name="opendata_package"),
]
