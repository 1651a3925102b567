from django.urls import reverse

from abhnetz.announcements.models import Announcement
from abhnetz.audiences.models import Audience
from tests.factories import make_announcement


def test_list_shows_visible_announcements_with_badge(network, client_for):
    make_announcement(network.coordinator, title="Für alle")
    make_announcement(
        network.coordinator,
        title="Nur Adorf",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    response = client_for(network.office_staff).get(reverse("announcements:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Für alle" in html
    assert "Nur Adorf" in html
    assert "Ausländerbehörde Adorf" in html  # the badge names the audience
    assert 'data-testid="audience-badge"' in html


def test_list_is_paginated(network, client_for, settings):
    settings.ABHNETZ_PAGE_SIZE = 2
    for number in range(3):
        make_announcement(network.coordinator, title=f"Mitteilung {number}")
    client = client_for(network.office_staff)
    first = client.get(reverse("announcements:list")).content.decode()
    second = client.get(reverse("announcements:list") + "?seite=2").content.decode()
    assert "Mitteilung 2" in first
    assert "Mitteilung 0" not in first
    assert "Mitteilung 0" in second
    assert 'rel="next"' in first


def test_list_query_count_does_not_grow(network, client_for, queries):
    client = client_for(network.office_staff)
    make_announcement(network.coordinator)

    def add_items():
        for number in range(5):
            make_announcement(
                network.coordinator,
                title=f"Mehr {number}",
                audience=Audience.selected(
                    organisations=[network.office_a], working_groups=[network.digital_group]
                ),
            )

    queries.assert_constant(lambda: client.get(reverse("announcements:list")), add_items)


def test_create_shows_errors_next_to_fields_and_keeps_input(network, client_for):
    client = client_for(network.office_staff)
    response = client.post(
        reverse("announcements:create"),
        {"title": "", "body": "Mein langer Text", "audience_scope": "selected"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title-error"' in html
    assert 'id="id_audience_organisations-error"' in html
    assert "Mein langer Text" in html  # nothing typed is lost
    assert not Announcement.objects.exists()


def test_create_publishes_and_redirects(network, client_for):
    response = client_for(network.office_staff).post(
        reverse("announcements:create"),
        {
            "title": "Intern",
            "body": "Text",
            "audience_scope": "selected",
            "audience_organisations": [network.office_a.pk],
        },
    )
    item = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert list(item.audience_organisations.all()) == [network.office_a]


def test_preview_button_shows_readers_without_saving(network, client_for):
    response = client_for(network.office_staff).post(
        reverse("announcements:create"),
        {"title": "Entwurf", "body": "Text", "audience_scope": "offices", "preview": "1"},
    )
    html = response.content.decode()
    assert 'data-testid="audience-preview"' in html
    assert "4 Personen" in html or "4 people" in html  # two office staff, moderator, coordinator
    assert not Announcement.objects.exists()


def test_partner_may_not_open_the_form(network, client_for):
    assert client_for(network.partner).get(reverse("announcements:create")).status_code == 403


def test_edit_keeps_audience_and_saves(network, client_for):
    item = make_announcement(
        network.office_staff, audience=Audience.selected(working_groups=[network.digital_group])
    )
    client = client_for(network.office_staff)
    form = client.get(reverse("announcements:edit", args=[item.pk])).content.decode()
    assert f'value="{network.digital_group.pk}" id="id_audience_working_groups_0" checked' in form
    response = client.post(
        reverse("announcements:edit", args=[item.pk]),
        {"title": "Neu", "body": "Neu", "audience_scope": "network"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Neu"
    assert item.audience_scope == "network"
    assert not item.audience_working_groups.exists()


def test_delete_asks_then_deletes(network, client_for):
    item = make_announcement(network.office_staff)
    client = client_for(network.office_staff)
    assert client.get(reverse("announcements:delete", args=[item.pk])).status_code == 200
    response = client.post(reverse("announcements:delete", args=[item.pk]))
    assert response.status_code == 302
    assert not Announcement.objects.filter(pk=item.pk).exists()


def test_detail_renders_markdown_and_former_member(network, client_for):
    item = make_announcement(network.office_staff, body="Eine *Liste*:\n\n- eins\n- zwei")
    item.author = None
    item.save()
    html = client_for(network.partner).get(item.get_absolute_url()).content.decode()
    assert "<em>Liste</em>" in html
    assert "<li>zwei</li>" in html
    assert "ehemaliges Mitglied" in html or "former member" in html
