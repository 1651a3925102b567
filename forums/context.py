from django.urls import reverse
from django.utils.translation import gettext as _


def forum_crumbs(category=None) -> list[dict]:
    crumbs = [{"url": reverse("forums:index"), "title": _("Forum")}]
    if category is not None:
        crumbs.append({"url": category.get_absolute_url(), "title": category.name})
    return crumbs
