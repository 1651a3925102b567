"""Organisations and working groups in the Wagtail admin (snippets, bakerydemo style).

Both are Django groups underneath: the models' ``save()`` creates the group, so an
organisation or working group made here is at once an audience key.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from abhnetz.core import hooks as shell_hooks
from abhnetz.core.navigation import NavItem

from .admin_forms import WorkingGroupAdminForm
from .models import Organisation, WorkingGroup


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "state", "city"]
    list_filter = ["kind", "state"]
    list_export = ["name", "short_name", "kind", "state", "city", "email", "phone", "website"]
    search_fields = ["name", "short_name", "city", "email_domains"]
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("state")]),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
            ],
            heading=_("Address and contact"),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("email_domains")], heading=_("Access requests")),
    ]


class WorkingGroupViewSet(SnippetViewSet):
    model = WorkingGroup
    icon = "folder-open-inverse"
    menu_label = _("Working groups")
    list_display = ["name", "status", "coordinator", "is_advisory_board"]
    list_filter = ["status", "is_advisory_board"]
    search_fields = ["name", "goal"]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("goal"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("coordinator")]),
            FieldPanel("is_advisory_board"),
            FieldPanel("members"),
        ],
        base_form_class=WorkingGroupAdminForm,
    )


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, WorkingGroupViewSet)
    menu_icon = "group"
    menu_label = _("Network")
    menu_name = "network"
    menu_order = 250


register_snippet(NetworkViewSetGroup)


@hooks.register(shell_hooks.MAIN_NAVIGATION_ITEM)
def organisations_navigation_item():
    return NavItem(_("Organisations"), "organisations:list", "/organisationen/", order=40)
