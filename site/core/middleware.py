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

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.admin_prefix)
        ):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


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
