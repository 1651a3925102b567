"""An image in a restricted guide is seen only by the guide's readers (decisions/0070).

Images carry no audience of their own; they follow where they are used. Whoever may not
read any page using an image gets the same 404 as for a missing file: for each of its
renditions (also when guessing a file name), its original, and Wagtail's own image
serve view (not enabled on this site). In the admin, the image library, its search, the
chooser and the admin API list it only to those readers, and every address naming it
answers 404 to the others.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from abhnetz.accounts.roles import Role
from abhnetz.audiences.models import Audience
from tests.factories import role_group


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


# The admin's image library, its chooser and the admin API follow the same rule.

EDITORS = ("office_staff", "office_staff_b", "moderator", "coordinator")
READERS_OF_OFFICE_A = {"office_staff", "moderator"}
# searched for by the first word (which the search box repeats), seen by the second
TITLE, SECRET = "Schichtplan Nordwache", "Nordwache"


@pytest.fixture
def editors_with_image_rights(network):
    """Every editing role may change every image, so the listing would show them all."""
    for role in (Role.OFFICE_STAFF, Role.MODERATOR, Role.COORDINATOR):
        for codename in ("change_image", "choose_image"):
            GroupCollectionPermission.objects.get_or_create(
                group=role_group(role),
                collection=Collection.get_first_root_node(),
                permission=Permission.objects.get(
                    codename=codename, content_type__app_label="wagtailimages"
                ),
            )


def admin_lists() -> dict[str, str]:
    return {
        "library": reverse("wagtailimages:index"),
        "library search": reverse("wagtailimages:index") + "?q=Schichtplan",
        "library results": reverse("wagtailimages:index_results") + "?q=Schichtplan",
        "chooser": reverse("wagtailimages_chooser:choose"),
        "chooser search": reverse("wagtailimages_chooser:choose_results") + "?q=Schichtplan",
        "api": "/admin/api/main/images/",
        "api search": "/admin/api/main/images/?search=Schichtplan",
    }


def admin_addresses(image) -> dict[str, str]:
    return {
        **{
            name: reverse(f"wagtailimages:{name}", args=[image.pk])
            for name in ("edit", "delete", "image_usage", "edit_multiple")
        },
        "preview": reverse("wagtailimages:preview", args=[image.pk, "max-20x10"]),
        "chosen": reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        "chosen multiple": reverse("wagtailimages_chooser:chosen_multiple") + f"?id={image.pk}",
        "select format": reverse("wagtailimages_chooser:select_format", args=[image.pk]),
        "bulk": f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}",
        "api": f"/admin/api/main/images/{image.pk}/",
    }


def test_the_admin_names_no_image_outside_where_it_is_used(
    network,
    client_for,
    make_guide,
    image,
    editors_with_image_rights,
    django_capture_on_commit_callbacks,
):
    # given an image the administrator uploaded, used only in a guide for office A
    image.uploaded_by_user = network.administrator
    image.title = TITLE
    image.save()
    office_a = Audience.selected(organisations=[network.office_a])
    guide_with(make_guide, image, office_a, django_capture_on_commit_callbacks)
    for name in EDITORS:
        client = client_for(network.people()[name], mfa=True)
        # when an editor lists, searches or chooses images, or names this one
        for channel, url in admin_lists().items():
            response = client.get(url)
            assert response.status_code == 200, (name, channel, response.status_code)
            # then office A's editors find it, the others not even its title
            shown = SECRET in response.content.decode()
            assert shown == (name in READERS_OF_OFFICE_A), (name, channel)
        for channel, url in admin_addresses(image).items():
            response = client.get(url)
            if name in READERS_OF_OFFICE_A:
                assert response.status_code != 404, (name, channel)
            else:
                assert response.status_code == 404, (name, channel)
                assert SECRET not in response.content.decode(), (name, channel)


def test_an_image_used_nowhere_is_in_every_editors_library(
    network, client_for, image, editors_with_image_rights
):
    # given an image just uploaded by office A, used nowhere yet
    image.title = TITLE
    image.save()
    for name in EDITORS:
        # when any editor opens the library, then it is there to be chosen
        response = client_for(network.people()[name], mfa=True).get(admin_lists()["library"])
        assert SECRET in response.content.decode(), name
