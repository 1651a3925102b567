"""German analysis of the database backend: pure functions, no database needed."""

import re
import shutil

import pytest
from django.utils.safestring import SafeString

from search import analysis
from search.analysis import (
    compound_parts,
    compound_text,
    fold,
    highlight,
    index_text,
    is_stopword,
    prefix_terms,
    query_alternatives,
    synonym_groups,
    term,
    tokens,
)
from search.query import parse


def finds(query: str, text: str) -> bool:
    """Whether ``query`` matches ``text`` the way the database backend compiles it:
    every positive clause needs one alternative, a single term in the words or their
    compound parts, a sequence as a phrase of consecutive words."""
    words = index_text(text).split()
    parts = set(compound_text(text).split())

    def has(alternative):
        if len(alternative) == 1:
            return alternative[0] in words or alternative[0] in parts
        n = len(alternative)
        return any(tuple(words[i : i + n]) == alternative for i in range(len(words)))

    # a clause without terms ("§", "die") is left out, as the backend does
    clauses = [query_alternatives(c.text, phrase=c.phrase) for c in parse(query).positive]
    clauses = [alternatives for alternatives in clauses if alternatives]
    return bool(clauses) and all(any(map(has, alternatives)) for alternatives in clauses)


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


# -- folding and stemming ----------------------------------------------------------


def test_fold_lowercases_and_folds_sharp_s_and_accents():
    assert fold("Straße") == "strasse"
    assert fold("Ausländerbehörde") == "auslanderbehorde"
    assert fold("Café") == "cafe"
    assert fold("Øresund") == "oresund"
    assert fold("İstanbul") == "istanbul"


def test_fold_keeps_letters_of_other_scripts_without_accents():
    assert fold("Москва") == "москва"
    assert fold("й") == "и"  # the breve is an accent as FTS5's remove_diacritics sees it


def test_leitfaeden_and_leitfaden_share_their_term():
    assert term("Leitfäden") == term("Leitfaden") == "leitfad"
    assert finds("Leitfäden", "Der Leitfaden zur Fiktionsbescheinigung")
    assert finds("Leitfaden", "Zwei Leitfäden für die Praxis")


@pytest.mark.parametrize("spelling", ["Auslaenderbehoerde", "Auslanderbehorde", "AUSLÄNDERBEHÖRDE"])
def test_umlaut_spellings_meet_both_ways(spelling):
    assert term(spelling) == term("Ausländerbehörde")
    assert finds(spelling, "Die Ausländerbehörde Adorf")
    assert finds("Ausländerbehörde", f"Die {spelling} Adorf")


def test_sharp_s_and_ss_meet_both_ways():
    assert term("strasse") == term("Straße")
    assert finds("strasse", "Die Straße am Amt")
    assert finds("Straße", "Die Strasse am Amt")


def test_accented_and_plain_spellings_meet():
    assert term("Café") == term("Cafe")
    assert term("Ōsaka") == term("Osaka")


def test_terms_are_lowercase_letters_and_digits_only():
    text = (
        "§ 81 Abs. 4 AufenthG: Die Fiktionsbescheinigung (Muster) gilt bis 31.12.2025; "
        "E-Mail an abh@example.org, ½ Seite, Œuvre, Москва, ١٢٣ и ÆØÅ — Straße."
    )
    for word in index_text(text).split() + compound_text(text).split():
        assert word == word.lower()
        assert word.isalnum(), word
        assert not any(c.isascii() is False and c.isdigit() for c in word), word
    latin = text.replace("Москва", "").replace(" и ", " ")
    assert re.fullmatch(r"[a-z0-9 ]+", index_text(latin) + " " + compound_text(latin))


def test_digits_of_other_scripts_become_ascii_digits():
    assert term("١٢٣") == "123"


def test_index_text_keeps_one_term_per_word_in_order_with_stopwords():
    assert index_text("Die Ausländerbehörde und der Leitfaden") == (
        "die auslanderbehord und der leitfad"
    )
    assert index_text("§ 81 Abs. 4 AufenthG") == "81 abs 4 aufenthg"
    assert index_text("E-Mail") == "e mail"
    assert index_text("") == index_text(None) == ""


def test_words_in_decomposed_unicode_stay_whole():
    decomposed = "Ausla\u0308nderbeho\u0308rde"  # ä and ö as a + combining diaeresis
    assert [t.surface for t in tokens(decomposed)] == [decomposed]
    assert term(decomposed) == term("Ausländerbehörde")


def test_tokens_give_offsets_into_the_text():
    text = "Die «Ausländerbehörde»_intern"
    found = tokens(text)
    assert [t.surface for t in found] == ["Die", "Ausländerbehörde", "intern"]
    assert all(text[t.start : t.end] == t.surface for t in found)


def test_endless_words_are_cut():
    blob = "A" * 5000
    assert len(term(blob)) <= analysis.MAX_WORD
    assert term(blob) == term(blob + "B")  # the same term on both sides


def test_terms_are_cached_per_word():
    term.cache_clear()
    index_text("Aufenthaltserlaubnis Aufenthaltserlaubnis Aufenthaltserlaubnis")
    info = term.cache_info()
    assert info.misses == 1
    assert info.hits == 2


# -- compounds ---------------------------------------------------------------------


def test_compound_text_gives_the_known_parts_of_a_word():
    assert set(compound_text("Ausländerbehörde").split()) == {term("Ausländer"), term("Behörde")}
    assert set(compound_text("Aufenthaltserlaubnis").split()) == {
        term("Aufenthalt"),
        term("Erlaubnis"),
    }
    assert set(compound_text("Fiktionsbescheinigung").split()) == {
        term("Fiktion"),
        term("Bescheinigung"),
    }


def test_compounds_are_found_by_their_parts():
    assert finds("Behörde", "Termin bei der Ausländerbehörde")
    assert finds("Behörden", "Termin bei der Ausländerbehörde")
    assert finds("Erlaubnis", "Die Aufenthaltserlaubnis wird verlängert")
    assert finds("Bescheinigung", "Eine Fiktionsbescheinigung nach § 81 AufenthG")
    assert finds("Ausländer", "Ausländerbehörde")
    assert not finds("Behörde", "Termin beim Jobcenter")


def test_compounds_in_ae_oe_ue_spelling_are_split_too():
    assert set(compound_text("Auslaenderbehoerde").split()) == {
        term("Ausländer"),
        term("Behörde"),
    }
    assert finds("Behörde", "Die Auslaenderbehoerde")
    assert finds("Behoerde", "Die Ausländerbehörde")


def test_inflected_compounds_are_split():
    assert term("Leitfaden") in compound_text("Verfahrensleitfäden").split()
    assert term("Behörde") in compound_text("Ausländerbehörden").split()
    assert term("Beschluss") in compound_text("Sitzungsbeschlüsse").split()


def test_a_word_is_not_split_into_itself():
    assert compound_text("Behörde") == ""
    assert compound_text("Behörden") == ""  # its own term already matches
    assert compound_text("und die") == ""


def test_compound_parts_shorter_than_four_letters_are_ignored(monkeypatch):
    monkeypatch.setattr(analysis, "_compound_words", lambda: ("Amt", "Behörde"))
    analysis._compound_table.cache_clear()
    analysis._part_terms.cache_clear()
    try:
        assert compound_text("Jugendamt") == ""
        assert compound_text("Ausländerbehörde") == term("Behörde")
    finally:
        analysis._compound_table.cache_clear()
        analysis._part_terms.cache_clear()


def test_compound_lexicon_lists_the_parts_of_the_field():
    parts = compound_parts()
    for part in [
        "Behörde",
        "Ausländer",
        "Aufenthalt",
        "Erlaubnis",
        "Fiktion",
        "Bescheinigung",
        "Duldung",
        "Einbürgerung",
        "Leitfaden",
        "Protokoll",
        "Staatsangehörigkeit",
    ]:
        assert part in parts
    assert 150 <= len(parts) <= 300
    assert len(parts) == len(set(parts))
    assert all(len(p) >= analysis.MIN_PART and p.isalpha() for p in parts)


def test_compound_lexicon_avoids_parts_hidden_in_everyday_words():
    # "Haft" would sit in "Gesellschaft", "Fall" in "gegebenenfalls"
    for word in ["Gesellschaft", "gegebenenfalls", "Spezialisten", "spätestens"]:
        assert compound_text(word) == "", word


# -- stopwords ---------------------------------------------------------------------


def test_stopwords_fold_before_checking():
    assert is_stopword("die")
    assert is_stopword("DIE")
    assert is_stopword("für")
    assert is_stopword("fuer")
    assert is_stopword("über")
    assert is_stopword("dass")
    assert is_stopword("daß")


@pytest.mark.parametrize("word", ["Abs", "Nr", "Satz", "AufenthG", "Behörde", "81"])
def test_words_of_legal_references_are_no_stopwords(word):
    assert not is_stopword(word)


def test_a_clause_of_stopwords_matches_nothing_unless_quoted():
    assert query_alternatives("die") == []
    assert query_alternatives("die", phrase=True) == [("die",)]
    assert query_alternatives("Die Ausländerbehörde", phrase=True)[0] == (
        "die",
        "auslanderbehord",
    )


def test_a_word_with_several_parts_keeps_inner_stopwords_for_its_phrase():
    # the edges lose their stopwords ("hin", "und"), the inside keeps them
    assert query_alternatives("hin-und-Her") == [("her",)]
    assert query_alternatives("Kinder-und-Jugendhilfe")[0] == (
        term("Kinder"),
        "und",
        term("Jugendhilfe"),
    )
    assert query_alternatives("und-Jugendhilfe")[0] == (term("Jugendhilfe"),)


# -- synonyms and query alternatives -------------------------------------------------


def test_abbreviations_expand_to_their_long_form_and_back():
    assert query_alternatives("AufenthG") == [("aufenthg",), ("aufenthaltsgesetz",)]
    assert query_alternatives("Aufenthaltsgesetz") == [("aufenthaltsgesetz",), ("aufenthg",)]
    assert query_alternatives("ABH") == [("abh",), (term("Ausländerbehörde"),)]
    # the abbreviation first; the English glossary's names of the office follow
    assert query_alternatives("Ausländerbehörde")[1] == ("abh",)


def test_multi_word_synonyms_expand_both_ways():
    assert query_alternatives("eAT") == [
        ("eat",),
        (term("elektronischer"), term("Aufenthaltstitel")),
    ]
    assert ("eat",) in query_alternatives("elektronischer Aufenthaltstitel", phrase=True)
    # inflected forms analyse alike
    assert ("eat",) in query_alternatives("elektronischen Aufenthaltstitels", phrase=True)
    assert (term("bamf"),) in query_alternatives(
        "Bundesamt für Migration und Flüchtlinge", phrase=True
    )


def test_synonyms_are_found_in_the_text():
    assert finds("eAT", "Der elektronische Aufenthaltstitel wird beantragt")
    assert finds('"elektronischer Aufenthaltstitel"', "Ausgabe des eAT")
    assert finds("ABH", "Die Ausländerbehörde Adorf")
    assert finds("Auslaenderbehoerde", "Frag die ABH")
    assert finds("BAMF", "beim Bundesamt für Migration und Flüchtlinge")
    assert not finds("BAMF", "beim Bundesamt für Justiz")


def test_a_run_inside_a_phrase_is_replaced_by_each_variant():
    assert query_alternatives("§ 81 AufenthG", phrase=True) == [
        ("81", "aufenthg"),
        ("81", "aufenthaltsgesetz"),
    ]
    assert query_alternatives("81 Abs. 4 AufenthG", phrase=True) == [
        ("81", "abs", "4", "aufenthg"),
        ("81", "abs", "4", "aufenthaltsgesetz"),
    ]


def test_legal_references_are_found():
    text = "Nach § 81 Abs. 4 Aufenthaltsgesetz gilt der Titel fort."
    assert finds('"§ 81 Abs. 4 AufenthG"', text)
    assert finds('"81 Abs. 4 AufenthG"', text)
    assert finds("§ 81 AufenthG", text)
    assert not finds('"§ 82 AufenthG"', text)


def test_a_word_of_several_tokens_is_one_alternative():
    assert query_alternatives("E-Mail") == [("e", "mail")]
    assert query_alternatives("SGB-II")[0] == ("sgb", "ii")
    assert (term("Bürgergeld"),) in query_alternatives("SGB-II")


def test_synonym_groups_are_the_raw_lines():
    groups = synonym_groups()
    assert ["AufenthG", "Aufenthaltsgesetz"] in groups
    assert ["ABH", "Ausländerbehörde"] in groups
    assert ["eAT", "elektronischer Aufenthaltstitel"] in groups
    assert ["FreizügG", "Freizügigkeitsgesetz"] in groups
    assert ["BAMF", "Bundesamt für Migration und Flüchtlinge"] in groups
    assert len(groups) >= 20


def test_synonym_file_is_valid_for_elasticsearch():
    lines = [
        line
        for line in (analysis.LEXICON / "synonyms.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) == len(synonym_groups())
    for line in lines:
        variants = [v.strip() for v in line.split(",")]
        assert len(variants) >= 2, line
        for variant in variants:
            assert re.fullmatch(r"[^\W_]+( [^\W_]+)*", variant), line


def test_synonym_changes_take_effect_at_once(tmp_path, monkeypatch):
    for name in ("compounds.txt", "stopwords.txt", "synonyms.txt"):
        shutil.copy(analysis.LEXICON / name, tmp_path / name)
    monkeypatch.setattr(analysis, "LEXICON", tmp_path)
    assert query_alternatives("Zuzug") == [("zuzug",)]
    with (tmp_path / "synonyms.txt").open("a", encoding="utf-8") as f:
        f.write("Zuzug, Einwanderung\n")
    assert query_alternatives("Zuzug") == [("zuzug",), (term("Einwanderung"),)]
    assert ["Zuzug", "Einwanderung"] in synonym_groups()


def test_one_way_rules_are_skipped(tmp_path, monkeypatch):
    (tmp_path / "synonyms.txt").write_text(
        "# comment\nAbc => Def\n\nGhi,  Jkl  # trailing\n", encoding="utf-8"
    )
    monkeypatch.setattr(analysis, "LEXICON", tmp_path)
    assert synonym_groups() == [["Ghi", "Jkl"]]
    assert query_alternatives("Abc") == [("abc",)]


# -- prefixes ----------------------------------------------------------------------


def test_prefix_terms_cover_folded_and_stemmed_forms():
    assert prefix_terms("Leitfäde") == {"leitfade", "leitfad"}
    assert term("Leitfäden").startswith("leitfad")
    assert prefix_terms("Straß") >= {"strass"}


def test_prefix_in_ae_spelling_reaches_the_umlaut_term():
    prefixes = prefix_terms("Auslaend")
    assert any(term("Ausländerbehörde").startswith(p) for p in prefixes)
    assert any(term("Auslaenderbehoerde").startswith(p) for p in prefixes)


# -- highlighting ------------------------------------------------------------------


def test_highlight_marks_whole_words_with_umlauts():
    text = "Termin bei der Ausländerbehörde in Adorf"
    for query in ["Auslaenderbehoerde", "Ausländerbehörde", "Behörde", "Behoerde", "ABH"]:
        html = highlight(text, parse(query))
        assert marked(html) == ["Ausländerbehörde"], query


def test_highlight_marks_stems_compounds_and_synonyms():
    text = "Zwei Leitfäden zum AufenthG und eine Aufenthaltserlaubnis"
    assert marked(highlight(text, parse("Leitfaden"))) == ["Leitfäden"]
    assert marked(highlight(text, parse("Erlaubnis"))) == ["Aufenthaltserlaubnis"]
    assert marked(highlight(text, parse("Aufenthaltsgesetz"))) == ["AufenthG"]


def test_highlight_marks_a_phrase_as_one_stretch():
    text = "Den elektronischen Aufenthaltstitel beantragen; der Titel gilt."
    html = highlight(text, parse("eAT"))
    assert marked(html) == ["elektronischen Aufenthaltstitel"]
    html = highlight("Nach § 81 Abs. 4 AufenthG und § 810", parse('"81 Abs. 4 AufenthG"'))
    assert marked(html) == ["81 Abs. 4 AufenthG"]


def test_highlight_marks_a_stopword_only_inside_the_phrase():
    text = "Antrag auf Verlängerung, auf Papier"
    assert marked(highlight(text, parse('"Antrag auf Verlängerung"'))) == [
        "Antrag auf Verlängerung"
    ]
    assert marked(highlight(text, parse("die auf"))) == []


def test_highlight_never_marks_negated_clauses():
    text = "Ausländerbehörde und Jobcenter"
    assert marked(highlight(text, parse("Jobcenter -Behörde"))) == ["Jobcenter"]
    assert marked(highlight(text, parse("-Behörde"))) == []


def test_highlight_marks_the_unfinished_last_word_by_prefix():
    text = "Leitfäden zur Fiktionsbescheinigung"
    assert marked(highlight(text, parse("Leitfäd"))) == ["Leitfäden"]
    assert marked(highlight(text, parse("Fiktionsb"))) == ["Fiktionsbescheinigung"]
    assert marked(highlight(text, parse("Fiktionsb"), prefix=False)) == []
    # numbers match whole: "§ 81" must not mark "§ 810"
    assert marked(highlight("§ 810 und § 81", parse("81"))) == ["81"]


def test_highlight_escapes_the_text():
    text = '<script>alert("Behörde")</script> & Ausländerbehörde'
    html = highlight(text, parse("Behörde"))
    assert isinstance(html, SafeString)
    assert "<script>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;<mark>Behörde</mark>&quot;)&lt;/script&gt; &amp; "
        "<mark>Ausländerbehörde</mark>"
    )
    assert highlight("<b>x</b>", parse("")) == "&lt;b&gt;x&lt;/b&gt;"
    assert highlight("", parse("x")) == ""


def test_snippet_is_cut_around_the_first_match_at_word_boundaries():
    before = " ".join(f"Vorwort{i}" for i in range(100))
    after = " ".join(f"Nachwort{i}" for i in range(100))
    text = f"{before} Die Fiktionsbescheinigung gilt fort. {after}"
    html = highlight(text, parse("Bescheinigung"), limit=120)
    assert html.startswith("… Vorwort")
    assert html.endswith(" …")
    assert marked(html) == ["Fiktionsbescheinigung"]
    inner = html.removeprefix("… ").removesuffix(" …")
    words = re.sub(r"</?mark>", "", inner).split()
    assert all(w in text.split() for w in words)  # no word was cut
    assert 80 <= len(re.sub(r"</?mark>", "", inner)) <= 120
    # centred: about as much text before the match as after it
    left, right = re.sub(r"</?mark>", "", inner).split("Fiktionsbescheinigung")
    assert abs(len(left) - len(right)) < 30


def test_snippet_without_a_match_is_the_start_of_the_text():
    text = " ".join(f"Wort{i}" for i in range(100))
    html = highlight(text, parse("Behörde"), limit=50)
    assert html.startswith("Wort0 Wort1")
    assert html.endswith(" …")
    assert len(html) <= 52
    assert highlight("Kurzer Text", parse("Behörde"), limit=50) == "Kurzer Text"


def test_snippet_at_the_end_of_the_text_and_with_entities():
    text = " ".join("A&B" for _ in range(60)) + " <Ausländerbehörde>"
    html = highlight(text, parse("ABH"), limit=40)
    assert html.startswith("… A&amp;B")
    assert html.endswith("&lt;<mark>Ausländerbehörde</mark>&gt;")
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", html)  # no broken entity


def test_snippet_collapses_line_breaks():
    text = "Erste Zeile\n\n\nDie   Ausländerbehörde\tantwortet"
    assert highlight(text, parse("Behörde"), limit=200) == (
        "Erste Zeile Die <mark>Ausländerbehörde</mark> antwortet"
    )


# -- derivations and separable verbs (issue #14) -------------------------------------


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("digitalisieren", "Digitalisierung", "digital", "digitalisiert"), True),
        (("buchen", "Buchung", "Buchungen"), True),
        (("registrieren", "Registrierung", "registriert"), True),
        (("Lösung", "los"), False),  # too short a root: not derived
    ],
)
def test_derived_words_share_a_root(words, same):
    from search.analysis import root

    roots = {root(word) for word in words}
    assert (len(roots) == 1) is same, roots


def test_derived_text_holds_the_roots_that_differ_from_the_terms():
    from search.analysis import derived_text, root

    assert derived_text("Die Digitalisierung der Buchung") == f"{root('digital')} buch"
    assert derived_text("digital buchen") == ""


def test_a_separable_verb_written_apart_joins():
    from search.analysis import joined_verb_term

    assert joined_verb_term("ein", "richte") == term("einrichten")
    assert joined_verb_term("ein", "führe") == term("einführen")
