from django.urls import path

from accord.live import views

app_name = "live"

urlpatterns = [
    path("meetings/<slug:meeting_slug>/", views.meeting_sessions, name="meeting"),
    path("meetings/<slug:meeting_slug>/start/", views.start, name="start"),
    path("<int:session_id>/", views.participant, name="participant"),
    path("<int:session_id>/projector/", views.projector, name="projector"),
    path("<int:session_id>/close/", views.close, name="close"),
]
