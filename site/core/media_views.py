"""Image renditions, the only part of MEDIA_ROOT the site hands out itself.

MEDIA_ROOT is never served as a folder: documents (``documents/``) go only through
Wagtail's audience-checked ``serve_view``, and original uploads stay private. Images
follow where they are used (docs/decisions/0070): a rendition of an image answers only
to members who may read something that uses it, and 404 otherwise, as a missing one.
"""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from abhnetz.audiences.rules import can_view_image

RENDITIONS_FOLDER = "images/"


@require_safe
def image_rendition(request, name: str):
    # one file name, no folders: nothing outside images/ can be asked for
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise Http404
    path = RENDITIONS_FOLDER + name
    # only files Wagtail made as renditions, not whatever else lies in the folder
    renditions = get_image_model().get_rendition_model().objects
    rendition = renditions.filter(file=path).select_related("image").first()
    if rendition is None or not can_view_image(request.user, rendition.image):
        raise Http404
    try:
        file = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
