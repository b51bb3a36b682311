from django.urls import path

from accord.processes import views

app_name = "processes"

urlpatterns = [
    path("", views.index, name="index"),
    path("p/<slug:process_slug>/", views.detail, name="detail"),
    path("p/<slug:process_slug>/parties/<slug:party_slug>/", views.party, name="party"),
]
