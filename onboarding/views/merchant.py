from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onboarding import selectors
from onboarding.errors import DomainError
from onboarding.forms import BusinessForm, InvitationForm
from onboarding.journey import journey_for, next_step
from onboarding.page_cache import render_page
from onboarding.permissions import EDIT_PROFILE, MANAGE_TEAM, role_allows
from onboarding.services import merchants, teams
from onboarding.views.mixins import merchant_required

PENDING_INVITE_KEY = "kaitong_pending_invitation"


@merchant_required()
def dashboard(request, ctx):
    token = request.session.pop(PENDING_INVITE_KEY, None)
    if token:
        return redirect("invitation_accept", token=token)
    states = journey_for(ctx)
    return render_page(
        request,
        "onboarding/dashboard.html",
        {"steps": states, "next_step": next_step(states), "application": ctx.application},
        key=(ctx.merchant.legal_name, ctx.application.status),
    )


@login_required
def business(request):
    ctx = selectors.merchant_context_cached(request)
    if ctx is None and request.session.get(PENDING_INVITE_KEY):
        return redirect("invitation_accept", token=request.session[PENDING_INVITE_KEY])
    if ctx is None and request.user.is_staff:
        return redirect("staff_queue")
    can_edit = ctx is None or role_allows(ctx.role, EDIT_PROFILE)
    form = BusinessForm(
        request.POST if request.method == "POST" and can_edit else None,
        instance=ctx.merchant if ctx else None,
    )
    if request.method == "POST" and can_edit and form.is_valid():
        profile = {f: form.cleaned_data[f] for f in merchants.PROFILE_FIELDS}
        try:
            if ctx is None:
                merchants.merchant_create(owner=request.user, **profile)
                messages.success(request, _("Welcome! Your business is set up."))
            else:
                merchants.merchant_update(merchant=ctx.merchant, actor=request.user, **profile)
                messages.success(request, _("Your business details are saved."))
            return redirect("dashboard")
        except DomainError as exc:
            form.add_error(None, exc.message)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "onboarding/business.html",
        {"form": form, "can_edit": can_edit, "is_new": ctx is None},
    )


@merchant_required()
def team(request, ctx):
    can_manage = role_allows(ctx.role, MANAGE_TEAM)
    form = InvitationForm(request.POST if request.method == "POST" and can_manage else None)
    if request.method == "POST" and not can_manage:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            teams.invitation_create(
                merchant=ctx.merchant,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works once, for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("team")
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "onboarding/team.html",
        {
            "form": form,
            "can_manage": can_manage,
            "members": selectors.team_members(ctx.merchant),
            "invitations": selectors.pending_invitations(ctx.merchant) if can_manage else [],
        },
    )


@require_POST
@merchant_required(MANAGE_TEAM)
def invitation_revoke(request, ctx, pk: int):
    invitation = get_object_or_404(selectors.pending_invitations(ctx.merchant), pk=pk)
    teams.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation is cancelled; its link no longer works."))
    return redirect("team")


@require_POST
@merchant_required(MANAGE_TEAM)
def member_remove(request, ctx, pk: int):
    membership = get_object_or_404(selectors.team_members(ctx.merchant), pk=pk)
    try:
        teams.membership_remove(membership=membership, actor=request.user)
        messages.success(
            request, _("%(email)s was removed from the team.") % {"email": membership.user.email}
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("team")


def invitation_accept(request, token: str):
    try:
        invitation = teams.invitation_for_token(token)
    except DomainError as exc:
        request.session.pop(PENDING_INVITE_KEY, None)
        return render(request, "onboarding/invitation.html", {"error": exc.message}, status=410)
    if not request.user.is_authenticated:
        # Kept across sign-up and e-mail verification; the dashboard brings the person back.
        request.session[PENDING_INVITE_KEY] = token
        return render(request, "onboarding/invitation.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            teams.invitation_accept(token=token, user=request.user)
        except DomainError as exc:
            request.session.pop(PENDING_INVITE_KEY, None)
            return render(request, "onboarding/invitation.html", {"error": exc.message}, status=400)
        request.session.pop(PENDING_INVITE_KEY, None)
        messages.success(
            request,
            _("You joined %(merchant)s.") % {"merchant": invitation.merchant.legal_name},
        )
        return redirect("dashboard")
    return render(
        request, "onboarding/invitation.html", {"invitation": invitation, "can_accept": True}
    )
