from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site shell: home dashboard, legal pages, navigation, base templates."""

    name = "abhnetz.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import pre_save

        from .limits import guard_text_limits

        pre_save.connect(guard_text_limits, dispatch_uid="abhnetz_text_limits")
        from . import fragments

        fragments.connect()
        self.fold_german_slugs_in_the_admin()
        from . import wagtail_mail

        wagtail_mail.install()

    def fold_german_slugs_in_the_admin(self):
        # Wagtail registers its SlugInput for every SlugField of its admin forms (pages,
        # snippets); ours replaces it, with the same German folding as abhnetz.core.slugs
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .slugs import german_slug_widget

        register_form_field_override(models.SlugField, override={"widget": german_slug_widget()})
