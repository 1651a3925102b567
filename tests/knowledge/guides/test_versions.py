"""Readers see a guide's published versions and what changed between two of them."""

import re

from django.utils.translation import gettext

from abhnetz.audiences.models import Audience
from knowledge.guides.blocks import GuideBodyBlock
from knowledge.guides.comparison import compare_guides, word_diff
from knowledge.guides.models import GuidePage
from knowledge.guides.selectors import published_versions

from .conftest import block, text


def two_versions(make_guide, owner, **kwargs):
    steps = block("steps", [{"title": "Anliegen zählen", "text": "<p>Zwei Wochen lang.</p>"}])
    removed = text("<p>Dieser Absatz fällt weg.</p>")
    guide = make_guide(
        "ServicePoint einrichten",
        owner=owner,
        body=[text("<p>Ein offener Empfang entlastet die Sachbearbeitung.</p>"), steps, removed],
        **kwargs,
    )
    first = text("<p>Ein offener Empfang entlastet die Sachbearbeitung sehr.</p>")
    first["id"] = guide.body.raw_data[0]["id"]
    changed_steps = dict(
        steps, value=[{"title": "Anliegen zählen", "text": "<p>Drei Wochen lang.</p>"}]
    )
    guide.body = [first, changed_steps, block("callout", {"kind": "hint", "text": "<p>Neu.</p>"})]
    guide.summary = "Neue Zusammenfassung."
    guide.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
    return GuidePage.objects.live().get(pk=guide.pk)


def test_word_diff_marks_insertions_and_deletions():
    segments = word_diff("zwei Wochen lang", "drei Wochen lang")
    assert [(s.kind, s.text) for s in segments] == [
        ("delete", "zwei"),
        ("insert", "drei"),
        ("equal", " Wochen lang"),
    ]


def test_comparison_matches_blocks_by_id(network, make_guide):
    # given a guide with two published versions
    guide = two_versions(make_guide, network.office_staff)
    new, old = published_versions(guide)

    # when they are compared
    comparison = compare_guides(old.revision.as_object(), new.revision.as_object())

    # then the edited blocks are compared with themselves, removed and added ones shown whole
    labels = {name: str(b.label) for name, b in GuideBodyBlock().child_blocks.items()}
    statuses = [(change.label, change.status) for change in comparison.changed_blocks]
    assert statuses == [
        (labels["rich_text"], "changed"),
        (labels["steps"], "changed"),
        (labels["rich_text"], "removed"),
        (labels["callout"], "added"),
    ]
    assert [c.label for c in comparison.changed_fields] == [gettext("Summary")]
    steps = comparison.changed_blocks[1]
    assert ("delete", "Zwei") in [(s.kind, s.text) for s in steps.segments]
    assert ("insert", "Drei") in [(s.kind, s.text) for s in steps.segments]
    assert [(s.kind, s.text) for s in comparison.changed_blocks[0].segments] == [
        ("equal", "Ein offener Empfang entlastet die "),
        ("delete", "Sachbearbeitung."),
        ("insert", "Sachbearbeitung sehr."),
    ]


def test_versions_list_and_comparison_on_the_front_end(network, client_for, make_guide):
    # given a guide with two published versions
    guide = two_versions(make_guide, network.office_staff)
    reader = client_for(network.partner)

    # when a reader opens its versions
    response = reader.get(guide.url + "versionen/")

    # then both are listed with their author, and a link compares them
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr>") == 3  # header and two versions
    assert str(network.office_staff) in html
    link = re.search(r'href="([^"]*vergleich/\?von=\d+&amp;bis=\d+)"', html).group(1)

    # when they follow it
    html = reader.get(link.replace("&amp;", "&")).content.decode()

    # then the differences are marked up with words, not only colour
    assert "<del>" in html
    assert "<ins>" in html
    deleted = re.findall(r"<del>(.*?)</del>", html, re.S)
    inserted = re.findall(r"<ins>(.*?)</ins>", html, re.S)
    assert any("Zwei" in d for d in deleted)
    assert any("Drei" in i for i in inserted)
    assert any("Dieser Absatz fällt weg." in d for d in deleted)
    assert 'class="kern-sr-only">[' in html
    assert any("Neue" in i for i in inserted)  # the summary


def test_comparing_a_version_with_itself_is_an_error_next_to_the_field(
    network, client_for, make_guide
):
    guide = two_versions(make_guide, network.office_staff)
    newest = published_versions(guide)[0].revision.pk
    response = client_for(network.partner).get(
        guide.url + f"versionen/vergleich/?von={newest}&bis={newest}"
    )
    assert response.status_code == 400
    assert 'id="id_bis-error"' in response.content.decode()


def test_revisions_of_another_page_cannot_be_compared(network, client_for, make_guide):
    # given two guides, one for office A only
    guide = two_versions(make_guide, network.office_staff)
    secret = two_versions(
        make_guide,
        network.office_staff,
        slug="geheim",
        audience=Audience.selected(organisations=[network.office_a]),
    )
    secret_ids = [v.revision.pk for v in published_versions(secret)]

    # when a partner asks the public guide to compare the secret guide's revisions
    response = client_for(network.partner).get(
        guide.url + f"versionen/vergleich/?von={secret_ids[1]}&bis={secret_ids[0]}"
    )

    # then nothing of the secret guide shows
    assert response.status_code == 400
    assert "geheim" not in response.content.decode().lower()


def test_only_readers_of_the_guide_see_its_versions(network, client_for, make_guide):
    guide = two_versions(
        make_guide,
        network.office_staff,
        audience=Audience.selected(organisations=[network.office_a]),
    )
    ids = [v.revision.pk for v in published_versions(guide)]
    compare = guide.url + f"versionen/vergleich/?von={ids[1]}&bis={ids[0]}"
    for outsider in (network.partner, network.office_staff_b, network.board_member):
        client = client_for(outsider)
        assert client.get(guide.url + "versionen/").status_code == 404
        assert client.get(compare).status_code == 404
    assert client_for(network.moderator).get(compare).status_code == 200
