"""The admin carries the site's name."""

import re


def test_the_admin_title_names_the_site(network, client_for):
    # given an editor in the admin
    response = client_for(network.office_staff).get("/admin/")
    # then the window title and the dashboard's heading say ABH-Netz, not Wagtail
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>[^<]* - ABH-Netz</title>", html)
    assert re.search(r"<h1[^>]*>\s*ABH-Netz\s*</h1>", html)
    assert "- Wagtail</title>" not in html
