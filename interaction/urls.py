from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("letters/write/", views.write, name="write_county"),
    path("letters/track/", views.track, name="track"),
    path("report-error/", views.report_error, name="report_error"),
    path("<slug:slug>/letters/", views.archive, name="archive"),
    path("<slug:slug>/letters/write/", views.write, name="write"),
    path("<slug:slug>/letters/<int:pk>/", views.published_letter, name="letter"),
]
