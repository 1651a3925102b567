import re

from django.test import Client


def csp(response) -> str:
    return response["Content-Security-Policy"]


def test_front_end_policy_is_strict(network, client_for):
    for response in (Client().get("/"), client_for(network.office_staff).get("/mitteilungen/")):
        policy = csp(response)
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy


def test_admin_alone_gets_the_relaxed_policy(network, client_for):
    from allauth.mfa.models import Authenticator

    admin = network.administrator
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = client_for(admin).get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in csp(response)


def test_pages_load_nothing_from_other_hosts(network, client_for):
    html = client_for(network.office_staff).get("/").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    assert all(not url.startswith(("http://", "https://", "//")) for url in urls), urls
    assert "<style" not in html
    assert " style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # no inline scripts
