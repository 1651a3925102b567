"""Helpers for the browser tests: sign in, follow the keyboard focus, no third-party requests."""

import pytest


def third_party_requests(urls, origin: str) -> list[str]:
    """The URLs that neither go to ``origin`` nor are data:/blob: URLs."""
    origin = origin.rstrip("/")
    return [
        url
        for url in urls
        if not (url == origin or url.startswith(origin + "/") or url.startswith(("data:", "blob:")))
    ]


def login(page, email: str, password: str) -> None:
    """Sign in through the real allauth form at /konto/login/ and wait for the next page."""
    page.goto("/konto/login/")
    form = page.locator("form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()
    assert "/konto/login/" not in page.url, f"Login as {email} failed: still on {page.url}"


def login_with_second_factor(page, email: str, password: str) -> None:
    """Sign in as someone with an authenticator app (set up here), entering its code."""
    from abhnetz.accounts.models import User
    from tests.totp import current_code, with_totp

    secret = with_totp(User.objects.get(email=email))
    login(page, email, password)
    form = page.locator("form").filter(has=page.locator("input[name=code]"))
    form.locator("input[name=code]").fill(current_code(secret))
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    assert "/2fa/authenticate/" not in page.url, f"Second factor for {email} failed"


def focused(page) -> dict:
    """What has the keyboard focus: tag, text, href, classes and whether it is in the main nav."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {tag: "body"};
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || "").trim(),
                href: el.getAttribute("href") || "",
                className: el.className || "",
                inMainNav: !!el.closest("nav.site-nav"),
            };
        }"""
    )


def tab_to(page, predicate, *, limit: int = 60) -> dict:
    """Press Tab until ``predicate(focused(page))`` holds; fail after ``limit`` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if predicate(current):
            return current
        seen.append(current.get("text") or current.get("href") or current.get("tag"))
    pytest.fail(f"Tab never reached the element; focus went through: {seen}")
    raise AssertionError  # pragma: no cover (pytest.fail raises)


def tab_to_link(page, href: str, *, limit: int = 80) -> dict:
    """Press Tab until the focused element is a link to ``href`` (path, no host)."""
    return tab_to(page, lambda f: f.get("tag") == "a" and f.get("href") == href, limit=limit)
