"""The toolkit's sections: a heading, a short text and an ordered list of items."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ToolkitItemsBlock(blocks.StreamBlock):
    """Pages and documents in the order the editor recommends them."""

    page = blocks.PageChooserBlock(
        page_type="knowledge.KnowledgePage", label=_("Page from the knowledge base")
    )
    document = DocumentChooserBlock(label=_("Document"))


class ToolkitSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Short text"), max_length=600, required=False)
    items = ToolkitItemsBlock(label=_("Items"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Section")
