"""Project rules checked on the source, in the spirit of zulip's custom lint rules."""

import ast
import re
from pathlib import Path

from django.apps import apps

from abhnetz.audiences.models import AudienceMixin

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("site", "knowledge", "forums", "events", "search")


def source_files():
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts and "management" not in path.parts:
                yield path


def restricted_models() -> list[str]:
    return [m.__name__ for m in apps.get_models() if issubclass(m, AudienceMixin)]


def raw_fetches(text: str, models: list[str]) -> list[str]:
    """Fetches of audience-bearing objects that bypass visible_to/access_or_404."""
    names = "|".join(models)
    patterns = (
        rf"\b(?:{names})\.objects\.(?:get|filter|all|in_bulk)\(",
        rf"get_object_or_404\(\s*(?:{names})\b",
    )
    guarded = re.compile(r"(?:access_or_404|visible_to)\(\s*[\w.]+,\s*$")
    return [
        m.group(0)
        for pattern in patterns
        for m in re.finditer(pattern, text)
        if not guarded.search(text[max(0, m.start() - 80) : m.start()])
    ]


def test_the_rule_catches_what_it_should():
    bad = "Announcement.objects.get(pk=1)\nget_object_or_404(Announcement, pk=1)"
    good = "access_or_404(request.user, Announcement.objects.all(), pk=1)"
    assert len(raw_fetches(bad, ["Announcement"])) == 2
    assert raw_fetches(good, ["Announcement"]) == []


def test_restricted_models_are_fetched_through_the_audience_rule():
    models = restricted_models()
    assert "Announcement" in models
    offenders = {}
    for path in source_files():
        if path.name == "indexers.py":
            # Indexers read every object on purpose: each search document carries its
            # object's audience keys, and every search filters by them
            # (tests/search/test_contract.py, tests/*/test_indexers.py).
            continue
        found = raw_fetches(path.read_text(encoding="utf-8"), models)
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def gettext_with_formatting(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "_",
            "gettext",
            "gettext_lazy",
            "ngettext",
        }:
            for arg in node.args:
                formatted = isinstance(arg, ast.JoinedStr) or (
                    isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") == "format"
                )
                if formatted:
                    lines.append(node.lineno)
    return lines


def test_no_formatting_inside_gettext():
    assert gettext_with_formatting(ast.parse('_(f"Hallo {name}")')) == [1]
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in source_files()
        if (lines := gettext_with_formatting(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}
