"""Tests with cached fragments on (abhnetz.core.fragments; off in the rest of the suite).

A test's transaction never commits, so the generation's after-commit bumps would never
run: ``settle()`` runs the ones waiting, as the commit of a request would. The fixture
``cached_fragments`` (tests/conftest.py) turns the cache on and returns ``settle``.
"""

from django.db import transaction

from abhnetz.core import fragments


def settle() -> None:
    for _ids, func, _robust in transaction.get_connection().run_on_commit:
        if isinstance(func, fragments._Raise) and not func.done:
            func()
