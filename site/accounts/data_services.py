"""The user's own data: profile edits, the DSGVO export (Art. 15/20) and deletion (Art. 17).

Apps that store personal data extend the export and the deletion through Wagtail hooks,
so this module never imports them (architecture.md):

    @hooks.register(USER_DATA_EXPORT_HOOK)
    def export_rsvps(user):
        return "rsvps", [{"event": r.event.title, "answer": r.answer} for r in user.rsvps.all()]

    @hooks.register(BEFORE_USER_DELETE_HOOK)
    def forget_rsvps(user):
        user.rsvps.all().delete()

An export hook returns ``(key, data)`` with JSON-serialisable data (dates are fine), or
``None`` when it has nothing for this user. A delete hook runs inside the deletion's
transaction, before the user row goes; raising aborts the deletion.

Every relation that names a person (a foreign key or many-to-many to the user) is
declared by the section that exports it, ``@exports("app_label.Model.field")``;
tests/accounts/test_my_data_complete.py walks all models and fails on a relation no
section declares (DSGVO Art. 15: everything that names me), so a new app cannot forget.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from abhnetz.core import hooks as shell_hooks
from abhnetz.organisations.models import WorkingGroup

from .models import AccessRequest, Invitation, RoleGroup, User

USER_DATA_EXPORT_HOOK = shell_hooks.USER_DATA_EXPORT
BEFORE_USER_DELETE_HOOK = shell_hooks.BEFORE_USER_DELETE
EXPORT_FORMAT_VERSION = 2


def exports(*relations: str):
    """Declare the user relations (``"app_label.Model.field"``) an export section covers."""

    def mark(section):
        section.exports = frozenset(relations)
        return section

    return mark


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    function: str,
    phone: str,
    expertise: Iterable,
    expertise_note: str,
) -> User:
    """Change the directory profile a person keeps about themselves."""
    user.first_name = first_name
    user.last_name = last_name
    user.function = function
    user.phone = phone
    user.expertise_note = expertise_note
    user.save(update_fields=["first_name", "last_name", "function", "phone", "expertise_note"])
    user.expertise.set(expertise)
    return user


@exports("accounts.User_expertise.user")
def _profile(user: User) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "function": user.function,
        "phone": user.phone,
        "expertise": list(user.expertise.values_list("name", flat=True)),
        "expertise_note": user.expertise_note,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }


def _organisation(user: User) -> dict | None:
    organisation = user.organisation
    if organisation is None:
        return None
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "state": organisation.state,
        "city": organisation.city,
    }


@exports("accounts.User_groups.user")
def _roles(user: User) -> list[dict]:
    return [
        {"role": role.slug, "name": str(role.get_slug_display())}
        for role in RoleGroup.objects.filter(group__user=user).order_by("slug")
    ]


def _working_groups(user: User) -> list[dict]:
    return [
        {"name": wg.name, "status": wg.status}
        for wg in WorkingGroup.objects.filter(group__user=user).order_by("name")
    ]


def _groups(user: User) -> list[str]:
    return list(user.groups.order_by("name").values_list("name", flat=True))


@exports("account.EmailAddress.user")
def _email_addresses(user: User) -> list[dict]:
    return list(
        EmailAddress.objects.filter(user=user)
        .order_by("email")
        .values("email", "verified", "primary")
    )


@exports("mfa.Authenticator.user")
def _authenticators(user: User) -> list[dict]:
    # the type and dates only: secrets and recovery codes never leave the database
    return list(
        Authenticator.objects.filter(user=user)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    )


def _own_addresses(user: User) -> set[str]:
    addresses = {user.email.lower()}
    others = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    addresses |= {email.lower() for email in others}
    return addresses


@exports("accounts.Invitation.accepted_by")
def _invitations(user: User) -> list[dict]:
    invitations = Invitation.objects.filter(
        Q(accepted_by=user) | Q(email__in=_own_addresses(user))
    ).select_related("organisation")
    # the token's hash is a secret of the link, not data about the person
    return [
        {
            "email": invitation.email,
            "organisation": invitation.organisation.name,
            "role": invitation.role,
            "created_at": invitation.created_at,
            "expires_at": invitation.expires_at,
            "accepted_at": invitation.accepted_at,
            "revoked_at": invitation.revoked_at,
        }
        for invitation in invitations.order_by("created_at")
    ]


def _access_requests(user: User) -> list[dict]:
    requests = AccessRequest.objects.filter(email__in=_own_addresses(user)).select_related(
        "organisation"
    )
    return [
        {
            "first_name": request.first_name,
            "last_name": request.last_name,
            "email": request.email,
            "organisation": request.organisation.name if request.organisation else None,
            "message": request.message,
            "status": request.status,
            "created_at": request.created_at,
            "decided_at": request.decided_at,
            "decline_reason": request.decline_reason,
        }
        for request in requests.order_by("created_at")
    ]


@exports("accounts.Invitation.invited_by")
def _invitations_sent(user: User) -> list[dict]:
    invitations = Invitation.objects.filter(invited_by=user).select_related("organisation")
    return [
        {
            "email": invitation.email,
            "organisation": invitation.organisation.name,
            "role": invitation.role,
            "created_at": invitation.created_at,
            "accepted_at": invitation.accepted_at,
            "revoked_at": invitation.revoked_at,
        }
        for invitation in invitations.order_by("created_at", "pk")
    ]


@exports("accounts.AccessRequest.decided_by")
def _access_requests_decided(user: User) -> list[dict]:
    decided = AccessRequest.objects.filter(decided_by=user).select_related("organisation")
    # the decision is the person's act; the requester's own details stay theirs
    return [
        {
            "organisation": request.organisation.name if request.organisation else None,
            "status": request.status,
            "decided_at": request.decided_at,
            "decline_reason": request.decline_reason,
        }
        for request in decided.order_by("decided_at", "pk")
    ]


@exports("accounts.User_user_permissions.user")
def _permissions(user: User) -> list[str]:
    # given to the person directly, besides their roles (normally none)
    return sorted(
        f"{app}.{codename}"
        for app, codename in user.user_permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


@exports("organisations.WorkingGroup.coordinator")
def _coordinated_working_groups(user: User) -> list[dict]:
    return [
        {"name": group.name, "status": group.status}
        for group in WorkingGroup.objects.filter(coordinator=user).order_by("name")
    ]


@exports("wagtailcore.Page.owner", "wagtailcore.Page.locked_by")
def _pages(user: User) -> list[dict]:
    """Pages (guides, minutes, …) the person owns or has locked for editing."""
    pages = (
        Page.objects.filter(Q(owner=user) | Q(locked_by=user))
        .select_related("content_type")
        .order_by("path")
    )
    return [
        {
            "title": page.title,
            "type": str(page.content_type.name),
            "path": page.url_path,
            "owner": page.owner_id == user.pk,
            "locked": page.locked_by_id == user.pk,
            "live": page.live,
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
        }
        for page in pages
    ]


@exports("wagtailcore.Revision.user")
def _revisions(user: User) -> list[dict]:
    """Every version the person saved: of guides, minutes and other pages they wrote."""
    revisions = Revision.objects.filter(user=user).select_related("content_type")
    return [
        {
            "object": revision.object_str,
            "type": str(revision.content_type.name),
            "created_at": revision.created_at,
            "approved_go_live_at": revision.approved_go_live_at,
        }
        for revision in revisions.order_by("created_at", "pk")
    ]


@exports("wagtailcore.Comment.user", "wagtailcore.Comment.resolved_by")
def _editor_comments(user: User) -> list[dict]:
    comments = Comment.objects.filter(Q(user=user) | Q(resolved_by=user))
    return [
        {
            "text": comment.text if comment.user_id == user.pk else None,
            "written": comment.user_id == user.pk,
            "resolved": comment.resolved_by_id == user.pk,
            "created_at": comment.created_at,
            "resolved_at": comment.resolved_at,
        }
        for comment in comments.order_by("created_at", "pk")
    ]


@exports("wagtailcore.CommentReply.user")
def _editor_comment_replies(user: User) -> list[dict]:
    return [
        {"text": reply.text, "created_at": reply.created_at}
        for reply in CommentReply.objects.filter(user=user).order_by("created_at", "pk")
    ]


@exports("wagtailcore.PageSubscription.user")
def _page_subscriptions(user: User) -> list[dict]:
    subscriptions = PageSubscription.objects.filter(user=user).select_related("page")
    return [
        {
            "page": subscription.page.title,
            "comment_notifications": subscription.comment_notifications,
        }
        for subscription in subscriptions.order_by("pk")
    ]


@exports("wagtailcore.WorkflowState.requested_by", "wagtailcore.TaskState.finished_by")
def _workflow(user: User) -> dict:
    """Publication requests the person sent, and review steps they decided."""
    requested = WorkflowState.objects.filter(requested_by=user).select_related("workflow")
    decided = TaskState.objects.filter(finished_by=user).select_related("task")
    return {
        "requested": [
            {
                "workflow": state.workflow.name,
                "status": state.status,
                "created_at": state.created_at,
            }
            for state in requested.order_by("created_at", "pk")
        ],
        "decided": [
            {
                "task": state.task.name,
                "status": state.status,
                "comment": state.comment,
                "finished_at": state.finished_at,
            }
            for state in decided.order_by("finished_at", "pk")
        ],
    }


@exports("wagtailcore.PageLogEntry.user", "wagtailcore.ModelLogEntry.user", "admin.LogEntry.user")
def _history(user: User) -> list[dict]:
    """What the person did in the editing area (the audit log names them)."""
    entries = [
        {"action": entry.action, "object": entry.label, "at": entry.timestamp}
        for model in (PageLogEntry, ModelLogEntry)
        for entry in model.objects.filter(user_id=user.pk).order_by("timestamp", "pk")
    ]
    entries += [
        {
            "action": str(entry.get_action_flag_display()),
            "object": entry.object_repr,
            "at": entry.action_time,
        }
        for entry in LogEntry.objects.filter(user=user).order_by("action_time", "pk")
    ]
    return sorted(entries, key=lambda entry: entry["at"])


@exports("wagtailimages.Image.uploaded_by_user")
def _uploaded_images(user: User) -> list[dict]:
    images = get_image_model().objects.filter(uploaded_by_user=user)
    return [
        {"title": image.title, "file": image.filename, "uploaded_at": image.created_at}
        for image in images.order_by("created_at", "pk")
    ]


@exports("wagtailusers.UserProfile.user")
def _admin_preferences(user: User) -> dict | None:
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
        "submitted_notifications": profile.submitted_notifications,
        "approved_notifications": profile.approved_notifications,
        "rejected_notifications": profile.rejected_notifications,
        "updated_comments_notifications": profile.updated_comments_notifications,
        "has_avatar": bool(profile.avatar),
    }


# sections that say "none" rather than disappear when empty
ALWAYS_EXPORTED = frozenset({"organisation"})

BUILT_IN_SECTIONS = {
    "profile": _profile,
    "organisation": _organisation,
    "roles": _roles,
    "working_groups": _working_groups,
    "groups": _groups,
    "email_addresses": _email_addresses,
    "mfa_authenticators": _authenticators,
    "invitations": _invitations,
    "access_requests": _access_requests,
    "invitations_sent": _invitations_sent,
    "access_requests_decided": _access_requests_decided,
    "permissions": _permissions,
    "coordinated_working_groups": _coordinated_working_groups,
    "pages": _pages,
    "revisions": _revisions,
    "editor_comments": _editor_comments,
    "editor_comment_replies": _editor_comment_replies,
    "page_subscriptions": _page_subscriptions,
    "workflow": _workflow,
    "history": _history,
    "uploaded_images": _uploaded_images,
    "admin_preferences": _admin_preferences,
}


def declared_exports() -> frozenset[str]:
    """Every user relation some export section (built in or an app's hook) declares."""
    sections = [*BUILT_IN_SECTIONS.values(), *hooks.get_hooks(USER_DATA_EXPORT_HOOK)]
    return frozenset().union(*(getattr(section, "exports", ()) for section in sections))


def user_data_export(*, user: User) -> dict:
    """Everything ABH-Netz stores about ``user``, as a JSON-serialisable dict."""
    data: dict = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
    }
    for key, section in BUILT_IN_SECTIONS.items():
        value = section(user)
        if value is not None or key in ALWAYS_EXPORTED:
            data[key] = value
    for hook in hooks.get_hooks(USER_DATA_EXPORT_HOOK):
        result = hook(user)
        if result is None:
            continue
        key, value = result
        if key in data:
            raise ImproperlyConfigured(f"The user data export already has a section {key!r}.")
        data[key] = value
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account and the profile for good.

    What others need keeps existing without the person: announcements lose their author
    (``SET_NULL``, shown as "former member"), and so do Wagtail pages and revisions.
    """
    for hook in hooks.get_hooks(BEFORE_USER_DELETE_HOOK):
        hook(user)
    # how they came in holds their name and address: it goes with the account
    addresses = _own_addresses(user)
    for model in (AccessRequest, Invitation):
        model.objects.filter(email__in=addresses).delete()
    user.delete()
