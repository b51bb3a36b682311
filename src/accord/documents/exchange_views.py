"""Downloads and uploads on the pages: a version exported to a file
(`accord.documents.exchange.export_file`) and files imported as new documents
(`import_documents`).

Export query parameters: `version=<number>` (required), `format=<akn|pdf|docx|
html|json>`, `lang=<code>`, and optionally `beside=<code>` (PDF, a second
language side by side) or `compare=<number>` (Word, a redline from that
version). What the reader may not read answers 404, as on the document page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accord.core.errors import AccordError
from accord.documents.akn.safexml import check_size, max_bytes
from accord.documents.enums import DocumentKind
from accord.documents.exchange import IMPORT_LABELS, ExportedFile, export_file, import_documents
from accord.negotiation.views.common import negotiation_for
from accord.processes.views import get_process, process_crumbs

WARNINGS_SHOWN = 12
"""Warnings listed after an import; the rest are counted."""


def download(file: ExportedFile) -> HttpResponse:
    """A file as an attachment: never shown inline under the site's origin."""
    return HttpResponse(
        file.data,
        content_type=file.media_type,
        headers={"Content-Disposition": content_disposition_header(True, file.filename)},
    )


def export(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    version = negotiation.version(request.GET.get("version") or "0")
    if version is None:
        raise Http404
    compare = None
    if request.GET.get("compare"):
        compare = negotiation.version(request.GET["compare"])  # 404 unless readable
    try:
        file = export_file(
            version,
            actor=request.user,
            format=request.GET.get("format", ""),
            language=request.GET.get("lang") or negotiation.document.working_language,
            beside=request.GET.get("beside") or None,
            compare=compare,
        )
    except AccordError as error:
        return HttpResponse(error.message, status=error.status_code, content_type="text/plain")
    return download(file)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    uploads = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "Several Word, Markdown or text files are the consecutive parts of one document; "
            "several Akoma Ntoso files of one work are its language versions."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Recognise from the files")), *IMPORT_LABELS.items()],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"),
        required=False,
        choices=[
            ("", gettext_lazy("As the files say (a charter by default)")),
            *DocumentKind.choices,
        ],
    )
    slug = forms.SlugField(
        label=gettext_lazy("Address of the new document"),
        required=False,
        max_length=80,
        help_text=gettext_lazy("Letters, digits and hyphens; by default made from the title."),
    )


def read_upload(upload: UploadedFile) -> tuple[str, bytes]:
    """An uploaded file as (name, bytes) for `import_documents`; its size is
    checked before it is read (the page and the API alike)."""
    name = upload.name or "file"
    check_size(upload.size or 0, name=name)
    return name, upload.read()


def import_page(request: HttpRequest, process_slug: str) -> HttpResponse:
    """The secretariat imports a charter from Word, Markdown, text or Akoma
    Ntoso; on success the new document's page, with the import's warnings."""
    process = get_process(process_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("documents.create_document", process):
        raise PermissionDenied(_("Only the secretariat imports the process's documents."))
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                files = [read_upload(upload) for upload in data["uploads"]]
                results = import_documents(
                    files,
                    actor=request.user,
                    process=process,
                    format=data["format"] or None,
                    slug=data["slug"] or None,
                    kind=data["kind"] or None,
                )
            except AccordError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field if field != "file" else "uploads", error.message)
                status = error.status_code
            else:
                return _imported(request, process_slug, results)
    return render(
        request,
        "documents/import.html",
        {
            "process": process,
            "form": form,
            "max_megabytes": f"{max_bytes() / (1024 * 1024):.0f}",
            "breadcrumbs": process_crumbs(process, (_("Import documents"), None)),
        },
        status=status,
    )


def _imported(request: HttpRequest, process_slug: str, results: list[Any]) -> HttpResponseRedirect:
    for result in results:
        document = result.document
        count = document.versions.get().provisions.count()
        messages.success(
            request,
            ngettext(
                "%(title)s was imported: %(count)d provision, working copy.",
                "%(title)s was imported: %(count)d provisions, working copy.",
                count,
            )
            % {"title": document.display_title, "count": count},
        )
        for warning in result.warnings[:WARNINGS_SHOWN]:
            messages.warning(request, warning)
        hidden = len(result.warnings) - WARNINGS_SHOWN
        if hidden > 0:
            messages.warning(
                request,
                ngettext("…and %(n)d more warning.", "…and %(n)d more warnings.", hidden)
                % {"n": hidden},
            )
    target = results[0].document
    return HttpResponseRedirect(reverse("documents:detail", args=[process_slug, target.slug]))
