"""The data-protection hint: each pattern with texts it catches and texts it leaves."""

import pytest

from forums.text_checks import PERSONAL_DATA_PATTERNS, has_words, personal_data_hits

HITS = {
    "birth_date": ["Frau K., geb. 12.03.1985, hat", "Geburtsdatum: 1.1.2001"],
    "azr_number": ["AZR-Nr. 123456789012", "die 120123456789 im Register"],
    "document_number": ["Pass-Nr. C01X00T47", "Aufenthaltstitel Nr: LZ1234567"],
    "email": ["schreibt an max.muster@gmail.com", "k.y@web.de"],
    "phone": ["mobil 0151 2345 6789", "+49 171 1234567"],
    "case_file": ["Az. 12-345/2024", "Aktenzeichen: 3.1-4711/25"],
}
NON_HITS = [
    "Die Sitzung am 12.03.2026 um 10:00 Uhr",
    "§ 81 Abs. 4 AufenthG gilt",
    "Schreibt an @anna.schmidt@adorf.example",
    "Unsere Hotline 0611 123-0",
    "Wir haben 12 Anträge und 345 Termine",
    "Bitte an servicepoint@adorf.example",
]


@pytest.mark.parametrize(("key", "text"), [(k, t) for k, texts in HITS.items() for t in texts])
def test_each_pattern_catches_what_it_names(key, text):
    pattern = next(p for p in PERSONAL_DATA_PATTERNS if p.key == key)
    assert pattern.regex.search(text), text


@pytest.mark.parametrize("text", NON_HITS)
def test_practice_talk_is_not_flagged(text):
    assert personal_data_hits(text) == []


def test_every_pattern_has_hit_cases():
    assert {p.key for p in PERSONAL_DATA_PATTERNS} == set(HITS)


def test_the_author_is_asked_and_may_confirm(network, categories, ask, client_for):
    from django.urls import reverse

    thread = ask(network.office_staff, categories["network"])
    client = client_for(network.office_staff_b)
    url = reverse("forums:reply", args=[thread.pk])
    text = "Herr A., geb. 01.02.1990, kam gestern."
    warned = client.post(url, {"body": text})
    assert warned.status_code == 400
    assert text in warned.content.decode()
    assert 'name="confirm_personal_data"' in warned.content.decode()
    assert client.post(url, {"body": text, "confirm_personal_data": "on"}).status_code == 302


@pytest.mark.parametrize("text", ["a", "👍", "1"])
def test_words_count(text):
    assert has_words(text)
