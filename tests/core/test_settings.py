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
