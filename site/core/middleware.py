from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils import translation


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Strict CSP everywhere; the Wagtail admin alone gets the relaxed policy it needs.

    The admin still ships inline scripts and styles (stack-notes.md), so it cannot run
    under the front end's policy; nothing else may use the admin's.
    """

    admin_prefix = "/admin/"
    # Admin addresses that render a front-end page (previews, drafts, revisions): they
    # run the front end's templates, so they get the front end's policy, framed only by
    # the admin's own preview panel.
    preview_views = frozenset(
        {
            "wagtailadmin_pages:preview_on_edit",
            "wagtailadmin_pages:preview_on_add",
            "wagtailadmin_pages:view_draft",
            "wagtailadmin_pages:revisions_view",
            "wagtailadmin_pages:workflow_preview",
        }
    )

    def process_response(self, request, response):
        if request.path_info.startswith(self.admin_prefix) and self.is_front_end_preview(
            request, response
        ):
            # Wagtail renders a preview through the middleware once more, with a dummy
            # request for the page's own URL; that pass set the front end's policy with
            # frame-ancestors 'none', which keeps the admin's preview panel from showing it.
            del response["Content-Security-Policy"]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.admin_prefix)
        ):
            if self.is_front_end_preview(request, response):
                directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
                parts.config = default_config({**directives, "frame-ancestors": [SELF]})
            else:
                parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    def is_front_end_preview(self, request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in self.preview_views:
            return False
        # "preview not available" and other answers of the admin keep the admin's policy
        names = getattr(response, "template_name", None) or ()
        names = [names] if isinstance(names, str) else names
        return not any(isinstance(n, str) and n.startswith("wagtailadmin/") for n in names)


class LanguageMiddleware:
    """German unless the member chose English in the header (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many
    office PCs ship English browsers; the network's working language is German.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
