"""Writing an announcement in the browser: the audience preview (htmx) under the strict CSP."""

from .axe import assert_accessible
from .helpers import login
from .test_demo_tour import DEMO_EMAIL, DEMO_PASSWORD


def test_audience_preview_updates_before_saving(page, demo, live_server):
    from abhnetz.announcements.models import Announcement

    login(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(live_server.url + "/mitteilungen/neu/")
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    # when the author chooses "offices only" (keyboard: focus the radio, press space)
    page.get_by_label("Nur Ausländerbehörden").focus()
    page.keyboard.press("Space")

    # then htmx fetches the preview of who will read it, and nothing is saved
    preview = page.get_by_test_id("audience-preview")
    preview.get_by_text("Personen können es jetzt lesen").wait_for()
    assert "Ausländerbehörde der Stadt Eichtal" in preview.inner_text()
    assert "Jobcenter" not in preview.inner_text()
    assert not Announcement.objects.filter(title="").exists()
    assert errors == []  # no CSP violation, no script error
    assert_accessible(page)

    # when they submit without a title, the error stands next to the field and the text stays
    page.get_by_label("Text").fill("Bitte neue Formulare verwenden.")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_load_state()
    assert page.locator("#id_title-error").is_visible()
    assert page.get_by_label("Text").input_value() == "Bitte neue Formulare verwenden."
    assert_accessible(page)
