from django.http import HttpResponse
from django.urls import path

app_name = "processes"

urlpatterns = [
    path("", lambda request: HttpResponse("Accord"), name="index"),
]
