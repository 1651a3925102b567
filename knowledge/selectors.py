from abhnetz.audiences.rules import visible_to

from .models import KnowledgePage


def knowledge_pages(user):
    """Live knowledge pages ``user`` may read, with what a listing shows (fixed queries)."""
    pages = KnowledgePage.objects.live().select_related("organisation", "content_type")
    return visible_to(user, pages).prefetch_related(
        "topics", "audience_organisations", "audience_working_groups"
    )
