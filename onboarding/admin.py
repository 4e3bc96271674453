from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from onboarding.models import Application, AuditEvent, Invitation, Membership, Merchant, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "country", "industry", "created_at"]
    search_fields = ["legal_name", "registration_number"]
    inlines = [MembershipInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["merchant", "status", "status_changed_at"]
    list_filter = ["status"]
    readonly_fields = ["merchant", "status", "status_changed_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "merchant", "role", "created_at", "accepted_at", "revoked_at"]
    exclude = ["token_hash"]
    readonly_fields = ["merchant", "email", "role", "invited_by", "expires_at", "accepted_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "subject_type",
        "subject_id",
        "action",
        "from_status",
        "to_status",
        "actor",
    ]
    list_filter = ["subject_type", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
