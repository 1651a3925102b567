"""The header's language switch, remembered for signed-in members.

Django's ``set_language`` sets the cookie the LanguageMiddleware reads. For a member
the choice is also stored in Wagtail's ``UserProfile.preferred_language`` (which the
admin follows too), so mails reach them in the language they chose
(``abhnetz.core.mail.recipients_for``).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.views.i18n import set_language


@login_not_required
def language_set(request):
    response = set_language(request)
    language = request.POST.get("language")
    user = request.user
    if request.method == "POST" and user.is_authenticated and language in dict(settings.LANGUAGES):
        from wagtail.users.models import UserProfile

        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return response
