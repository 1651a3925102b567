"""The knowledge base under /wissen/: its index and the base of every knowledge page.

Guides, minutes and the other page types of the knowledge sub-apps derive from the
concrete ``KnowledgePage``, so one table holds what all of them share (summary,
topics, organisation, audience) and the listing, topic pages and feeds query them
together with a fixed number of queries.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel

from abhnetz.audiences.models import PageAudienceMixin
from abhnetz.audiences.panels import AudiencePageForm, audience_panel
from abhnetz.core import limits
from abhnetz.core.models import SitePage
from abhnetz.core.pagination import COUNT_CAP, paginate


class KnowledgeIndexPage(SitePage):
    """/wissen/: everything in the knowledge base the reader may see."""

    intro = models.TextField(_("introduction"), blank=True, max_length=limits.SHORT_TEXT)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        from .forms import KnowledgeFilterForm
        from .selectors import filtered_knowledge_pages

        context = super().get_context(request, *args, **kwargs)
        form = KnowledgeFilterForm(request.GET, user=request.user)
        pages = filtered_knowledge_pages(request.user, **form.filters())
        context["filter_form"] = form
        context["is_filtered"] = form.is_filtered
        # counted up to the cap (issue #15): 20,000 guides through the audience rule cost
        # more than the page; "more than 1,000 pages" asks for a filter instead
        context["results"] = paginate(request, pages, cap=COUNT_CAP)
        context["count_cap"] = COUNT_CAP
        context["sections"] = self.sections(request.user)
        # the knowledge index links the register views of its sub-apps
        from .guides.permissions import may_see_review_list

        context["may_see_review_list"] = may_see_review_list(request.user)
        from .guides.permissions import guide_add_url, may_create_guide

        context["create_guide_url"] = (
            guide_add_url(self) if may_create_guide(request.user, self) else ""
        )
        return context

    def sections(self, user) -> list:
        """The index's section pages (forms library, toolkit, working groups) the reader may open.

        Section pages are the live children that are not themselves knowledge content,
        plus knowledge pages such as the toolkit that the reader's audience admits.
        Only children of a section type are loaded: the index holds thousands of guides
        and minutes, and building each one (with its StreamField) to drop it made
        /wissen/ seven times slower at 2,000 guides (issue #15, docs/performance.md).
        """
        from abhnetz.audiences.rules import visible_to

        children = list(
            self.get_children().live().filter(content_type__in=section_types()).specific()
        )
        knowledge = [child.pk for child in children if isinstance(child, KnowledgePage)]
        visible = (
            set(
                visible_to(user, KnowledgePage.objects.filter(pk__in=knowledge)).values_list(
                    "pk", flat=True
                )
            )
            if knowledge
            else set()
        )
        return [
            child
            for child in children
            if not isinstance(child, KnowledgePage) or child.pk in visible
        ]


def section_types() -> list:
    """Content types of the pages the index shows as sections (cached by Django)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    models_ = [
        model
        for model in get_page_models()
        if not issubclass(model, KnowledgePage) or model.is_section
    ]
    return list(ContentType.objects.get_for_models(*models_).values())


class KnowledgePage(PageAudienceMixin, SitePage):
    """What every knowledge page has: a summary, topics, an organisation, an audience."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences: what readers find here and for whom."),
    )
    topics = ParentalManyToManyField("topics.Topic", verbose_name=_("topics"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("authoring organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = AudiencePageForm
    content_panels = [
        *SitePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("topics"),
        FieldPanel("organisation"),
        audience_panel(),
    ]
    is_creatable = False

    class Meta:
        verbose_name = _("knowledge page")

    # a knowledge page that is an entry point of the index (the toolkit), not an article
    is_section = False

    def get_context(self, request, *args, **kwargs):
        from .permissions import may_edit_page

        context = super().get_context(request, *args, **kwargs)
        # "Bearbeiten" for those Wagtail lets edit this page, in the admin
        context["edit_url"] = (
            reverse("wagtailadmin_pages:edit", args=[self.pk])
            if may_edit_page(request.user, self)
            else ""
        )
        return context

    @property
    def kind_label(self) -> str:
        """Guide, minutes …: from the content type a listing already selected."""
        return self.content_type.model_class()._meta.verbose_name
