"""An image in a restricted guide is seen only by the guide's readers (decisions/0070).

Images carry no audience of their own; they follow where they are used. Whoever may not
read any page using an image gets the same 404 as for a missing file: for each of its
renditions (also when guessing a file name), its original, and Wagtail's own image
serve view (not enabled on this site).
"""

import io

import pytest
from django.core.cache import caches
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from abhnetz.audiences.models import Audience


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def image(network, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    # Wagtail caches renditions by image id, which the next test's image reuses
    caches["renditions" if "renditions" in settings.CACHES else "default"].clear()
    yield get_image_model().objects.create(
        title="Schichtplan",
        file=ImageFile(io.BytesIO(png_bytes()), name="schichtplan.png"),
        collection=Collection.get_first_root_node(),
        uploaded_by_user=network.office_staff,
    )
    caches["renditions" if "renditions" in settings.CACHES else "default"].clear()


def guide_with(make_guide, image, audience, django_capture_on_commit_callbacks):
    body = [("image", {"image": image, "alt_text": "Schichtplan", "caption": ""})]
    with django_capture_on_commit_callbacks(execute=True):
        return make_guide("Dienstplan", audience=audience, body=body)


def paths(image) -> dict[str, str]:
    renditions = [image.get_rendition(spec) for spec in ("max-20x10", "width-40")]
    return {
        **{f"rendition {r.filter_spec}": r.url for r in renditions},
        "original": image.file.url,
        "wagtail serve view": f"/images/x/{image.pk}/max-20x10/",
    }


def test_outsiders_get_nothing_of_a_restricted_guides_image(
    network, client_for, make_guide, image, django_capture_on_commit_callbacks
):
    # given an image used only in a guide for office A
    office_a = Audience.selected(organisations=[network.office_a])
    guide_with(make_guide, image, office_a, django_capture_on_commit_callbacks)
    urls = paths(image)
    readers = {"office_staff", "moderator", "administrator"}
    for name, person in network.people().items():
        client = client_for(person)
        for path_name, url in urls.items():
            # when anyone asks for the image by its file name
            response = client.get(url)
            # then office A reads its renditions; nobody gets an original or the serve view
            if name in readers and path_name.startswith("rendition"):
                assert response.status_code == 200, (name, path_name)
            else:
                assert response.status_code == 404, (name, path_name)


def test_an_image_used_for_everyone_is_seen_by_everyone(
    network, client_for, make_guide, image, django_capture_on_commit_callbacks
):
    # given the same image also used in a guide for the whole network
    office_a = Audience.selected(organisations=[network.office_a])
    guide_with(make_guide, image, office_a, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        make_guide(
            "Öffnungszeiten",
            body=[("image", {"image": image, "alt_text": "Plan", "caption": ""})],
        )
    rendition = image.get_rendition("max-20x10")
    # when a partner opens its rendition, then it is served
    assert client_for(network.partner).get(rendition.url).status_code == 200
