import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file


@pytest.fixture
def make_logo(db):
    """A Wagtail image to use as an organisation's logo."""

    def make(title="Logo"):
        return get_image_model().objects.create(title=title, file=get_test_image_file())

    return make
