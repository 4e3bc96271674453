"""The market survey pages: one form per page, saved on its own, editable until submission."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from onboarding.errors import DomainError
from onboarding.permissions import EDIT_PROFILE, role_allows
from onboarding.selectors import MerchantContext
from onboarding.views.mixins import merchant_required
from payments import survey_pages
from payments.forms import PAGE_FORMS, initial_for
from payments.selectors import application_is_editable, survey_for
from payments.services.survey import survey_update


def _can_edit(ctx: MerchantContext) -> bool:
    return role_allows(ctx.role, EDIT_PROFILE) and application_is_editable(ctx.application)


@merchant_required()
def overview(request: HttpRequest, ctx: MerchantContext) -> HttpResponse:
    survey = survey_for(ctx.application)
    missing = survey_pages.missing_pages(survey)
    pages = [(page, page not in missing) for page in survey_pages.PAGES]
    return render(
        request,
        "payments/survey/overview.html",
        {
            "survey": survey,
            "pages": pages,
            "next_page": missing[0] if missing else None,
            "complete": not missing,
            "can_edit": _can_edit(ctx),
            "is_owner": role_allows(ctx.role, EDIT_PROFILE),
        },
    )


@merchant_required()
def page(request: HttpRequest, ctx: MerchantContext, key: str) -> HttpResponse:
    current = survey_pages.page_for(key)
    if current is None:
        raise Http404
    can_edit = _can_edit(ctx)
    if request.method == "POST" and not role_allows(ctx.role, EDIT_PROFILE):
        raise Http404
    survey = survey_for(ctx.application)
    if key == "volume" and not (survey and survey.currency):
        messages.info(request, _("Choose your currency first: amounts are asked in it."))
        return redirect("survey_page", key="market")
    form_class = PAGE_FORMS[key]
    initial = initial_for(key, survey, str(ctx.merchant.country))
    form = form_class(
        request.POST if request.method == "POST" else None, initial=initial, survey=survey
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_update(
                application=ctx.application, actor=request.user, answers=form.answers()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _after_save(request, survey, key)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    position = survey_pages.PAGE_KEYS.index(key)
    return render(
        request,
        "payments/survey/page.html",
        {
            "form": form,
            "page": current,
            "number": position + 1,
            "count": len(survey_pages.PAGES),
            "previous": survey_pages.PAGES[position - 1] if position else None,
            "can_edit": can_edit,
            "is_owner": role_allows(ctx.role, EDIT_PROFILE),
        },
    )


def _after_save(request: HttpRequest, survey, key: str) -> HttpResponse:
    following = survey_pages.next_page(survey, after=key)
    if following is not None:
        return redirect("survey_page", key=following.key)
    if survey.completed_at is not None:
        messages.success(request, _("Your survey is saved. Here is how the providers compare."))
        return redirect("providers")
    messages.info(request, _("Saved. Some pages still need an answer."))
    return redirect("survey")
