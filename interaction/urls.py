from django.urls import path

from . import api, rating_views, views

app_name = "letters"

urlpatterns = [
    path("letters/write/", views.write, name="write_county"),
    path("letters/track/", views.track, name="track"),
    path("report-error/", views.report_error, name="report_error"),
    path("rate/window/<int:window_id>/", rating_views.rate_window, name="rate_window"),
    path("rate/guide/<int:guide_id>/", rating_views.rate_guide, name="rate_guide"),
    path("rate/center/<slug:slug>/", rating_views.rate_center, name="rate_center"),
    path("rate/track/", rating_views.track_case, name="rate_track"),
    path("<slug:slug>/ratings/", rating_views.results, name="ratings"),
    path("api/v1/centers/<slug:slug>/ratings/", api.center_ratings, name="api_ratings"),
    path("api/v1/centers/<slug:slug>/letters/stats/", api.center_letter_stats, name="api_letters"),
    path("<slug:slug>/letters/", views.archive, name="archive"),
    path("<slug:slug>/letters/write/", views.write, name="write"),
    path("<slug:slug>/letters/<int:pk>/", views.published_letter, name="letter"),
]
