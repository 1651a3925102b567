"""MEDIA_ROOT is never served as a folder: documents only through the audience check."""

import importlib
import io

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import clear_url_caches
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

import abhnetz.urls


@pytest.fixture
def urls_with_debug(settings):
    """The site's URLs as imported with DEBUG on (urls.py reads DEBUG at import time)."""
    settings.DEBUG = True
    importlib.reload(abhnetz.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(abhnetz.urls)
    clear_url_caches()


def test_documents_folder_is_not_served_even_with_debug(
    network, client_for, settings, urls_with_debug
):
    # given a first-office-only form lying in MEDIA_ROOT/documents/
    folder = settings.MEDIA_ROOT / "documents"
    folder.mkdir(parents=True)
    (folder / "dienstplan.pdf").write_bytes(b"%PDF-1.4 secret")
    (settings.MEDIA_ROOT / "original_images").mkdir()
    (settings.MEDIA_ROOT / "original_images" / "foto.png").write_bytes(b"png")
    client = client_for(network.partner)
    # when any member asks for it by its file name, then nothing is served
    for path in (
        "/media/documents/dienstplan.pdf",
        "/media/original_images/foto.png",
        "/media/images/../documents/dienstplan.pdf",
        "/media/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_image_renditions_are_served_to_members_only(network, client_for, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    # given an image with a rendition, and a file in images/ that is no rendition
    image = get_image_model().objects.create(
        title="Logo",
        file=ImageFile(io.BytesIO(png_bytes()), name="logo.png"),
        collection=Collection.get_first_root_node(),
    )
    rendition = image.get_rendition("max-20x10")
    (settings.MEDIA_ROOT / "images" / "stray.pdf").write_bytes(b"%PDF-1.4 stray")
    # when a member opens the rendition's URL, then it is served
    response = client_for(network.partner).get(rendition.url)
    assert rendition.url.startswith("/media/images/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    # but neither the original nor a stray file, and guests get nothing
    assert client_for(network.partner).get("/media/images/stray.pdf").status_code == 404
    assert client_for(network.partner).get(image.file.url).status_code == 404
    assert Client().get(rendition.url).status_code == 302
