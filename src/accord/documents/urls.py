from django.urls import path

from accord.documents import views

app_name = "documents"

urlpatterns = [
    path("<slug:document_slug>/", views.detail, name="detail"),
]
