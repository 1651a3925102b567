"""The admin's person chooser: pick a contact person for a guide from the directory."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class PersonChooserViewSet(ChooserViewSet):
    model = "accounts.User"
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    edit_item_text = _("Edit")
    per_page = 30

    def get_object_list(self):
        # the directory: active members only, as the front-end people list shows them
        return self.model_class.objects.filter(is_active=True).select_related("organisation")


person_chooser_viewset = PersonChooserViewSet("guides_person_chooser", url_prefix="personen")
