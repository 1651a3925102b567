"""The browser harness itself: axe finds violations, the request guard tells hosts apart."""

from .axe import axe_violations, format_violations
from .helpers import third_party_requests


def test_axe_reports_violations_with_their_nodes(page):
    page.set_content(
        '<!DOCTYPE html><html lang="de"><head><title>Test</title></head>'
        '<body><main><h1>Test</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "</main></body></html>"
    )
    violations = axe_violations(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert "img" in format_violations(violations)


def test_only_the_site_itself_counts_as_same_origin():
    origin = "http://localhost:8081"
    urls = [
        "http://localhost:8081/",
        "http://localhost:8081/static/vendor/kern/kern.min.css",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "blob:http://localhost:8081/1234",
        "http://localhost:8081.evil.example/x.js",
        "https://fonts.googleapis.com/css2?family=Fira+Sans",
        "http://127.0.0.1:8081/",
    ]
    assert third_party_requests(urls, origin) == urls[4:]
