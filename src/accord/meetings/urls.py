from django.urls import path

from accord.meetings import views

app_name = "meetings"

urlpatterns = [
    path("<slug:meeting_slug>/", views.detail, name="detail"),
]
