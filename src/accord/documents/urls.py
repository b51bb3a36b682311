from django.urls import path

from accord.documents import concordance_views, exchange_views, views

app_name = "documents"

urlpatterns = [
    # "import" is a reserved document slug (documents.services.RESERVED_SLUGS).
    path("import/", exchange_views.import_page, name="import"),
    path("<slug:document_slug>/", views.detail, name="detail"),
    path("<slug:document_slug>/concordance/", concordance_views.concordance, name="concordance"),
    path("<slug:document_slug>/export/", exchange_views.export, name="export"),
]
