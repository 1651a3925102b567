from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def access_request(request):
    return render(request, "accounts/access_request.html", {})
