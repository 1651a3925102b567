"""Fixtures for account tests: a clean rate-limit cache and mails that leave on commit."""

import pytest
from django.core.cache import cache

# Published pages (guides, minutes) for the my-data export tests.
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401


@pytest.fixture(autouse=True)
def _clean_cache():
    """allauth keeps rate limits and used TOTP codes in the cache: start every test empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the block's on-commit callbacks, so its e-mails leave."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
