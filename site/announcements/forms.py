from django import forms

from abhnetz.audiences.forms import AudienceFields

from .models import Announcement


class AnnouncementForm(AudienceFields, forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.audience_initial_from(self.instance)
