from allauth.account.adapter import DefaultAccountAdapter

from abhnetz.core.mail import send_after_commit


class AccountAdapter(DefaultAccountAdapter):
    """Closed network: nobody signs up on their own (invitations and access requests do)."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        # allauth's mails (verification, password reset) leave through the task worker too
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        send_after_commit(subject=message.subject, body=message.body, to=message.to, html=html)
