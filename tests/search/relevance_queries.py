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
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# The demo readers (site/core/management/commands/seed_demo.py PEOPLE).
OFFICE = "office@demo.abhnetz.example"  # ABH Rosenfurt; groups ServicePoint, Digitalisierung
OFFICE2 = "office2@demo.abhnetz.example"  # ABH Landkreis Rosenfurt; no digital group
PARTNER = "partner@demo.abhnetz.example"  # Jobcenter: network content only
BOARD = "board@demo.abhnetz.example"  # advisory board: network content open to the board
COORDINATOR = "coordinator@demo.abhnetz.example"  # ministry: network and office content


# Demo forum threads (site seed_demo, forums).
MOVE_QUESTION = "Wie erfahrt ihr von einem Umzug in einen anderen Kreis?"
SOFTWARE_QUESTION = "Welche Software nutzt ihr für die Online-Terminvergabe? (gelöst)"


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

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def date_cases() -> list[Case]:
    """Months in a query, for the demo minutes' dates (knowledge/minutes/demo.py: the
    networking meeting 35 days ago, the workshop 14 days ago)."""
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    network: date = today - timedelta(days=35)
    workshop: date = today - timedelta(days=14)
    # in a month with both meetings both minutes match; each is still among the first
    return [
        Case(
            f"Protokoll {MONTHS[network.month - 1]} {network.year}",
            PARTNER,
            NETWORK_MINUTES,
            "a month and year narrow to the minutes of that month",
        ),
        Case(
            f"Protokoll {workshop.month:02d}/{workshop.year}",
            OFFICE,
            WORKSHOP_MINUTES,
            "a month written in numbers",
        ),
        Case(
            f"Beschlüsse {MONTHS[workshop.month - 1]} {workshop.year}",
            OFFICE,
            "Beschluss 1: Protokoll: Workshop der AG Digitalisierung",
            "decisions of a month",
            kind="decision",
        ),
        Case(
            f"Vernetzungstreffen {MONTHS[network.month - 1][:3]} {network.year}",
            BOARD,
            NETWORK_MINUTES,
            "a month's short name",
        ),
    ]


def event_date_cases() -> list[Case]:
    """Months in a query, for the demo events' dates (events/demo.py: the spring
    meeting in 60 days, the vendors' workshop in 21)."""
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    spring: date = today + timedelta(days=60)
    workshop: date = today + timedelta(days=21)
    return [
        Case(
            f"Vernetzungstreffen {MONTHS[spring.month - 1]} {spring.year}",
            OFFICE,
            "Vernetzungstreffen im Ministerium (Frühjahr)",
            "a month narrows to the event of that month",
        ),
        Case(
            f"Workshop {MONTHS[workshop.month - 1]} {workshop.year}",
            OFFICE,
            "Workshop AG Digitalisierung: Anbieter im Vergleich",
            "the workshop of that month (the event), not the earlier workshop's minutes",
        ),
    ]


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
        "the minutes by their title, above their decisions and action items that "
        "repeat it (kind ranking)",
    ),
    Case(
        "Workshop AG Digitalisierung",
        OFFICE,
        WORKSHOP_MINUTES,
        "the minutes by their title, above their decisions and action items",
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
        weak="fourteen documents name the ServicePoint; decisions and action items now "
        "rank below the guides, but three other guides with shorter titles come first",
    ),
    # == issue #14: what people type when they do not know the words of the index ====
    # -- typos: corrected and shown directly ------------------------------------------
    Case(
        "Fiktionsbeschinigung",
        OFFICE2,
        FICTION_GUIDE,
        "a letter left out of a long word: corrected (two edits allowed)",
    ),
    Case(
        "Bearbeitungsreglen",
        OFFICE2,
        RULES_GUIDE,
        "two letters swapped",
    ),
    Case(
        "Angebotsvergleih",
        OFFICE,
        VENDORS_GUIDE,
        "a letter left out; the word only the reader's working group sees",
    ),
    Case(
        "Terminvergbae",
        OFFICE,
        APPOINTMENTS_GUIDE,
        "swapped letters at the end",
    ),
    Case(
        "Jugendmat",
        PARTNER,
        "Jugendamt des Landkreises Rosenfurt",
        "eight letters, one edit (a swap)",
    ),
    Case(
        "Kennzahlenschma",
        PARTNER,
        "Kennzahlenschema für den ServicePoint an alle Behörden verschicken",
        "a letter left out of an action item's title word",
    ),
    Case(
        "Formularbiblothek",
        PARTNER,
        "Beschluss 2: Protokoll: Vernetzungstreffen im Ministerium",
        "a typo of a word only a decision has",
        kind="decision",
    ),
    Case(
        "Besprechungsruam Weidenbrück",
        OFFICE,
        WORKSHOP_MINUTES,
        "one word of two misspelt: only it is corrected",
    ),
    Case(
        "Rückmeldebogn",
        BOARD,
        "Rückmeldebogen des Integrationsbeirats auswerten",
        "a letter left out, for the advisory board",
    ),
    Case(
        "Hospitaton Behörde E-Akte",
        OFFICE,
        "AG Digitalisierung: Hospitation bei einer Behörde mit E-Akte",
        "a typo among correct words",
    ),
    # -- natural questions: question and function words never empty a result ----------
    Case(
        "wie richte ich einen servicepoint ein",
        PARTNER,
        SERVICEPOINT_GUIDE,
        "'richte … ein' is 'einrichten'; 'wie', 'ich', 'einen' are function words",
    ),
    Case(
        "Wie führe ich eine Online-Terminvergabe ein?",
        OFFICE,
        APPOINTMENTS_GUIDE,
        "'führe … ein' is 'einführen', the title's verb",
    ),
    Case(
        "gibt es eine Checkliste für den ServicePoint",
        PARTNER,
        "Checkliste ServicePoint",
        "'gibt es' asks, it is not searched",
        kind="form",
    ),
    Case(
        "wo finde ich das Protokoll vom Vernetzungstreffen",
        PARTNER,
        NETWORK_MINUTES,
        "'wo finde ich' asks, it is not searched",
    ),
    Case(
        "wer ist Ansprechpartner für die E-Akte",
        OFFICE,
        "Daniel Wolf",
        "asking for a person: the project lead E-Akte first",
    ),
    Case(
        "was gibt es zur Fiktionsbescheinigung",
        OFFICE2,
        FICTION_GUIDE,
        "only function words besides the subject",
    ),
    Case(
        "wie stelle ich auf die elektronische Akte um",
        OFFICE,
        EFILE_GUIDE,
        "'elektronische Akte' and its spellings; the vendors' guide may come first",
    ),
    Case(
        "Welche Formulare gibt es auf Türkisch?",
        PARTNER,
        "Checkliste ServicePoint",
        "a question for a language version",
        kind="form",
    ),
    # -- partial matches: the best of what has some of the words -----------------------
    Case(
        "ServicePoint Besucherzahlen Wartemarken",
        PARTNER,
        SERVICEPOINT_GUIDE,
        "no item has 'Wartemarken': the guide with the other two words",
    ),
    Case(
        "Papierakten digitalisieren",
        OFFICE,
        EFILE_GUIDE,
        "the e-file guide speaks of paper files, not of 'digitalisieren'",
    ),
    Case(
        "Dienstplan Schichtwechsel Rosenfurt",
        OFFICE,
        "Dienstplan ServicePoint (intern)",
        "a word no item has, next to two that the roster guide has",
    ),
    Case(
        "Fiktionsbescheinigung Zuständigkeitswechsel",
        OFFICE2,
        FICTION_GUIDE,
        "a long word nobody wrote next to the subject",
    ),
    # ("Kennzahlen ServicePoint …" now finds the key figures themselves, rightly first)
    Case(
        "Kennzahlenschema Behörden verschicken Excel",
        PARTNER,
        "Kennzahlenschema für den ServicePoint an alle Behörden verschicken",
        "words of the action item and one nobody wrote",
    ),
    Case(
        "Kennzahlen Wartezeiten",
        PARTNER,
        "Kennzahlen: Wartezeiten",
        "the key figures' group, found by everyone, names no office",
    ),
    Case(
        "Jobcenter Ansprechpartnerin Sprechzeiten Freitag",
        PARTNER,
        "Neue Ansprechpartnerin im Jobcenter Rosenfurt",
        "the announcement has three of four words",
    ),
    # -- word variants: derivations, compounds, spellings --------------------------------
    Case(
        "Einrichtung ServicePoint",
        PARTNER,
        SERVICEPOINT_GUIDE,
        "'Einrichtung' meets 'einrichten'",
    ),
    Case(
        "Terminbuchung online",
        OFFICE,
        APPOINTMENTS_GUIDE,
        "'Terminbuchung' is a 'Terminvergabe' (lexicon), 'online' in the title",
    ),
    Case(
        "eAkte",
        OFFICE,
        VENDORS_GUIDE,
        "'eAkte' is 'E-Akte', the vendors' guide's title",
    ),
    Case(
        "E Akte Anbieter",
        OFFICE,
        VENDORS_GUIDE,
        "'E Akte' written apart",
    ),
    Case(
        "Service-Point einrichten",
        PARTNER,
        SERVICEPOINT_GUIDE,
        "'Service-Point' is 'ServicePoint'",
    ),
    Case(
        "elektronische Akte",
        OFFICE,
        EFILE_GUIDE,
        "'elektronische Akte' is the 'elektronische Ausländerakte'",
    ),
    Case(
        "Servicepoint Rückmeldungen",
        BOARD,
        FEEDBACK_GUIDE,
        "case and plural do not matter",
    ),
    Case(
        "Terminvergabesystem",
        OFFICE,
        APPOINTMENTS_GUIDE,
        "an unknown compound split against the index's words",
    ),
    # -- English ----------------------------------------------------------------------
    Case(
        "opening hours servicepoint",
        OFFICE,
        "ServicePoint Rosenfurt: geänderte Öffnungszeiten (intern)",
        "'opening hours' is 'Öffnungszeiten' (glossary)",
    ),
    Case(
        "residence permit",
        PARTNER,
        "Antrag auf Erteilung eines Aufenthaltstitels",
        "the form with the English version 'Application for a residence permit'",
        kind="form",
    ),
    Case(
        "checklist servicepoint",
        PARTNER,
        "Checkliste ServicePoint",
        "'checklist' is 'Checkliste'",
        kind="form",
    ),
    Case(
        "electronic file",
        OFFICE,
        VENDORS_GUIDE,
        "'electronic file' is 'E-Akte'; the e-file guide may come first",
    ),
    Case(
        "appointment booking",
        OFFICE,
        APPOINTMENTS_GUIDE,
        "'appointment booking' is 'Terminvergabe'",
    ),
    Case(
        "minutes networking meeting",
        PARTNER,
        NETWORK_MINUTES,
        "'minutes' and 'networking meeting' in German",
    ),
    Case(
        "naturalisation",
        OFFICE,
        "Murat Kaya",
        "'naturalisation' is 'Einbürgerung', the team lead's function",
    ),
    # -- language names ---------------------------------------------------------------
    Case(
        "Checkliste türkisch",
        PARTNER,
        "Checkliste ServicePoint",
        "the form with a Turkish version",
        kind="form",
    ),
    Case(
        "Türkçe",
        OFFICE2,
        "Checkliste ServicePoint",
        "the language's own name",
        kind="form",
    ),
    Case(
        "Turkish checklist",
        PARTNER,
        "Checkliste ServicePoint",
        "the English names of language and kind",
        kind="form",
    ),
    Case(
        "Antrag Englisch",
        PARTNER,
        "Antrag auf Erteilung eines Aufenthaltstitels",
        "the form with an English version",
        kind="form",
    ),
    Case(
        "Aufenthaltstitel English",
        OFFICE2,
        "Antrag auf Erteilung eines Aufenthaltstitels",
        "the English name of the language",
        kind="form",
    ),
    # -- people and roles ---------------------------------------------------------------
    Case(
        "Ansprechpartner E-Akte",
        OFFICE,
        "Daniel Wolf",
        "a person by function ('Projektleitung E-Akte'), not the guides on it",
    ),
    Case(
        "IT",
        OFFICE,
        "Lukas Weber",
        "a two-letter function word ('IT-Administration')",
    ),
    Case(
        "Admin",
        PARTNER,
        "Lukas Weber",
        "'Admin' is 'Administration'",
    ),
    Case(
        "Ansprechpartner Terminvergabe",
        OFFICE,
        "Elena Schmitt",
        "a person by 'Fragen Sie mich zu' topic, before the guide",
    ),
    Case(
        "Netzwerkkoordination",
        PARTNER,
        "Thomas Brenner",
        "the coordinator by function",
    ),
    Case(
        "Einbürgerung",
        PARTNER,
        "Murat Kaya",
        "the team lead for naturalisation",
    ),
    Case(
        "Kontaktperson Raumkonzept",
        OFFICE,
        "Petra Lindner",
        "a person by topic",
    ),
    # -- ranking: titles, kinds, one hit per form ------------------------------------------
    Case(
        "Online-Terminvergabe einführen",
        PARTNER,
        APPOINTMENTS_GUIDE,
        "the title as typed",
    ),
    Case(
        "Checkliste ServicePoint",
        PARTNER,
        "Checkliste ServicePoint",
        "the form's title as typed; its versions are in its hit",
        kind="form",
    ),
    Case(
        "Protokoll Workshop",
        OFFICE,
        WORKSHOP_MINUTES,
        "the minutes before their decisions and action items",
    ),
    Case(
        "Mehrsprachige Formulare",
        BOARD,
        FORMS_GUIDE,
        "a title's start",
    ),
    Case(
        "Dienstplanvorlage",
        OFFICE,
        "Dienstplanvorlage ServicePoint Rosenfurt",
        "one hit for the form, not form and document",
        kind="form",
    ),
    Case(
        "Vernetzungstreffen Protokoll",
        COORDINATOR,
        NETWORK_MINUTES,
        "the minutes before the decisions that repeat their title",
    ),
    # -- forum questions and discussions (forums: threads of the reader's audience) ------
    Case(
        "Umzug in einen anderen Kreis",
        OFFICE,
        MOVE_QUESTION,
        "a forum question by the words of its title",
    ),
    Case(
        "wie erfahrt ihr von Umzügen",
        OFFICE,
        MOVE_QUESTION,
        "a question as asked, with a plural the title has in the singular",
    ),
    Case(
        "Meldeweg Umzug",
        OFFICE,
        MOVE_QUESTION,
        "a word of the question's opening post and one of its title",
    ),
    Case(
        "verspäteter Verlängerungsantrag",
        OFFICE,
        "Fiktionsbescheinigung bei verspätetem Verlängerungsantrag",
        "a question by the end of its title, inflected differently",
    ),
    Case(
        "welche Software für die Terminvergabe",
        OFFICE,
        SOFTWARE_QUESTION,
        "a solved question; 'Terminvergabe' is a part of 'Online-Terminvergabe'",
    ),
    Case(
        "Software Online-Terminvergabe",
        OFFICE,
        SOFTWARE_QUESTION,
        "the solved question above the guide on online appointments, which lacks 'Software'",
    ),
    Case(
        "Wartezone Bürgerbüro",
        OFFICE,
        "Feedback zur Wartezone im Bürgerbüro",
        "a discussion by its title's nouns",
    ),
    Case(
        "Wartenummern Anzeige",
        OFFICE,
        "Feedback zur Wartezone im Bürgerbüro",
        "a discussion by the words of its opening post",
    ),
    Case(
        "Erfahrungen Online-Antrag",
        OFFICE,
        "Erfahrungen mit dem Online-Antrag auf Verlängerung",
        "a discussion by its title's start",
    ),
    Case(
        "Vertretungsregel ServicePoint",
        OFFICE,
        "Vertretungsregel am ServicePoint (intern)",
        "an internal discussion of the reader's group",
    ),
    Case(
        "Anbieterpräsentationen",
        OFFICE,
        "Anbieterpräsentationen E-Akte: Eindrücke",
        "a discussion of the working group by the one word of its title",
    ),
    # -- events (events: the calendar of the reader's audience) -------------------------
    Case(
        "Vernetzungstreffen Frühjahr",
        OFFICE,
        "Vernetzungstreffen im Ministerium (Frühjahr)",
        "the event whose title has both words, above the minutes of the last meeting",
    ),
    Case(
        "Sitzung Integrationsbeirat",
        OFFICE,
        "Sitzung des Integrationsbeirats mit der Ausländerbehörde",
        "an event by its title's nouns, one of them inflected",
    ),
    Case(
        "Teambesprechung ServicePoint",
        OFFICE,
        "Teambesprechung ServicePoint (intern)",
        "an internal event of the reader's group by its title",
    ),
    Case(
        "Teambesprechung",
        OFFICE,
        "Teambesprechung ServicePoint (intern)",
        "an event by the first word of its title",
    ),
    *date_cases(),
    *event_date_cases(),
]
