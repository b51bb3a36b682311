from django.urls import path

from accord.documents import concordance_views, views

app_name = "documents"

urlpatterns = [
    path("<slug:document_slug>/", views.detail, name="detail"),
    path("<slug:document_slug>/concordance/", concordance_views.concordance, name="concordance"),
]
