"""Names of languages as people type them: German, English and the language's own.

Indexers add them to the text of a language version (``language_names("tr")`` →
"Türkisch Turkish Türkçe"), so "Checkliste türkisch", "checklist Turkish" and
"Türkçe" find the Turkish version; lexicon/synonyms.txt makes the forms equivalent
in queries as well.
"""

from __future__ import annotations

# code → (German, English, own name)
NAMES = {
    "de": ("Deutsch", "German", "Deutsch"),
    "en": ("Englisch", "English", "English"),
    "ar": ("Arabisch", "Arabic", "العربية"),
    "fa": ("Persisch", "Persian", "فارسی"),
    "prs": ("Dari", "Dari", "دری"),
    "ps": ("Paschtu", "Pashto", "پښتو"),
    "ru": ("Russisch", "Russian", "Русский"),
    "tr": ("Türkisch", "Turkish", "Türkçe"),
    "uk": ("Ukrainisch", "Ukrainian", "Українська"),
    "fr": ("Französisch", "French", "Français"),
    "es": ("Spanisch", "Spanish", "Español"),
    "it": ("Italienisch", "Italian", "Italiano"),
    "pl": ("Polnisch", "Polish", "Polski"),
    "ro": ("Rumänisch", "Romanian", "Română"),
    "bg": ("Bulgarisch", "Bulgarian", "Български"),
    "sr": ("Serbisch", "Serbian", "Srpski"),
    "hr": ("Kroatisch", "Croatian", "Hrvatski"),
    "sq": ("Albanisch", "Albanian", "Shqip"),
    "el": ("Griechisch", "Greek", "Ελληνικά"),
    "pt": ("Portugiesisch", "Portuguese", "Português"),
    "vi": ("Vietnamesisch", "Vietnamese", "Tiếng Việt"),
    "ku": ("Kurdisch", "Kurdish", "Kurdî"),
    "ti": ("Tigrinya", "Tigrinya", "ትግርኛ"),
    "so": ("Somali", "Somali", "Soomaali"),
    "zh": ("Chinesisch", "Chinese", "中文"),
    "ur": ("Urdu", "Urdu", "اردو"),
    "hi": ("Hindi", "Hindi", "हिन्दी"),
}


def language_names(code: str) -> str:
    """The language's names, space-separated ("" for an unknown code)."""
    return " ".join(dict.fromkeys(NAMES.get((code or "").lower(), ())))


def language_label(code: str) -> str:
    """The German name of the language (the code itself when unknown)."""
    names = NAMES.get((code or "").lower())
    return names[0] if names else code
