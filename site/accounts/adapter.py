from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Closed network: nobody signs up on their own (invitations and access requests do)."""

    def is_open_for_signup(self, request):
        return False
