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
    # the audience rule's functions (abhnetz.audiences.rules), the shared fragments' too
    guarded = re.compile(
        r"(?:access_or_404|visible_to|visible_to_groups|authored_by)\(\s*[\w.]+,\s*$"
    )
    # a fetch whose rows no reader sees (a write, the demo's idempotence check, a
    # comparison with the stored row) says so on its line, with the reason
    not_shown = re.compile(r"#\s*not shown: \w+")
    return [
        m.group(0)
        for pattern in patterns
        for m in re.finditer(pattern, text)
        if not guarded.search(text[max(0, m.start() - 80) : m.start()])
        and not not_shown.search(text[m.start() : text.find("\n", m.start()) % (len(text) + 1)])
    ]


def test_the_rule_catches_what_it_should():
    bad = "Announcement.objects.get(pk=1)\nget_object_or_404(Announcement, pk=1)"
    good = "access_or_404(request.user, Announcement.objects.all(), pk=1)"
    shared = "visible_to_groups(keys, Announcement.objects.all())"
    marked = "Announcement.objects.filter(pk=1).update(x=1)  # not shown: a write"
    unexplained = "Announcement.objects.filter(pk=1)  # not shown:"
    assert len(raw_fetches(bad, ["Announcement"])) == 2
    assert raw_fetches(good, ["Announcement"]) == []
    assert raw_fetches(shared, ["Announcement"]) == []
    assert raw_fetches(marked, ["Announcement"]) == []
    assert len(raw_fetches(unexplained, ["Announcement"])) == 1


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


ROLES_MODULE = Path("site/accounts/roles.py")


def role_sets(tree: ast.AST) -> list[int]:
    """Lines that spell out a set of roles (``(Role.A, Role.B)``, ``has_role(Role.A,
    Role.B)``) or a role group's name: those belong in abhnetz.accounts.roles."""

    def is_role(node) -> bool:
        return isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "Role"

    lines = []
    for node in ast.walk(tree):
        members = None
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            members = node.elts
        elif isinstance(node, ast.Call):
            members = node.args
        if members and len(members) >= 2 and all(is_role(m) for m in members):
            lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and str(node.value).startswith("Rolle: "):
            lines.append(node.lineno)
    return lines


def test_role_sets_live_in_the_roles_module():
    assert role_sets(ast.parse("OFFICE = (Role.OFFICE_STAFF, Role.COORDINATOR)")) == [1]
    assert role_sets(ast.parse("u.has_role(Role.COORDINATOR, Role.MODERATOR)")) == [1]
    assert role_sets(ast.parse('NAME = "Rolle: Moderation"')) == [1]
    assert role_sets(ast.parse("u.has_role(Role.COORDINATOR)")) == []
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in source_files()
        if path.relative_to(ROOT) != ROLES_MODULE
        and (lines := role_sets(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


WRITES = {"save", "create", "delete", "update", "bulk_create", "get_or_create", "update_or_create"}


def writes_in(tree: ast.AST) -> list[int]:
    """Lines of a permissions module that write or reach for services."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in WRITES:
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("services"):
            lines.append(node.lineno)
    return sorted(lines)


def test_permissions_are_pure_checks():
    assert writes_in(ast.parse("item.save()\nfrom .services import x")) == [1, 2]
    assert writes_in(ast.parse("JoinRequest.objects.filter(user=u).exists()")) == []
    modules = [path for path in source_files() if path.name == "permissions.py"]
    assert len(modules) >= 6
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if (lines := writes_in(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}
