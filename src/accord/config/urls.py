from django.contrib import admin
from django.urls import include, path

from accord.api.urls import api

process_urls = [
    path("meetings/", include("accord.meetings.urls")),
    path("documents/", include("accord.documents.urls")),
    path("timeline/", include("accord.record.urls")),
    path("negotiation/", include("accord.negotiation.urls")),
    path("live/", include("accord.live.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("accounts/", include("accord.accounts.urls")),
    path("p/<slug:process_slug>/", include(process_urls)),
    path("", include("accord.processes.urls")),
]
