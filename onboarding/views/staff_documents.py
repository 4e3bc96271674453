"""A minimal staff view of documents: the sanitised copy next to its checks, each view audited.

Under /staff/, so the staff MFA middleware guards every page and file here.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onboarding.document_selectors import staff_document, staff_documents
from onboarding.models import AuditEvent, Document, DocumentStatus
from onboarding.requirements.texts import ITEM_TEXTS, SIDE_LABELS
from onboarding.views.document_files import rendition_response
from onboarding.views.mixins import staff_required


def _audit_view(request: HttpRequest, document: Document, action: str, note: str = "") -> None:
    AuditEvent.objects.create(
        merchant_id=document.merchant_id,
        actor=request.user,
        subject_type="onboarding.document",
        subject_id=str(document.pk),
        action=action,
        note=note,
    )


@require_GET
@staff_required
def document_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    page = Paginator(staff_documents(status), 50).get_page(request.GET.get("page"))
    for document in page:
        texts = ITEM_TEXTS.get(document.requirement)
        document.label = texts.label if texts else document.requirement  # type: ignore[attr-defined]
    return render(
        request,
        "onboarding/documents/staff_list.html",
        {"page": page, "status": status, "statuses": DocumentStatus.choices},
    )


@require_GET
@staff_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = staff_document(pk)
    _audit_view(request, document, "document_viewed")
    texts = ITEM_TEXTS.get(document.requirement)
    return render(
        request,
        "onboarding/documents/staff_detail.html",
        {
            "document": document,
            "label": texts.label if texts else document.requirement,
            "side_label": SIDE_LABELS.get(document.side, ""),
            "checks": document.checks.all(),
            "is_image": document.rendition_content_type.startswith("image/"),
        },
    )


@require_GET
@staff_required
def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = staff_document(pk)
    response = rendition_response(document)
    _audit_view(request, document, "file_viewed", "rendition")
    return response


@require_GET
@staff_required
def document_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    document = staff_document(pk)
    response = rendition_response(document, thumbnail=True)
    _audit_view(request, document, "file_viewed", "thumbnail")
    return response
