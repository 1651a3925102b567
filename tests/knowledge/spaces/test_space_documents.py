"""A working group's space lists the group's documents, through the audience rule."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from abhnetz.audiences.models import Audience
from abhnetz.audiences.services import audience_assign

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document_for(title, audience):
    document = get_document_model()(title=title, file=ContentFile(PDF, name="liste.pdf"))
    audience_assign(document, audience)
    document.save()
    return document


def test_the_groups_documents_are_listed_to_its_members_only(network, client_for, digital_space):
    # given a document for the group, one for office A only, one for the whole network
    document_for(
        "Anforderungsliste E-Akte", Audience.selected(working_groups=[network.digital_group])
    )
    document_for("Dienstplan Adorf", Audience.selected(organisations=[network.office_a]))
    document_for("Antrag Aufenthaltstitel", Audience.network())

    # when a member and an outsider open the space
    member = client_for(network.office_staff).get(digital_space.url)
    outsider = client_for(network.office_staff_b)
    outsider_html = outsider.get(digital_space.url).content.decode()
    partner_html = client_for(network.partner).get(digital_space.url).content.decode()

    # then the member sees the group's document (not the others, which are not the group's)
    assert [d.title for d in member.context["documents"]] == ["Anforderungsliste E-Akte"]
    assert 'data-testid="space-documents"' in member.content.decode()
    # and neither outsider learns its title
    for html in (outsider_html, partner_html):
        assert "Anforderungsliste E-Akte" not in html
        assert 'data-testid="space-documents"' not in html


def test_documents_do_not_grow_the_space_queries(network, client_for, digital_space, queries):
    client = client_for(network.office_staff)
    group = Audience.selected(working_groups=[network.digital_group])
    document_for("Liste 0", group)
    # one query for the documents, however many; their links cost none (checked in bulk)
    queries.assert_constant(
        lambda: client.get(digital_space.url),
        lambda: [document_for(f"Liste {n}", group) for n in range(1, 5)],
    )
