from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path(
        "staff/login/",
        auth_views.LoginView.as_view(
            template_name="staff/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("staff/logout/", auth_views.LogoutView.as_view(next_page="staff:login"), name="logout"),
    path("staff/me/", views.my_status, name="my_status"),
    path("staff/members/<int:pk>/status/", views.set_member_status, name="set_status"),
    path("staff/centers/<str:slug>/", views.manage_board, name="manage_board"),
    path("hall/<str:slug>/", views.hall_display, name="hall_display"),
    path("api/v1/centers/<str:slug>/whereabouts/", views.api_whereabouts, name="api_whereabouts"),
    path("api/v1/centers/<str:slug>/notices/", views.api_notices, name="api_notices"),
]
