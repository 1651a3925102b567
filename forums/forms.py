"""Forms of the forum: errors next to the field, what was typed kept."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from abhnetz.core import limits
from abhnetz.topics.models import Topic

from .models import POST_LIMIT, REASON_LIMIT, Category, ThreadKind
from .text_checks import has_words, personal_data_hits

BODY_HELP = _(
    "Markdown: *italic*, **bold**, lists, links; [[title]] links a guide. Mention someone "
    "with @ and their directory address. No client data: staff share practice, not cases."
)


class BodyMixin(forms.Form):
    """A post's text with the checks every post shares, and the data-protection hint."""

    body = forms.CharField(
        label=_("Text"),
        max_length=POST_LIMIT,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                # mention suggestions while typing "@…" (htmx); without it, type the address
                "hx-get": reverse_lazy("forums:mentions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "next .forum-suggestions",
                "hx-sync": "this:replace",
            }
        ),
        help_text=BODY_HELP,
    )
    confirm_personal_data = forms.BooleanField(
        label=_("I checked the text: it contains no client's personal data."),
        required=False,
    )

    # the hint was shown: the template then offers the confirmation
    personal_data_warning: list[str] = ()

    def __init__(self, *args, mention_scope: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # suggestions and the preview's hints are for where the text is written
        # (forums.mentions.scope_query); without it no one is suggested
        self.mention_scope = mention_scope
        attrs = self.fields["body"].widget.attrs
        if mention_scope:
            attrs["hx-get"] = f"{attrs['hx-get']}?{mention_scope}"
        else:
            for name in ("hx-get", "hx-trigger", "hx-target", "hx-sync"):
                attrs.pop(name, None)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not has_words(body):
            raise forms.ValidationError(_("Please write some text; markup alone says nothing."))
        return body

    def clean(self):
        cleaned = super().clean()
        text = " ".join(str(cleaned.get(name) or "") for name in ("title", "body"))
        hits = personal_data_hits(text)
        if hits and not cleaned.get("confirm_personal_data"):
            self.personal_data_warning = hits
            self.add_error(
                "body",
                _(
                    "This looks like a client's personal data (%(what)s). Please anonymise "
                    "it, or confirm below that it is not."
                )
                % {"what": ", ".join(hits)},
            )
        return cleaned


class ThreadForm(BodyMixin):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ThreadKind.choices,
        widget=forms.RadioSelect,
        initial=ThreadKind.QUESTION,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=limits.TITLE,
        widget=forms.TextInput(
            attrs={
                # similar questions and guides while the title is typed (htmx)
                "hx-get": reverse_lazy("forums:similar"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar-questions",
                "hx-sync": "this:replace",
            }
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People who know about these topics may be asked to answer."),
    )
    field_order = ["kind", "title", "body", "topics", "confirm_personal_data"]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not has_words(title):
            raise forms.ValidationError(_("Please give the thread a title."))
        return title


class ReplyForm(BodyMixin):
    pass


class CommentForm(BodyMixin):
    narrowed_to = forms.MultipleChoiceField(
        label=_("Show this comment only to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for everyone who may read the page."),
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {str(group.pk): group for group in groups}
        self.fields["narrowed_to"].choices = [(str(group.pk), group.name) for group in groups]

    def chosen_groups(self):
        return [self.groups[pk] for pk in self.cleaned_data.get("narrowed_to", [])]


class EditForm(BodyMixin):
    pass


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_LIMIT, required=False, widget=forms.TextInput
    )


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this post?"),
        max_length=REASON_LIMIT,
        widget=forms.TextInput,
    )


class MoveForm(ReasonForm):
    category = forms.ModelChoiceField(label=_("Move to"), queryset=Category.objects.none())

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
