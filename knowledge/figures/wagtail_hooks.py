"""The figure schema in the Wagtail admin (coordinators), and the demo figures."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FigureDefinition, FigureGroup


class FigureGroupViewSet(SnippetViewSet):
    model = FigureGroup
    icon = "folder-open-inverse"
    menu_label = _("Figure groups")
    list_display = ["label", "key", "sort_order"]
    ordering = ["sort_order", "pk"]
    panels = [FieldPanel("label"), FieldPanel("key"), FieldPanel("sort_order")]


class FigureDefinitionViewSet(SnippetViewSet):
    model = FigureDefinition
    icon = "table"
    menu_label = _("Figure definitions")
    list_display = ["label", "key", "group", "kind", "required", "valid_from", "retired_from"]
    list_filter = ["group", "kind", "required"]
    search_fields = ["label", "key"]
    ordering = ["group__sort_order", "sort_order", "pk"]
    panels = [
        FieldPanel("group"),
        FieldPanel("label"),
        FieldPanel("key"),
        FieldPanel("unit"),
        FieldPanel("kind"),
        FieldPanel("check_as"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("sort_order"),
        FieldPanel("valid_from"),
        FieldPanel("retired_from"),
    ]


class FiguresViewSetGroup(SnippetViewSetGroup):
    items = (FigureGroupViewSet, FigureDefinitionViewSet)
    menu_icon = "table"
    menu_label = _("Key figures")
    menu_order = 320


register_snippet(FiguresViewSetGroup)


@hooks.register("abhnetz_seed_demo", order=50)
def seed_demo_figures(demo):
    from .demo import seed_figures

    seed_figures(demo)
