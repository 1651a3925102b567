"""The building blocks of a practice guide's body.

Every block can say what it contains as plain text (``comparison_text``), which the
front-end "what changed" comparison diffs (knowledge.guides.comparison). Blocks that
choose objects (people, documents, images) load them in bulk with what they render, so
a guide's page runs the same number of queries whatever its number of blocks.
"""

import re

from django.core.validators import RegexValidator
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from abhnetz.core import limits

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ul"]

# (key, citation abbreviation, folder on gesetze-im-internet.de)
LAWS = [
    ("aufenthg", "AufenthG", "aufenthg_2004"),
    ("asylg", "AsylG", "asylvfg_1992"),
    ("beschv", "BeschV", "beschv_2013"),
    ("aufenthv", "AufenthV", "aufenthv"),
    ("stag", "StAG", "stag"),
    ("freizuegg", "FreizügG/EU", "freiz_gg_eu_2004"),
    ("sgb2", "SGB II", "sgb_2"),
    ("sgb8", "SGB VIII", "sgb_8"),
]
LAW_NAMES = {key: name for key, name, _folder in LAWS}
LAW_FOLDERS = {key: folder for key, _name, folder in LAWS}
LAW_TEXT_URL = "https://www.gesetze-im-internet.de/{folder}/__{paragraph}.html"

# "81", "16a": the numbering of German statutes
paragraph_number = RegexValidator(
    r"^\d{1,4}[a-z]?$", _("Enter a number, optionally with a letter, e.g. 81 or 16a.")
)
NBSP = "\u00a0"


def rich_text_plain(value) -> str:
    source = getattr(value, "source", value) or ""
    return " ".join(strip_tags(str(source)).split())


class RichTextBlock(blocks.RichTextBlock):
    def comparison_text(self, value) -> str:
        return rich_text_plain(value)


class StepsBlock(blocks.ListBlock):
    """Numbered steps: what to do, in order."""

    def __init__(self, **kwargs):
        child = blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("step"), max_length=200)),
                (
                    "text",
                    blocks.RichTextBlock(
                        label=_("explanation"),
                        features=SHORT_TEXT_FEATURES,
                        required=False,
                        max_length=limits.TEXT,
                    ),
                ),
            ],
            label=_("step"),
        )
        super().__init__(child, **kwargs)

    def comparison_text(self, value) -> str:
        return " ".join(
            f"{number}. {step['title']}: {rich_text_plain(step['text'])}"
            for number, step in enumerate(value, start=1)
        )

    class Meta:
        icon = "list-ol"
        template = "guides/blocks/steps.html"
        label = _("Numbered steps")


class ChecklistBlock(blocks.StructBlock):
    """What must be at hand or checked; shown as a list, not as form controls."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item"), max_length=300), label=_("items"))

    def comparison_text(self, value) -> str:
        return " ".join([value["heading"], *(f"☐ {item}" for item in value["items"])]).strip()

    class Meta:
        icon = "tasks"
        template = "guides/blocks/checklist.html"
        label = _("Checklist")


class LegalReferenceValue(blocks.StructValue):
    """A citation as German lawyers write it: "§ 81 Abs. 4 Satz 1 AufenthG"."""

    @property
    def law_name(self) -> str:
        return LAW_NAMES.get(self.get("law"), "")

    @property
    def citation(self) -> str:
        parts = [f"§{NBSP}{self.get('paragraph')}"]
        if self.get("subsection"):
            parts.append(f"Abs.{NBSP}{self['subsection']}")
        if self.get("sentence"):
            parts.append(f"Satz{NBSP}{self['sentence']}")
        parts.append(self.law_name)
        return " ".join(parts)

    @property
    def anchor(self) -> str:
        """A stable fragment id for the citation, the same in every version of the guide."""
        parts = ["norm", self.get("law"), self.get("paragraph")]
        if self.get("subsection"):
            parts += ["abs", self["subsection"]]
        if self.get("sentence"):
            parts += ["satz", str(self["sentence"])]
        return re.sub(r"[^a-z0-9-]", "", "-".join(str(p).lower() for p in parts))

    @property
    def law_url(self) -> str:
        folder = LAW_FOLDERS.get(self.get("law"))
        if not folder:
            return ""
        return LAW_TEXT_URL.format(folder=folder, paragraph=self.get("paragraph"))


class LegalReferenceBlock(blocks.StructBlock):
    law = blocks.ChoiceBlock(
        label=_("law"), choices=[(key, name) for key, name, _folder in LAWS], default="aufenthg"
    )
    paragraph = blocks.CharBlock(
        label=_("section (§)"), max_length=6, validators=[paragraph_number]
    )
    subsection = blocks.CharBlock(
        label=_("subsection (Abs.)"), max_length=6, required=False, validators=[paragraph_number]
    )
    sentence = blocks.IntegerBlock(label=_("sentence (Satz)"), min_value=1, required=False)
    note = blocks.RichTextBlock(
        label=_("what it means in practice"),
        features=SHORT_TEXT_FEATURES,
        required=False,
        max_length=limits.SHORT_TEXT,
    )

    def comparison_text(self, value) -> str:
        return f"{value.citation} {rich_text_plain(value['note'])}".strip()

    class Meta:
        icon = "doc-full"
        template = "guides/blocks/legal_reference.html"
        value_class = LegalReferenceValue
        label = _("Legal reference")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("hint", _("Hint")), ("warning", _("Warning"))],
        default="hint",
    )
    text = blocks.RichTextBlock(
        label=_("text"), features=SHORT_TEXT_FEATURES, max_length=limits.SHORT_TEXT
    )

    def comparison_text(self, value) -> str:
        label = dict(self.child_blocks["kind"].field.choices).get(value["kind"], "")
        return f"{label}: {rich_text_plain(value['text'])}"

    class Meta:
        icon = "warning"
        template = "guides/blocks/callout.html"
        label = _("Hint or warning")


class DocumentBlock(blocks.StructBlock):
    """A download. Whether the reader may see the document is decided in the page's
    context (one query for all documents); the template only shows the answer."""

    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    def comparison_text(self, value) -> str:
        document = value.get("document")
        return value.get("label") or (document.title if document else "")

    class Meta:
        icon = "doc-full-inverse"
        template = "guides/blocks/document.html"
        label = _("Document download")


class PersonChooserBlock(blocks.ChooserBlock):
    """A person from the directory, loaded with their organisation in one query."""

    @cached_property
    def target_model(self):
        from abhnetz.accounts.models import User

        return User

    @cached_property
    def widget(self):
        from .choosers import person_chooser_viewset

        return person_chooser_viewset.widget_class()

    def bulk_to_python(self, values):
        values = list(values)
        found = self.target_model.objects.select_related("organisation").in_bulk(
            [value for value in values if value is not None]
        )
        return [found.get(value) for value in values]

    class Meta:
        icon = "user"


class ContactPersonBlock(blocks.StructBlock):
    person = PersonChooserBlock(label=_("person"))
    role = blocks.CharBlock(
        label=_("ask them about"),
        max_length=200,
        required=False,
        help_text=_("E.g. 'questions about the vendor comparison'."),
    )

    def comparison_text(self, value) -> str:
        person = value.get("person")
        return " ".join(filter(None, [str(person) if person else "", value.get("role")]))

    class Meta:
        icon = "user"
        template = "guides/blocks/contact_person.html"
        label = _("Contact person")


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads the images with their renditions, so rendering them adds no query per image."""

    def bulk_to_python(self, values):
        values = list(values)
        found = self.model_class.objects.prefetch_renditions().in_bulk(
            [value for value in values if value is not None]
        )
        return [found.get(value) for value in values]


class ImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    def comparison_text(self, value) -> str:
        return " ".join(filter(None, [value.get("alt_text"), value.get("caption")]))

    class Meta:
        icon = "image"
        template = "guides/blocks/image.html"
        label = _("Image")


class GuideBodyBlock(blocks.StreamBlock):
    # rich text limits count the text, not the HTML (Wagtail's RichTextMaxLengthValidator)
    rich_text = RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        max_length=limits.BODY,
        template="guides/blocks/rich_text.html",
    )
    steps = StepsBlock()
    checklist = ChecklistBlock()
    legal_reference = LegalReferenceBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    contact_person = ContactPersonBlock()
    image = ImageBlock()


def comparison_text(block, value) -> str:
    """What a block contains, as plain text for the comparison of two versions."""
    if hasattr(block, "comparison_text"):
        return block.comparison_text(value)
    return " ".join(str(part) for part in block.get_searchable_content(value))


def documents_in(stream_value) -> list:
    """The documents the body's download blocks point to (already loaded in bulk)."""
    return [
        child.value["document"]
        for child in stream_value
        if child.block_type == "document" and child.value.get("document") is not None
    ]
