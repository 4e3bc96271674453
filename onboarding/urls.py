from django.urls import path

from onboarding import apis, document_apis
from onboarding.views import documents, merchant, public, staff, staff_documents

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    path("ping", public.ping, name="ping"),
    path("dashboard/", merchant.dashboard, name="dashboard"),
    path("business/", merchant.business, name="business"),
    path("team/", merchant.team, name="team"),
    path("team/invitations/<int:pk>/revoke/", merchant.invitation_revoke, name="invitation_revoke"),
    path("team/members/<int:pk>/remove/", merchant.member_remove, name="member_remove"),
    path("invite/<str:token>/", merchant.invitation_accept, name="invitation_accept"),
    path("staff/", staff.queue, name="staff_queue"),
    path("staff/outbox/", staff.outbox_list, name="staff_outbox"),
    path("staff/outbox/<str:name>/", staff.outbox_detail, name="staff_outbox_detail"),
    path("documents/", documents.documents, name="documents"),
    path("documents/upload/", documents.upload, name="document_upload"),
    path("documents/submit/", documents.submit, name="application_submit"),
    path("documents/submit/panel/", documents.submit_panel, name="document_submit_panel"),
    path("documents/items/<slug:key>/", documents.item, name="document_item"),
    path("documents/<int:pk>/delete/", documents.delete, name="document_delete"),
    path("documents/<int:pk>/expiry/", documents.expiry, name="document_expiry"),
    path("documents/<int:pk>/file", documents.file, name="document_file"),
    path("documents/<int:pk>/thumbnail", documents.thumbnail, name="document_thumbnail"),
    path("staff/documents/", staff_documents.document_list, name="staff_documents"),
    path("staff/documents/<int:pk>/", staff_documents.document_detail, name="staff_document"),
    path(
        "staff/documents/<int:pk>/file", staff_documents.document_file, name="staff_document_file"
    ),
    path(
        "staff/documents/<int:pk>/thumbnail",
        staff_documents.document_thumbnail,
        name="staff_document_thumbnail",
    ),
]

api_urlpatterns = [
    path("me/", apis.MeApi.as_view(), name="api_me"),
    path("application/", apis.ApplicationApi.as_view(), name="api_application"),
    path(
        "application/requirements/",
        document_apis.RequirementsApi.as_view(),
        name="api_requirements",
    ),
    path("application/documents/", document_apis.DocumentsApi.as_view(), name="api_documents"),
    path(
        "application/documents/<int:pk>/",
        document_apis.DocumentApi.as_view(),
        name="api_document",
    ),
    path(
        "application/documents/<int:pk>/file",
        document_apis.DocumentFileApi.as_view(),
        name="api_document_file",
    ),
    path("application/submit/", document_apis.SubmitApi.as_view(), name="api_submit"),
]
