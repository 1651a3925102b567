"""Front-end views of guides beyond the page itself: versions, comparison, review list.

The version views are routes of the guide page (GuidePage.serve checked the login and
the guide's audience before they run).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abhnetz.core.pagination import paginate

from .comparison import compare_guides
from .permissions import may_see_review_list
from .selectors import overdue_guides, published_versions


def version_label(version) -> str:
    return _("Version %(number)s of %(date)s") % {
        "number": version.number,
        # date_format does not convert: without localtime() the menu showed UTC
        "date": formats.date_format(
            timezone.localtime(version.published_at), "SHORT_DATETIME_FORMAT"
        ),
    }


class CompareForm(forms.Form):
    von = forms.TypedChoiceField(label=gettext_lazy("Older version"), coerce=int)
    bis = forms.TypedChoiceField(label=gettext_lazy("Newer version"), coerce=int)

    def __init__(self, data, *, versions, **kwargs):
        super().__init__(data, **kwargs)
        choices = [(version.revision.pk, version_label(version)) for version in versions]
        self.fields["von"].choices = choices
        self.fields["bis"].choices = choices
        if len(versions) >= 2:
            self.fields["von"].initial = versions[1].revision.pk
            self.fields["bis"].initial = versions[0].revision.pk

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("von") is not None and cleaned.get("von") == cleaned.get("bis"):
            self.add_error("bis", _("Choose two different versions."))
        return cleaned


def subpage_urls(request, guide) -> dict:
    return {
        "versions_url": guide.subpage_url(request, "versions"),
        "compare_url": guide.subpage_url(request, "compare"),
    }


def guide_versions(request, guide, form=None):
    versions = published_versions(guide)
    pairs = [
        {"version": version, "previous": versions[i + 1] if i + 1 < len(versions) else None}
        for i, version in enumerate(versions)
    ]
    return render(
        request,
        "guides/guide_versions.html",
        {
            "page": guide,
            "pairs": pairs,
            "form": form or CompareForm(None, versions=versions),
            "may_compare": len(versions) >= 2,
            **subpage_urls(request, guide),
        },
        status=400 if form is not None else 200,
    )


def guide_compare(request, guide):
    versions = published_versions(guide)
    form = CompareForm(request.GET, versions=versions)
    if not form.is_valid():
        return guide_versions(request, guide, form)
    by_revision = {version.revision.pk: version for version in versions}
    old, new = by_revision[form.cleaned_data["von"]], by_revision[form.cleaned_data["bis"]]
    comparison = compare_guides(old.revision.as_object(), new.revision.as_object())
    return render(
        request,
        "guides/guide_compare.html",
        {
            "page": guide,
            "old": old,
            "new": new,
            "comparison": comparison,
            **subpage_urls(request, guide),
        },
    )


def review_list(request):
    """Guides past their review date, for the network coordination."""
    if not may_see_review_list(request.user):
        raise PermissionDenied
    return render(
        request,
        "guides/review_list.html",
        {"results": paginate(request, overdue_guides(request.user))},
    )
