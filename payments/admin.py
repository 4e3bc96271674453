"""Admin for the provider catalog (editable by staff) and read-only views of merchants' answers.

Every catalog edit gives the release a new token so that running processes rebuild the
catalog; the provider page shows whether its rows still pass the data file's checks.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from payments.catalog.schema import CatalogError
from payments.models import (
    CatalogRelease,
    Certification,
    CredentialField,
    FeeSchedule,
    KycRequirement,
    PayoutRule,
    Provider,
    ProviderCode,
    ProviderSelection,
    ProviderSource,
    SupportChannel,
    Survey,
    SurveyRegion,
    SurveyWallet,
)
from payments.selectors import provider_facts_from_row
from payments.services.catalog import catalog_touch


class CatalogEditMixin:
    """Any saved or deleted catalog row makes cached catalogs stale."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalog_touch()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalog_touch()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalog_touch()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalog_touch()


class SourceInline(admin.TabularInline):
    model = ProviderSource
    extra = 0


class CodeInline(admin.TabularInline):
    model = ProviderCode
    extra = 0


class ScheduleInline(admin.StackedInline):
    model = FeeSchedule
    extra = 0
    show_change_link = True


class CredentialInline(admin.TabularInline):
    model = CredentialField
    extra = 0


class KycInline(admin.TabularInline):
    model = KycRequirement
    extra = 0


class SupportInline(admin.TabularInline):
    model = SupportChannel
    extra = 0


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


@admin.register(Provider)
class ProviderAdmin(CatalogEditMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "access", "active", "position", "updated_at"]
    list_filter = ["active", "access"]
    search_fields = ["name", "slug"]
    readonly_fields = ["data_check", "created_at", "updated_at"]
    inlines = [
        CodeInline,
        ScheduleInline,
        SourceInline,
        CredentialInline,
        KycInline,
        SupportInline,
        CertificationInline,
    ]

    @admin.display(description=_("data check"))
    def data_check(self, obj: Provider) -> str:
        if obj.pk is None:
            return "—"
        try:
            provider_facts_from_row(obj)
        except CatalogError as exc:
            return format_html('<strong class="errornote">{}</strong>', str(exc))
        return str(_("OK: the rows pass the data file's checks."))


class PayoutInline(admin.StackedInline):
    model = PayoutRule
    can_delete = False


@admin.register(FeeSchedule)
class FeeScheduleAdmin(CatalogEditMixin, admin.ModelAdmin):
    list_display = ["provider", "key", "label", "currency", "percent", "fixed"]
    list_filter = ["provider"]
    inlines = [PayoutInline]


@admin.register(CatalogRelease)
class CatalogReleaseAdmin(admin.ModelAdmin):
    list_display = ["version", "as_of", "changed_at"]
    readonly_fields = ["version", "as_of", "note", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin:
    """Merchants' own answers change only through the portal (services, audit trail)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegionInline(ReadOnlyMixin, admin.TabularInline):
    model = SurveyRegion


class WalletInline(ReadOnlyMixin, admin.TabularInline):
    model = SurveyWallet


@admin.register(Survey)
class SurveyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["application", "merchant_country", "currency", "completed_at", "updated_at"]
    list_select_related = ["application__merchant"]
    inlines = [RegionInline, WalletInline]


@admin.register(ProviderSelection)
class ProviderSelectionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["application", "provider", "selected_by", "created_at"]
    list_select_related = ["application__merchant", "provider", "selected_by"]
