from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from onboarding import outbox, selectors
from onboarding.views.mixins import staff_required


@staff_required
def queue(request):
    page = Paginator(selectors.staff_application_queue(), 50).get_page(request.GET.get("page"))
    return render(request, "onboarding/staff/queue.html", {"page": page})


@staff_required
def outbox_list(request):
    return render(
        request, "onboarding/staff/outbox_list.html", {"messages_": outbox.list_messages()}
    )


@staff_required
def outbox_detail(request, name: str):
    message = outbox.read_message(name)
    if message is None:
        raise Http404
    return render(request, "onboarding/staff/outbox_detail.html", {"message": message})
