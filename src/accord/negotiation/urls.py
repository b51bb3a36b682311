from django.urls import path

from accord.negotiation.views import actions, compilation, positions, proposals, redline, status

app_name = "negotiation"

urlpatterns = [
    path("<slug:document_slug>/", compilation.compilation, name="compilation"),
    path("<slug:document_slug>/compile/", compilation.compile_view, name="compile"),
    path(
        "<slug:document_slug>/provisions/<uuid:provision_uid>/",
        proposals.provision,
        name="provision",
    ),
    path(
        "<slug:document_slug>/provisions/<uuid:provision_uid>/propose/",
        actions.table,
        name="table",
    ),
    path(
        "<slug:document_slug>/provisions/<uuid:provision_uid>/status/",
        actions.provision_status,
        name="provision_status",
    ),
    path("<slug:document_slug>/proposals/<int:number>/join/", actions.join, name="join"),
    path("<slug:document_slug>/proposals/<int:number>/leave/", actions.leave, name="leave"),
    path(
        "<slug:document_slug>/proposals/<int:number>/withdraw/",
        actions.withdraw,
        name="withdraw",
    ),
    path(
        "<slug:document_slug>/proposals/<int:number>/not-retained/",
        actions.not_retained,
        name="not_retained",
    ),
    path("<slug:document_slug>/positions/", positions.matrix, name="matrix"),
    path("<slug:document_slug>/status/", status.dashboard, name="dashboard"),
    path("<slug:document_slug>/redline/", redline.redline, name="redline"),
]
