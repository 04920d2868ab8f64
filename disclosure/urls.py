"""The column's Django-served parts, ahead of Wagtail's page tree: the county's under
/open-government/, a center's under /<slug>/open-government/ (services.addresses)."""

from django.urls import path

from . import catalogue_views, views

app_name = "disclosure"

urlpatterns = [
    path("open-government/apply/", views.apply, name="apply_county"),
    path("open-government/track/", views.track, name="track_county"),
    path(
        "open-government/standard-catalogue/",
        catalogue_views.standard_catalogue,
        name="standard_catalogue_county",
    ),
    path(
        "<slug:slug>/open-government/standard-catalogue/",
        catalogue_views.standard_catalogue,
        name="standard_catalogue",
    ),
    path("<slug:slug>/open-government/apply/", views.apply, name="apply"),
    path("<slug:slug>/open-government/track/", views.track, name="track"),
]
