"""Every role × every audience × every channel a document travels through.

A reader outside a document's audience finds no trace of it: not in the library, not
through ``visible_documents`` or ``{% document_link %}``, not at its download URL.
"""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from knowledge.documents.selectors import visible_documents
from tests.audiences.test_rules import CASES

SECRET = "Geheimformular-5c1d"
LIBRARY = "/wissen/formulare/"


def channels(client, user, doc) -> dict[str, bool]:
    request = RequestFactory().get("/")
    request.user = user
    link = Template("{% load document_tags %}{% document_link doc %}").render(
        Context({"request": request, "doc": doc})
    )
    return {
        "library": SECRET in client.get(LIBRARY).content.decode(),
        "filtered library": SECRET in client.get(LIBRARY, {"sprache": "ar"}).content.decode(),
        "selector": doc.pk in visible_documents(user, [doc.pk]),
        "link tag": SECRET in link,
        "download": client.get(doc.url).status_code == 200,
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_outsiders_find_no_trace(network, client_for, make_document, make_form, case):
    # given a form and its only version, both for this audience
    make_audience, readers = CASES[case]
    doc = make_document(
        SECRET,
        language="ar",
        form_item=make_form(f"Formular {SECRET}", audience=make_audience(network)),
        audience=make_audience(network),
        uploader=network.coordinator,
    )
    for name, person in network.people().items():
        # when each person looks for it through every channel
        seen = channels(client_for(person), person, doc)
        # then readers find it everywhere and everyone else nowhere; the uploader keeps
        # the document, but the form's title follows the form's audience alone
        if name in readers:
            assert all(seen.values()), f"{name} misses {case}: {seen}"
        elif name == "coordinator":
            assert seen == {
                "library": False,
                "filtered library": False,
                "selector": True,
                "link tag": True,
                "download": True,
            }, seen
        else:
            assert not any(seen.values()), f"{name} sees {case} through {seen}"
