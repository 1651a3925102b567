import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "abhnetz.settings.production",
    "SECRET_KEY": "x8#k2!q-production-like-secret-key-that-is-long-enough-0123",
    "ALLOWED_HOSTS": "abhnetz.example",
    "DATABASE_URL": "sqlite:////tmp/abhnetz-check.sqlite3",
    "CACHE_URL": "db",
}


def run_manage(*args, env):
    # the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it
    ignored = {"DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_missing_or_default_secret():
    for secret in ("", "dev-only-insecure-key-for-the-embedded-demo"):
        result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": secret})
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr


def demo_settings(key_file) -> dict:
    """The demo settings (`make run`) as a fresh process sees them, with no SECRET_KEY set."""
    env = {
        "DJANGO_SETTINGS_MODULE": "abhnetz.settings.dev",
        "ABHNETZ_SECRET_KEY_FILE": str(key_file),
    }
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'key': s.SECRET_KEY, 'debug': s.DEBUG, 'demo': s.ABHNETZ_DEMO}))"
    )
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_each_demo_installation_makes_its_own_secret_key(tmp_path):
    # given two installations without SECRET_KEY in the environment
    first, second = tmp_path / "a" / ".secret_key", tmp_path / "b" / ".secret_key"
    # when each starts, then each generates its own long key, readable only by its owner
    key = demo_settings(first)["key"]
    assert len(key) >= 50
    assert first.stat().st_mode & 0o777 == 0o600
    assert demo_settings(second)["key"] != key
    # and keeps it across restarts (sessions and feed tokens stay valid)
    assert demo_settings(first)["key"] == key


def test_the_demo_runs_with_debug_off_and_may_seed(tmp_path):
    # DEBUG off: the demo shows the site's error pages, not Django's list of URL patterns
    demo = demo_settings(tmp_path / ".secret_key")
    assert demo["debug"] is False
    assert demo["demo"] is True
