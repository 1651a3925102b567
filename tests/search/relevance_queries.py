"""The relevance set: German queries over the demo content (``manage.py seed_demo``) and
the result a reader expects first.

Each case names the reader (a demo account: what the search returns depends on what
they may see), the expected result by its exact title (and kind, where a form and its
document share a title) and why that result is the right answer. The set is judged by
tests/search/test_relevance.py: the reciprocal rank of the expected result among the
first ten hits, averaged (MRR).

Add a case for every relevance bug that is found and fixed. A case marked ``weak``
states a known shortcoming: it counts in the score but does not fail on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

# The demo readers (site/core/management/commands/seed_demo.py PEOPLE).
OFFICE = "office@demo.abhnetz.example"  # ABH Rosenfurt; groups ServicePoint, Digitalisierung
OFFICE2 = "office2@demo.abhnetz.example"  # ABH Landkreis Rosenfurt; no digital group
PARTNER = "partner@demo.abhnetz.example"  # Jobcenter: network content only
BOARD = "board@demo.abhnetz.example"  # advisory board: network content open to the board
COORDINATOR = "coordinator@demo.abhnetz.example"  # ministry: network and office content


@dataclass(frozen=True)
class Case:
    query: str
    reader: str
    title: str  # exact title of the expected result
    why: str
    kind: str = ""  # the expected result's kind, where the title alone is ambiguous
    weak: str = ""  # a known shortcoming: counted in the score, not asserted alone

    def expects(self, hit) -> bool:
        return hit.title == self.title and (not self.kind or hit.kind == self.kind)


# Titles of the demo content the cases expect (kept here so a renamed demo title shows
# up as one clear failure: "expected result not in the demo index").
SERVICEPOINT_GUIDE = "Einen offenen ServicePoint einrichten"
APPOINTMENTS_GUIDE = "Online-Terminvergabe einführen"  # review overdue
EFILE_GUIDE = "Umstieg auf die elektronische Ausländerakte"
RULES_GUIDE = "Einheitliche Bearbeitungsregeln für die Verlängerung von Aufenthaltstiteln"
FORMS_GUIDE = "Mehrsprachige Formulare und Checklisten"
VENDORS_GUIDE = "E-Akte: Angebotsvergleich der Anbieter"  # working group Digitalisierung
FICTION_GUIDE = "Umgang mit Fiktionsbescheinigungen (nur Ausländerbehörden)"  # offices
FEEDBACK_GUIDE = "Rückmeldung des Integrationsbeirats zum ServicePoint"
NETWORK_MINUTES = "Protokoll: Vernetzungstreffen im Ministerium"
WORKSHOP_MINUTES = "Protokoll: Workshop der AG Digitalisierung"  # working group Digitalisierung

CASES = [
    # -- plain words -------------------------------------------------------------------
    Case(
        "Bearbeitungsregeln",
        OFFICE2,
        RULES_GUIDE,
        "a word of one guide's title",
    ),
    Case(
        "Angebotsvergleich",
        OFFICE,
        VENDORS_GUIDE,
        "a word of a guide only the working group Digitalisierung sees; the reader is in it",
    ),
    Case(
        "Terminvergabe",
        OFFICE,
        APPOINTMENTS_GUIDE,
        "the guide on the subject, though overdue; Elena Schmitt (function and expertise "
        "'Terminvergabe') may come before it",
    ),
    Case(
        "Themenwünsche",
        PARTNER,
        "Vernetzungstreffen im Ministerium: Termin steht fest",
        "a word in an announcement's text",
    ),
    # -- inflected and plural forms ----------------------------------------------------
    Case(
        "Leitfäden",
        PARTNER,
        "Erfahrungsbericht ServicePoint Rosenfurt als Leitfaden aufschreiben",
        "the plural with umlaut finds the singular 'Leitfaden'",
    ),
    Case(
        "Fiktionsbescheinigungen",
        OFFICE2,
        FICTION_GUIDE,
        "the plural of the title; the form and the announcement use the singular",
    ),
    Case(
        "Formularen",
        BOARD,
        FORMS_GUIDE,
        "a dative plural finds 'Formulare' in the title",
    ),
    Case(
        "Aufenthaltstiteln",
        OFFICE2,
        RULES_GUIDE,
        "an inflected title word; the form says 'Aufenthaltstitels'",
    ),
    # -- umlauts typed as ae, oe, ue ---------------------------------------------------
    Case(
        "Auslaenderbehoerde Eichtal",
        PARTNER,
        "Ausländerbehörde der Stadt Eichtal",
        "ae/oe for ä/ö in the organisation's name",
    ),
    Case(
        "Rueckmeldung Integrationsbeirat",
        BOARD,
        FEEDBACK_GUIDE,
        "ue for ü, and 'Integrationsbeirats' in the title",
    ),
    Case(
        "Oeffnungszeiten",
        OFFICE,
        "ServicePoint Rosenfurt: geänderte Öffnungszeiten (intern)",
        "oe for Ö; an announcement only the reader's office sees",
    ),
    Case(
        "elektronische Auslaenderakte",
        OFFICE,
        EFILE_GUIDE,
        "ae/oe in a title; the vendors' guide also says 'Ausländerakte' but only in its summary",
    ),
    Case(
        "Sozialpaedagogin",
        OFFICE,
        "Miriam Becker",
        "ae for ä in a person's function",
    ),
    # -- ß and ss --------------------------------------------------------------------
    Case(
        "Bahnhofstrasse",
        PARTNER,
        "Jobcenter Rosenfurt",
        "ss for ß in an organisation's address",
    ),
    Case(
        '"Kreishausstraße 3"',
        PARTNER,
        "Jugendamt des Landkreises Rosenfurt",
        "a phrase with ß and a house number: the office next door is at number 1",
    ),
    # -- parts of compound words -------------------------------------------------------
    Case(
        "Erlaubnis",
        PARTNER,
        "Übersetzungen der Checkliste Aufenthaltserlaubnis (Englisch, Arabisch) beschaffen",
        "a compound part finds 'Aufenthaltserlaubnis' (an action item)",
    ),
    Case(
        "Behörde Eichtal",
        OFFICE2,
        "Ausländerbehörde der Stadt Eichtal",
        "a compound part finds 'Ausländerbehörde'",
    ),
    Case(
        "Vorlage",
        OFFICE,
        "Dienstplanvorlage ServicePoint Rosenfurt",
        "a compound part finds 'Dienstplanvorlage' (form or its document; the reader's "
        "office only)",
    ),
    # -- synonyms and abbreviations (search/lexicon/synonyms.txt) ----------------------
    Case(
        "eAT",
        OFFICE2,
        RULES_GUIDE,
        "the abbreviation finds 'elektronischer Aufenthaltstitel' in the guide's text",
    ),
    Case(
        "AZR",
        OFFICE,
        VENDORS_GUIDE,
        "the abbreviation finds 'Ausländerzentralregister' in the guide's checklist",
    ),
    Case(
        "Aufenthaltsgesetz",
        PARTNER,
        EFILE_GUIDE,
        "the law's name finds the guides citing 'AufenthG'; this one also names the law",
    ),
    Case(
        "Fiktionsbescheinigung ABH",
        OFFICE2,
        FICTION_GUIDE,
        "'ABH' finds 'Ausländerbehörden' in the title",
    ),
    # -- legal references --------------------------------------------------------------
    Case(
        "§ 81 AufenthG",
        OFFICE2,
        FICTION_GUIDE,
        "the guide citing § 81 Abs. 4 AufenthG; the announcement with the citation in its "
        "title may come first",
    ),
    Case(
        "81 Abs. 4 AufenthG",
        COORDINATOR,
        FICTION_GUIDE,
        "the citation without '§', as typed from a letter",
    ),
    Case(
        "§ 8 AufenthG",
        PARTNER,
        RULES_GUIDE,
        "the only guide citing § 8 Abs. 1 AufenthG",
    ),
    Case(
        "§ 86 AufenthG",
        PARTNER,
        EFILE_GUIDE,
        "the only guide citing § 86 AufenthG",
    ),
    # -- phrases and exclusions --------------------------------------------------------
    Case(
        '"leichter Sprache"',
        PARTNER,
        NETWORK_MINUTES,
        "a phrase in an agenda item of the minutes",
    ),
    Case(
        '"ohne Fallgespräch"',
        PARTNER,
        SERVICEPOINT_GUIDE,
        "a phrase in a guide's summary",
    ),
    Case(
        "Fiktionsbescheinigung -Gesprächsleitfaden",
        OFFICE2,
        FICTION_GUIDE,
        "the excluded word leaves out the form and its document",
    ),
    # -- minutes, decisions, action items ----------------------------------------------
    Case(
        "Besprechungsraum Weidenbrück",
        OFFICE,
        WORKSHOP_MINUTES,
        "the place of a meeting",
    ),
    Case(
        "Absagequote",
        PARTNER,
        NETWORK_MINUTES,
        "a word in the notes of an agenda item",
    ),
    Case(
        "Protokoll Vernetzungstreffen",
        PARTNER,
        NETWORK_MINUTES,
        "the minutes by their title",
        weak="its decisions (title 'Beschluss n: <minutes title>') and action items "
        "(summary: the minutes title) repeat the title and rank with or above it",
    ),
    Case(
        "Workshop AG Digitalisierung",
        OFFICE,
        WORKSHOP_MINUTES,
        "the minutes by their title",
        weak="as above: the decisions and action items of the minutes rank with or above it",
    ),
    Case(
        "Formularbibliothek",
        PARTNER,
        "Beschluss 2: Protokoll: Vernetzungstreffen im Ministerium",
        "a word in a decision's text",
        kind="decision",
    ),
    Case(
        "Vernetzungstreffen Eichtal",
        BOARD,
        "Beschluss 3: Protokoll: Vernetzungstreffen im Ministerium",
        "the decision on where the next meeting is",
        kind="decision",
    ),
    Case(
        "Rückmeldebogen",
        BOARD,
        "Rückmeldebogen des Integrationsbeirats auswerten",
        "an action item by its title",
    ),
    Case(
        "Kennzahlenschema",
        PARTNER,
        "Kennzahlenschema für den ServicePoint an alle Behörden verschicken",
        "an action item (done) by its title",
    ),
    # -- documents and forms -----------------------------------------------------------
    Case(
        "Application residence permit",
        PARTNER,
        "Antrag auf Erteilung eines Aufenthaltstitels",
        "the English version of a form, found through its form (one hit per form)",
        kind="form",
    ),
    Case(
        "Biometrisches Foto",
        PARTNER,
        "Checkliste ServicePoint",
        "words only inside the PDF of the German version, which its form stands for",
        kind="form",
    ),
    Case(
        "Antrag Aufenthaltstitel",
        OFFICE2,
        "Antrag auf Erteilung eines Aufenthaltstitels",
        "the form (or its German version) before the guides mentioning the title",
    ),
    Case(
        "Gesprächsleitfaden",
        OFFICE2,
        "Gesprächsleitfaden Fiktionsbescheinigung",
        "the offices-only form (or its document) by its title",
    ),
    # -- announcements -----------------------------------------------------------------
    Case(
        "Ansprechpartnerin Jobcenter",
        PARTNER,
        "Neue Ansprechpartnerin im Jobcenter Rosenfurt",
        "an announcement by words of its title",
    ),
    Case(
        "Rundschreiben",
        OFFICE2,
        "Hinweis zur Fiktionsbescheinigung nach § 81 Abs. 4 AufenthG",
        "a word in the text of an announcement for the offices",
    ),
    # -- organisations and people ------------------------------------------------------
    Case(
        "Jugendamt",
        PARTNER,
        "Jugendamt des Landkreises Rosenfurt",
        "the organisation before its member Miriam Becker",
    ),
    Case(
        "Integrationsbüro",
        BOARD,
        "Integrationsbüro der Stadt Rosenfurt",
        "the organisation before its member Kerem Yılmaz",
    ),
    Case(
        "Yilmaz",
        OFFICE,
        "Kerem Yılmaz",
        "the Turkish dotless ı typed as i",
    ),
    Case(
        "Integrationsfachkraft",
        OFFICE,
        "Sabine Hoffmann",
        "a person by their function",
    ),
    Case(
        "Wolf",
        OFFICE,
        "Daniel Wolf",
        "a person by name, before the action items and guides that name him",
    ),
    # -- boosts ------------------------------------------------------------------------
    Case(
        "Personalrat",
        OFFICE,
        EFILE_GUIDE,
        "the same hint stands in the reviewed e-file guide and in the overdue "
        "appointments guide: the reviewed one first",
    ),
    # -- broad words -------------------------------------------------------------------
    Case(
        "ServicePoint",
        OFFICE,
        SERVICEPOINT_GUIDE,
        "the network's guide on the subject",
        weak="fourteen documents name the ServicePoint, most of them in short titles; "
        "the guide's long text and its summary without the word put it behind them",
    ),
]
