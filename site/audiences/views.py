from django.shortcuts import render
from django.views.decorators.http import require_POST

from .preview import preview_context


@require_POST
def preview(request):
    """Who could read content with the audience in this (unsaved) form; for htmx."""
    return render(request, "audiences/preview.html", preview_context(request.POST))
