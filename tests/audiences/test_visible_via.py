"""Inherited audiences: rows that hang under a target are read through
``rules.visible_via``, by a plain foreign key or a generic one, liveness folded in."""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection

from abhnetz.audiences.models import Audience
from abhnetz.audiences.rules import visible_via
from abhnetz.audiences.services import audience_assign
from abhnetz.notifications.models import Notification
from knowledge.documents.models import Document, FormItem
from knowledge.guides.models import ReviewReminder
from knowledge.minutes.models import ActionItem

NOW = datetime.datetime(2026, 4, 18, 9, 0, tzinfo=datetime.UTC)
BATCH = uuid.UUID(int=1)


def reminder(guide, day=1) -> ReviewReminder:
    return ReviewReminder.objects.create(guide=guide, due_on=datetime.date(2026, 4, day))


@pytest.fixture
def office_guide(network, make_guide):
    return make_guide(
        "Nur für Adorf",
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )


def test_rows_under_a_page_follow_its_audience(network, office_guide):
    # given a reminder hanging under a guide for office A (a foreign key to a page)
    item = reminder(office_guide)
    rows = ReviewReminder.objects.all()
    # then someone outside the audience sees nothing, a reader sees it
    assert list(visible_via(network.office_staff_b, rows, target="guide")) == []
    assert list(visible_via(network.partner, rows, target="guide")) == []
    assert list(visible_via(network.office_staff, rows, target="guide")) == [item]
    assert list(visible_via(network.moderator, rows, target="guide")) == [item]


def test_an_unpublished_page_hides_what_hangs_under_it(network, office_guide):
    reminder(office_guide)
    rows = ReviewReminder.objects.all()
    office_guide.unpublish()
    # not even its author (the guide was published once)
    assert list(visible_via(network.office_staff, rows, target="guide")) == []
    assert list(visible_via(network.moderator, rows, target="guide")) == []


def test_a_narrowed_page_hides_its_rows_at_once(network, make_guide):
    guide = make_guide("Für alle")
    item = reminder(guide)
    rows = ReviewReminder.objects.all()
    assert list(visible_via(network.partner, rows, target="guide")) == [item]
    audience_assign(guide, Audience.offices())
    guide.save_revision().publish()
    assert list(visible_via(network.partner, rows, target="guide")) == []


def test_a_draft_never_published_shows_its_rows_to_its_author_only(network, knowledge_index):
    from knowledge.guides.models import GuidePage

    draft = GuidePage(title="Entwurf", summary="Noch nicht fertig.", body=[])
    draft.owner = network.office_staff
    draft.live = False
    knowledge_index.add_child(instance=draft)
    item = reminder(draft)
    rows = ReviewReminder.objects.all()
    assert list(visible_via(network.office_staff, rows, target="guide")) == [item]
    assert list(visible_via(network.moderator, rows, target="guide")) == []


def test_rows_under_a_parental_key_of_a_page(network, publish):
    # action items hang under their minutes page by a ParentalKey
    from knowledge.minutes.models import MeetingType, MinutesPage

    page = MinutesPage(
        title="Sitzung",
        summary="Protokoll.",
        meeting_date=datetime.date(2026, 4, 18),
        meeting_type=MeetingType.WORKSHOP,
        place="Raum 1",
    )
    audience_assign(page, Audience.selected(working_groups=[network.digital_group]))
    page = publish(page)
    ActionItem.objects.create(page=page, title="Aufgabe")
    rows = ActionItem.objects.all()
    assert visible_via(network.office_staff, rows, target="page").count() == 1
    assert visible_via(network.office_staff_b, rows, target="page").count() == 0


@pytest.fixture
def form_version(network, settings):
    """A document hanging under a form item for office A (a foreign key to a snippet)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    form = FormItem(title="Antrag auf Aufenthaltstitel")
    audience_assign(form, Audience.selected(organisations=[network.office_a]))
    form.save()
    document = Document(title="Antrag (DE)", collection=Collection.get_first_root_node())
    document.file.save("antrag.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.form_item = form
    audience_assign(document, Audience.network())
    document.save()
    return document


def test_rows_under_an_audience_carrying_object(network, form_version):
    rows = Document.objects.all()
    # the document is open to the network, but the form it belongs to is not
    assert list(visible_via(network.partner, rows, target="form_item")) == []
    assert list(visible_via(network.office_staff_b, rows, target="form_item")) == []
    assert list(visible_via(network.office_staff, rows, target="form_item")) == [form_version]


def test_a_row_without_a_target_is_hidden(network, form_version):
    form_version.form_item = None
    form_version.save()
    assert (
        visible_via(network.office_staff, Document.objects.all(), target="form_item").count() == 0
    )


def test_a_path_of_foreign_keys(network, office_guide):
    # the guide is no alias: a reminder reached through guide → alias_of has no target
    reminder(office_guide)
    rows = ReviewReminder.objects.all()
    assert visible_via(network.office_staff, rows, target="guide__alias_of").count() == 0


def test_a_generic_foreign_key_by_its_name(network, office_guide):
    from abhnetz.audiences.rules import audience_source

    content_type_id, object_id = audience_source(office_guide)
    for person in (network.office_staff, network.office_staff_b):
        Notification.objects.create(
            recipient=person,
            kind="test",
            target_content_type_id=content_type_id,
            target_object_id=object_id,
            created_at=datetime.datetime(2026, 4, 18, tzinfo=datetime.UTC),
            batch="00000000-0000-0000-0000-000000000001",
        )
    rows = Notification.objects.all()
    assert visible_via(network.office_staff, rows, target="target").count() == 2
    assert visible_via(network.office_staff_b, rows, target="target").count() == 0
    # the same as the generic pair the notifications name
    assert visible_via(network.office_staff_b, rows).count() == 0


def test_a_target_without_an_audience_is_refused(network):
    with pytest.raises(TypeError):
        visible_via(network.office_staff, ReviewReminder.objects.all(), target="due_on")
    with pytest.raises(TypeError):
        visible_via(network.office_staff, Document.objects.all(), target="organisation")


def test_guests_see_nothing(network, office_guide):
    from django.contrib.auth.models import AnonymousUser

    reminder(office_guide)
    assert visible_via(AnonymousUser(), ReviewReminder.objects.all(), target="guide").count() == 0


def test_one_query_however_many_rows(network, make_guide, queries):
    guides = [make_guide(f"Leitfaden {n}") for n in range(3)]
    reminder(guides[0])

    def read():
        # one query: the rows, with the reader's keys, the page's liveness and its
        # stored audience as semi-joins inside it
        person = type(network.partner).objects.get(pk=network.partner.pk)
        rows = ReviewReminder.objects.all()
        list(visible_via(person, rows, target="guide"))

    def add_items():
        for n, guide in enumerate(guides):
            reminder(guide, day=10 + n)

    # (the person's own row is the other query)
    queries.assert_constant(read, add_items, expected=2)


def test_under_page_answers_as_visible_via_for_one_page(network, make_guide, knowledge_index):
    """``rules.under_page`` (a page's footer) must agree with ``visible_via`` (lists) for
    every reader: open, restricted, unpublished, narrowed, and a draft never published."""
    from abhnetz.audiences.rules import audience_content_type, under_page
    from knowledge.guides.models import GuidePage

    open_guide = make_guide("Für alle")
    office_guide = make_guide(
        "Nur für Adorf",
        audience=Audience.selected(organisations=[network.office_a]),
        owner=network.office_staff,
    )
    withdrawn = make_guide("Zurückgezogen", owner=network.office_staff)
    withdrawn.unpublish()
    draft = GuidePage(title="Entwurf", summary="Noch nicht fertig.", body=[])
    draft.owner = network.office_staff
    draft.live = False
    knowledge_index.add_child(instance=draft)
    pages = [open_guide, office_guide, withdrawn, draft]
    for page in pages:
        Notification.objects.create(
            recipient=network.office_staff,
            kind="t",
            # as everything stores a page target: under Page's content type
            target_content_type=audience_content_type(page),
            target_object_id=page.pk,
            created_at=NOW,
            batch=BATCH,
        )
    rows = Notification.objects.all()
    for name, person in network.people().items():
        for page in pages:
            expected = list(
                visible_via(person, rows).filter(target_object_id=page.pk).values_list("pk")
            )
            found = list(under_page(person, rows, page).values_list("pk"))
            assert found == expected, f"{name} under {page.title}"
    # and the cases themselves: an outsider sees nothing of the restricted page's rows,
    # nobody those of a withdrawn page, the author those of their first draft
    assert not under_page(network.partner, rows, office_guide).exists()
    assert not under_page(network.office_staff, rows, withdrawn).exists()
    assert under_page(network.office_staff, rows, draft).exists()
    assert not under_page(network.moderator, rows, draft).exists()
