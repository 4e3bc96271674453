"""The documents step: checklist, uploads (plain form or uploads.js), live checks, submit."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onboarding.document_permissions import MANAGE_DOCUMENTS, VIEW_DOCUMENT_FILES
from onboarding.document_selectors import (
    Checklist,
    ChecklistItem,
    checklist_for,
    document_for_member,
    expiring_documents,
)
from onboarding.errors import DomainError
from onboarding.permissions import role_allows
from onboarding.selectors import MerchantContext
from onboarding.services.applications import application_submit
from onboarding.services.documents import (
    NewUpload,
    document_delete,
    document_recheck,
    parse_expiry,
)
from onboarding.services.documents import (
    documents_upload as upload_documents,
)
from onboarding.views.document_files import rendition_response
from onboarding.views.mixins import merchant_required


def _context(request: HttpRequest, ctx: MerchantContext, checklist: Checklist) -> dict:
    return {
        "checklist": checklist,
        "can_manage": role_allows(ctx.role, MANAGE_DOCUMENTS) and checklist.editable,
        "can_view_files": role_allows(ctx.role, VIEW_DOCUMENT_FILES),
        "max_mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024),
        "max_files": settings.DOCUMENT_MAX_FILES_PER_REQUEST,
        "merchant": ctx.merchant,
    }


@merchant_required()
def documents(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    checklist = checklist_for(ctx.merchant, ctx.application)
    context = _context(request, ctx, checklist)
    context["expiring"] = expiring_documents(
        checklist, within_days=settings.DOCUMENT_EXPIRY_WARN_DAYS, today=timezone.localdate()
    )
    return render(request, "onboarding/documents/page.html", context)


def uploads_from_form(request: HttpRequest) -> list[NewUpload]:
    """Files posted as `file__<requirement>__<side>`, with `expires_on__<requirement>__<side>`."""
    uploads: list[NewUpload] = []
    for field, files in request.FILES.lists():
        prefix, _sep, slot = field.partition("__")
        requirement, _sep, side = slot.partition("__")
        if prefix != "file" or not requirement:
            continue
        expires_on = parse_expiry(
            request.POST.get(f"expires_on__{requirement}__{side}", "").strip()
        )
        uploads += [NewUpload(requirement, side, f, expires_on) for f in files]
    return uploads


def _wants_fragment(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _item_html(request: HttpRequest, ctx: MerchantContext, item: ChecklistItem, checklist) -> str:
    return render_to_string(
        "onboarding/documents/_item.html",
        {**_context(request, ctx, checklist), "item": item},
        request=request,
    )


@require_POST
@merchant_required(MANAGE_DOCUMENTS)
def upload(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    fragment = _wants_fragment(request)
    try:
        uploads = uploads_from_form(request)
        stored = upload_documents(
            application=ctx.application,
            actor=request.user,  # type: ignore[arg-type]
            uploads=uploads,
            language=get_language() or "",
        )
    except DomainError as exc:
        if fragment:
            return JsonResponse({"message": str(exc.message)}, status=400)
        messages.error(request, exc.message)
        return redirect("documents")
    if fragment:
        # uploads.js swaps in the cards of the items it uploaded to; they then poll.
        checklist = checklist_for(ctx.merchant, ctx.application)
        keys = {d.requirement for d in stored}
        return JsonResponse(
            {
                "items": {
                    item.key: _item_html(request, ctx, item, checklist)
                    for item in checklist.items
                    if item.key in keys
                }
            }
        )
    messages.success(
        request,
        _("%(count)s file(s) uploaded. We are checking them now; this takes a few seconds.")
        % {"count": len(stored)},
    )
    return redirect("documents")


@require_GET
@merchant_required()
def item(request: HttpRequest, ctx: MerchantContext, key: str) -> HttpResponse:
    """One checklist item's card: polled by htmx while its documents are being checked."""
    checklist = checklist_for(ctx.merchant, ctx.application)
    found = next((i for i in checklist.items if i.key == key), None)
    if found is None:
        raise Http404
    response = HttpResponse(_item_html(request, ctx, found, checklist))
    if not found.in_progress:
        response["HX-Trigger"] = "documents-changed"  # the submit panel refreshes itself
    return response


@require_GET
@merchant_required()
def submit_panel(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    checklist = checklist_for(ctx.merchant, ctx.application)
    return render(request, "onboarding/documents/_submit.html", _context(request, ctx, checklist))


def _back_to(document_requirement: str) -> HttpResponse:
    return redirect(f"{reverse('documents')}#item-{document_requirement}")


@require_POST
@merchant_required(MANAGE_DOCUMENTS)
def delete(request: HttpRequest, ctx: MerchantContext, pk: int) -> HttpResponse:
    document = document_for_member(ctx.merchant, pk)
    try:
        document_delete(document=document, actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("“%(name)s” was deleted.") % {"name": document.original_filename}
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back_to(document.requirement)


@require_POST
@merchant_required(MANAGE_DOCUMENTS)
def expiry(request: HttpRequest, ctx: MerchantContext, pk: int) -> HttpResponse:
    document = document_for_member(ctx.merchant, pk)
    try:
        expires_on = parse_expiry(request.POST.get("expires_on", "").strip())
        document_recheck(document=document, actor=request.user, expires_on=expires_on)  # type: ignore[arg-type]
        messages.success(request, _("Expiry date saved. We are checking the document again."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back_to(document.requirement)


@require_POST
@merchant_required(MANAGE_DOCUMENTS)
def submit(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    try:
        application_submit(
            application=ctx.application,
            actor=request.user,  # type: ignore[arg-type]
            language=get_language() or "",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("documents")
    messages.success(
        request,
        _("Your application was submitted. We will email you when our review is done."),
    )
    return redirect("dashboard")


@require_GET
@merchant_required(VIEW_DOCUMENT_FILES)
def file(request: HttpRequest, ctx: MerchantContext, pk: int) -> HttpResponse:
    return rendition_response(document_for_member(ctx.merchant, pk))


@require_GET
@merchant_required(VIEW_DOCUMENT_FILES)
def thumbnail(request: HttpRequest, ctx: MerchantContext, pk: int) -> HttpResponse:
    return rendition_response(document_for_member(ctx.merchant, pk), thumbnail=True)
