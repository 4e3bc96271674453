from django.urls import path

from onboarding import apis
from onboarding.views import merchant, public, staff

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
]

api_urlpatterns = [
    path("me/", apis.MeApi.as_view(), name="api_me"),
    path("application/", apis.ApplicationApi.as_view(), name="api_application"),
]
