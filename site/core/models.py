from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from abhnetz.audiences.models import AudienceMixin
from abhnetz.audiences.rules import can_view
from abhnetz.core import limits

from .dashboard import dashboard_context


class SitePage(Page):
    """Base of our page types: members only unless the type says it is public.

    The page-serving URL is exempt from the login-required middleware (so the public
    landing and legal pages work); this is where the login comes back in.
    """

    public = False

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if not self.public and not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        # a direct URL answers exactly as the lists do: the same 404 as a missing page
        if isinstance(self, AudienceMixin) and not can_view(request.user, self):
            raise Http404
        return super().serve(request, *args, **kwargs)


class HomePage(SitePage):
    """The start page: a public landing for guests, the personal dashboard for members."""

    public = True
    intro = RichTextField(
        _("landing text"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        max_length=limits.TEXT,
        help_text=_("Shown to visitors who are not signed in."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["core.LegalPage", "knowledge.KnowledgeIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return TemplateResponse(request, "core/landing_page.html", {"page": self})
        return TemplateResponse(
            request, "core/home_page.html", {"page": self, **dashboard_context(request)}
        )


class LegalPage(SitePage):
    """Impressum, Datenschutz, Barrierefreiheitserklärung: public by law, edited in the admin."""

    public = True
    body = RichTextField(
        _("text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        max_length=limits.LEGAL,
    )
    show_in_footer = models.BooleanField(_("show in footer"), default=True)

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("show_in_footer")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal page")

    @classmethod
    def footer_links(cls):
        return (
            cls.objects.live()
            .filter(show_in_footer=True)
            .order_by("path")
            .only("title", "url_path", "path", "depth")
        )
