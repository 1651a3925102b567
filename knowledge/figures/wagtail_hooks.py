"""The figure schema in the Wagtail admin (coordinators), and the demo figures."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from abhnetz.accounts.data_services import USER_DATA_EXPORT_HOOK, exports

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


@hooks.register(USER_DATA_EXPORT_HOOK)
@exports(
    "figures.FigureMonth.submitted_by",
    "figures.FigureChange.changed_by",
    "figures.FigureSharing.updated_by",
)
def export_figure_acts(user):
    """What a person did with their office's key figures (DSGVO): the months they
    submitted, the corrections they made, the sharing choice they set. The figures
    themselves are the office's, not the person's."""
    from .models import FigureChange, FigureMonth, FigureSharing

    submitted = FigureMonth.objects.filter(submitted_by=user).select_related("organisation")
    changes = FigureChange.objects.filter(changed_by=user).select_related(
        "figure_month__organisation", "definition"
    )
    sharing = FigureSharing.objects.filter(updated_by=user).select_related("organisation")
    return (
        "key_figures",
        {
            "months_submitted": [
                {
                    "organisation": month.organisation.name,
                    "month": month.month,
                    "submitted_at": month.submitted_at,
                }
                for month in submitted.order_by("month", "pk")
            ],
            "corrections": [
                {
                    "organisation": change.figure_month.organisation.name,
                    "month": change.figure_month.month,
                    "figure": change.definition.key,
                    "old_value": change.old_value,
                    "new_value": change.new_value,
                    "changed_at": change.changed_at,
                }
                for change in changes.order_by("changed_at", "pk")
            ],
            "sharing_choices": [
                {
                    "organisation": choice.organisation.name,
                    "sharing": choice.sharing,
                    "updated_at": choice.updated_at,
                }
                for choice in sharing.order_by("pk")
            ],
        },
    )
