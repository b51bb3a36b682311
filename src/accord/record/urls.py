from django.urls import path

from accord.record import views

app_name = "record"

urlpatterns = [
    path("", views.timeline, name="timeline"),
]
