import pytest
from django.core.exceptions import PermissionDenied

from abhnetz.announcements.permissions import may_edit_announcement
from abhnetz.announcements.services import (
    announcement_create,
    announcement_delete,
    announcement_update,
)
from abhnetz.audiences.models import Audience, AudienceScope
from abhnetz.audiences.rules import can_view
from tests.factories import make_announcement


def test_office_staff_write_with_their_organisation_and_sanitized_html(network):
    # when office staff write an announcement with dangerous markup
    item = announcement_create(
        author=network.office_staff,
        title="Neue Formulare",
        body="**Wichtig** <script>alert(1)</script> [x](javascript:alert(1))",
        audience=Audience.network(),
    )
    # then it carries their organisation and only safe HTML
    assert item.organisation == network.office_a
    assert "<strong>Wichtig</strong>" in item.body_html
    assert "<script" not in item.body_html
    assert 'href="javascript' not in item.body_html


@pytest.mark.parametrize("role", ["partner", "board_member"])
def test_partners_and_board_may_not_write(network, role):
    with pytest.raises(PermissionDenied):
        announcement_create(
            author=getattr(network, role), title="x", body="y", audience=Audience.network()
        )


def test_update_narrows_the_audience_in_the_same_transaction(network):
    item = make_announcement(network.office_staff)
    assert can_view(network.partner, item)
    # when the author narrows it to their own office
    announcement_update(
        announcement=item,
        by=network.office_staff,
        title=item.title,
        body="Nur intern.",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    # then the partner loses sight of it at once
    item.refresh_from_db()
    assert item.audience_scope == AudienceScope.SELECTED
    assert not can_view(network.partner, item)
    assert item.body_html == "<p>Nur intern.</p>\n"


def test_only_author_and_moderation_edit(network):
    item = make_announcement(network.office_staff)
    assert may_edit_announcement(network.office_staff, item)
    assert may_edit_announcement(network.moderator, item)
    assert may_edit_announcement(network.coordinator, item)
    assert not may_edit_announcement(network.office_staff_b, item)
    with pytest.raises(PermissionDenied):
        announcement_update(
            announcement=item,
            by=network.office_staff_b,
            title="x",
            body="y",
            audience=Audience.network(),
        )
    with pytest.raises(PermissionDenied):
        announcement_delete(announcement=item, by=network.partner)


def test_moderators_cannot_edit_what_they_cannot_see(network):
    item = make_announcement(
        network.coordinator, audience=Audience.selected(organisations=[network.jobcenter])
    )
    assert not may_edit_announcement(network.moderator, item)
