"""Working-group spaces in the browser: a partner asks to join by keyboard, the
coordinator approves on the front end; the overview, the space, the forms and the
toolkit pass axe."""

from .axe import assert_accessible
from .helpers import focused, login, login_with_second_factor, tab_to, tab_to_link

PASSWORD = "abhnetz-demo"
PARTNER = "partner@demo.abhnetz.example"
COORDINATOR = "coordinator@demo.abhnetz.example"
SPACE = "/wissen/arbeitsgruppen/servicepoint/"


def tab_to_send_button(page) -> None:
    """Tab to the join form's submit button (not the header's search button)."""
    tab_to(
        page,
        lambda f: (
            f.get("tag") == "button"
            and page.evaluate("() => !!document.activeElement.closest('[data-testid=join-form]')")
        ),
    )


def test_a_partner_asks_to_join_and_the_coordinator_approves(page, demo):
    from abhnetz.accounts.models import User
    from abhnetz.organisations.models import WorkingGroup
    from knowledge.spaces.models import JoinRequest, JoinRequestStatus

    # given the demo partner, signed in, on the overview of the working groups
    login(page, PARTNER, PASSWORD)
    page.goto("/wissen/arbeitsgruppen/")
    assert_accessible(page)

    # when they go to the ServicePoint space by keyboard
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab_to_link(page, SPACE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(SPACE)
    assert page.get_by_test_id("space-goal").is_visible()
    assert_accessible(page)

    # and follow "ask to join" and send the form empty
    tab_to_link(page, SPACE + "beitreten/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to_send_button(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # then the error stands next to the field, and nothing was sent
    error = page.locator("#id_message-error")
    assert error.is_visible()
    assert page.locator("#id_message").get_attribute("aria-invalid") == "true"
    assert not JoinRequest.objects.filter(user__email=PARTNER).exists()
    assert_accessible(page)

    # when they write a message by keyboard and send it
    page.locator("#id_message").focus()
    page.keyboard.type("Ich möchte die Zusammenarbeit am ServicePoint mit dem Jobcenter stärken.")
    tab_to_send_button(page)
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # then the space says the request is waiting
    assert page.url.endswith(SPACE)
    assert page.get_by_test_id("own-request").is_visible()
    assert_accessible(page)

    # when the coordinator signs in (deciding needs the second factor) and opens the
    # requests of the group
    page.context.clear_cookies()
    login_with_second_factor(page, COORDINATOR, PASSWORD)
    page.goto(SPACE)
    with page.expect_navigation():
        page.get_by_test_id("requests-link").click()
    requests = page.get_by_test_id("join-requests")
    assert "ServicePoint mit dem Jobcenter" in requests.inner_text()
    assert_accessible(page)

    # and approves it
    item = requests.locator("li").filter(has_text="Sabine Hoffmann")
    with page.expect_navigation():
        item.locator("button[value=approve]").click()

    # then the partner is a member of the group
    partner = User.objects.get(email=PARTNER)
    group = WorkingGroup.objects.get(name="ServicePoint")
    assert partner.groups.filter(pk=group.group_id).exists()
    assert JoinRequest.objects.get(user=partner, working_group=group).status == (
        JoinRequestStatus.APPROVED
    )
    assert "Sabine Hoffmann" not in page.get_by_role("main").inner_text().split("\n")[0]
    assert_accessible(page)

    # and the network overview of requests still lists the demo's other waiting request
    page.goto("/wissen/arbeitsgruppen/anfragen/")
    assert "Miriam Becker" in page.get_by_test_id("join-requests").inner_text()
    assert_accessible(page)


def test_the_toolkit_passes_axe(page, demo):
    login(page, PARTNER, PASSWORD)
    page.goto("/wissen/werkzeugkoffer/")
    assert page.get_by_role("heading", level=1).inner_text() == "Werkzeugkoffer Willkommenskultur"
    assert page.get_by_test_id("toolkit-sections").is_visible()
    assert_accessible(page)


def test_leaving_asks_for_confirmation(page, demo):
    from abhnetz.accounts.models import User

    login(page, PARTNER, PASSWORD)
    page.goto("/wissen/arbeitsgruppen/vernetzung-mit-partnern/")
    assert_accessible(page)
    page.goto("/wissen/arbeitsgruppen/vernetzung-mit-partnern/verlassen/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    partner = User.objects.get(email=PARTNER)
    assert not partner.groups.filter(name__endswith="Vernetzung mit Partnern").exists()
    assert page.get_by_test_id("join-link").is_visible()
