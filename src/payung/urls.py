from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from payung.web import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programme_list"), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path(
        "programmes/<int:pk>/areas.csv", views.programme_area_export, name="programme_area_export"
    ),
    path(
        "programmes/<int:pk>/areas/<str:code>/",
        views.programme_area_detail,
        name="programme_area_detail",
    ),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("api/v1/programmes/", views.api_programme_list, name="api_programme_list"),
    path("api/v1/programmes/<int:pk>/", views.api_programme_detail, name="api_programme_detail"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
