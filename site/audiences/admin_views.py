from wagtail.admin.views.pages.search import SearchView

from .rules import visible_pages


class AudienceSearchView(SearchView):
    """Wagtail's admin page search, limited to pages the editor may read.

    Wagtail offers no hook for its page search, so this view takes its URLs
    (site/urls.py). Both the results and the type facets are narrowed.
    """

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        user = self.request.user
        if user.is_superuser:
            return pages
        # modelsearch understands a pk__in subquery (as Wagtail's own filter uses), not EXISTS
        from wagtail.models import Page

        readable = visible_pages(user, Page.objects.all()).values_list("pk", flat=True)
        self.all_pages = self.all_pages.filter(pk__in=readable)
        return pages.filter(pk__in=readable)
