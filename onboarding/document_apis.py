"""REST API of the documents step; every view answers only about the caller's merchant.

Roles (document_permissions.py): every member reads; only the owner uploads, deletes and
submits (403 for teammates); files are for the owner and viewers. Another merchant's
document is simply not found (404), by any URL.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from onboarding import selectors
from onboarding.document_permissions import MANAGE_DOCUMENTS, VIEW_DOCUMENT_FILES
from onboarding.document_selectors import Checklist, checklist_for, document_for_member
from onboarding.errors import DomainError
from onboarding.models import Document
from onboarding.permissions import role_allows
from onboarding.selectors import MerchantContext
from onboarding.services.applications import application_submit
from onboarding.services.documents import (
    NewUpload,
    check_file_count,
    document_delete,
    documents_upload,
    item_definition,
    parse_expiry,
)
from onboarding.views.document_files import rendition_response


def _context(request: Request, roles: frozenset[str] | None = None) -> MerchantContext:
    ctx = selectors.merchant_context_cached(request)
    if ctx is None:
        raise Http404
    if roles is not None and not role_allows(ctx.role, roles):
        raise PermissionDenied(_("Only the owner of the business can change its documents."))
    return ctx


class CheckSerializer(serializers.Serializer):
    name = serializers.CharField()
    outcome = serializers.ChoiceField(choices=["pass", "warn", "fail", "skipped"])
    detail = serializers.CharField(help_text="What the check found, in the caller's language.")


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    requirement = serializers.CharField()
    side = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    original_filename = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField(help_text="Sniffed from the bytes once checked.")
    expires_on = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    verified_at = serializers.DateTimeField(allow_null=True)
    file_url = serializers.SerializerMethodField()
    checks = CheckSerializer(many=True, source="checks.all")

    def get_file_url(self, document: Document) -> str | None:
        if not document.rendition_key or not self.context.get("can_view_files"):
            return None
        return reverse("api_document_file", args=[document.pk])


class SlotSerializer(serializers.Serializer):
    side = serializers.CharField(source="key")
    label = serializers.CharField(allow_null=True)
    state = serializers.CharField()
    expiry = serializers.CharField(source="side.expiry")
    document_id = serializers.IntegerField(source="document.pk", allow_null=True, default=None)


class RequirementSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField(source="texts.label")
    help = serializers.CharField(source="texts.help")
    mandatory = serializers.BooleanField()
    state = serializers.CharField()
    asked_by = serializers.ListField(child=serializers.CharField(), source="providers")
    accepted_formats = serializers.CharField()
    slots = SlotSerializer(many=True)


class RequirementsSerializer(serializers.Serializer):
    rules_version = serializers.IntegerField()
    application_status = serializers.CharField(source="application.status")
    editable = serializers.BooleanField()
    max_bytes = serializers.SerializerMethodField()
    can_submit = serializers.BooleanField()
    blockers = serializers.SerializerMethodField()
    items = RequirementSerializer(many=True)

    def get_max_bytes(self, checklist: Checklist) -> int:
        return settings.DOCUMENT_MAX_BYTES

    def get_blockers(self, checklist: Checklist) -> list[str]:
        return checklist.blockers()


class UploadSerializer(serializers.Serializer):
    requirement = serializers.CharField(help_text="A checklist item key, e.g. business_licence.")
    side = serializers.CharField(
        required=False, help_text='"front" or "back" for two-sided items; files fill them in order.'
    )
    file = serializers.ListField(
        child=serializers.FileField(), help_text="One file per side; at most 10 per request."
    )
    expires_on = serializers.DateField(required=False)


class ErrorSerializer(serializers.Serializer):
    message = serializers.CharField()
    extra = serializers.DictField()


class RequirementsApi(APIView):
    @extend_schema(responses=RequirementsSerializer, summary="The documents checklist with states")
    def get(self, request: Request) -> Response:
        ctx = _context(request)
        checklist = checklist_for(ctx.merchant, ctx.application)
        return Response(RequirementsSerializer(checklist).data)


def _uploads(request: Request) -> list[NewUpload]:
    requirement = str(request.data.get("requirement", ""))
    files = request.FILES.getlist("file")
    check_file_count(len(files))
    expires_on = parse_expiry(str(request.data.get("expires_on", "")).strip())
    item = item_definition(requirement)
    if item is None:
        raise DomainError(_("Choose which document this file is."), extra={"field": "requirement"})
    side = request.data.get("side")
    if side is not None:
        sides = [str(side)] * len(files)
    elif len(files) > len(item.sides):
        raise DomainError(_("Upload one file for each side of a document."))
    else:
        sides = [s.key for s in item.sides[: len(files)]]
    return [NewUpload(requirement, s, f, expires_on) for s, f in zip(sides, files, strict=True)]


class DocumentsApi(APIView):
    @extend_schema(responses=DocumentSerializer(many=True), summary="The merchant's documents")
    def get(self, request: Request) -> Response:
        ctx = _context(request)
        documents = Document.objects.filter(application=ctx.application).prefetch_related("checks")
        context = {"can_view_files": role_allows(ctx.role, VIEW_DOCUMENT_FILES)}
        return Response(DocumentSerializer(documents, many=True, context=context).data)

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={201: DocumentSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Upload files for one checklist item (replacing what it held)",
    )
    def post(self, request: Request) -> Response:
        ctx = _context(request, MANAGE_DOCUMENTS)
        stored = documents_upload(
            application=ctx.application,
            actor=request.user,  # type: ignore[arg-type]
            uploads=_uploads(request),
            language=get_language() or "",
        )
        context = {"can_view_files": True}
        data = DocumentSerializer(stored, many=True, context=context).data
        return Response(data, status=status.HTTP_201_CREATED)


class DocumentApi(APIView):
    @extend_schema(responses=DocumentSerializer, summary="One document: its status and checks")
    def get(self, request: Request, pk: int) -> Response:
        ctx = _context(request)
        document = document_for_member(ctx.merchant, pk)
        context = {"can_view_files": role_allows(ctx.role, VIEW_DOCUMENT_FILES)}
        return Response(DocumentSerializer(document, context=context).data)

    @extend_schema(
        responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Delete a document (only while the application is a draft)",
    )
    def delete(self, request: Request, pk: int) -> Response:
        ctx = _context(request, MANAGE_DOCUMENTS)
        document = document_for_member(ctx.merchant, pk)
        document_delete(document=document, actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentFileApi(APIView):
    @extend_schema(
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY), 404: ErrorSerializer},
        summary="The sanitised copy of a document (never the uploaded bytes)",
    )
    def get(self, request: Request, pk: int):
        ctx = _context(request)
        if not role_allows(ctx.role, VIEW_DOCUMENT_FILES):
            raise PermissionDenied(_("Only the owner and viewers can open document files."))
        return rendition_response(document_for_member(ctx.merchant, pk))


class SubmitApi(APIView):
    @extend_schema(
        request=None,
        responses={200: RequirementsSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Submit the application for review",
    )
    def post(self, request: Request) -> Response:
        ctx = _context(request, MANAGE_DOCUMENTS)
        application_submit(
            application=ctx.application,
            actor=request.user,  # type: ignore[arg-type]
            language=get_language() or "",
        )
        checklist = checklist_for(ctx.merchant, ctx.application)
        return Response(RequirementsSerializer(checklist).data)
