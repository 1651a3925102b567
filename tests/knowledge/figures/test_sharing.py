"""The office's own choice of who sees its figures by name."""

import pytest
from django.urls import reverse

from knowledge.figures.models import FigureSharing, Sharing

URL = reverse("figures:sharing")


def test_office_staff_choose_their_offices_sharing(network, client_for):
    client = client_for(network.office_staff)
    # the default is the most private choice
    assert client.get(URL).context["form"].initial["sharing"] == Sharing.ANONYMOUS
    response = client.post(URL, {"sharing": Sharing.OFFICES})
    assert response.status_code == 302
    choice = FigureSharing.objects.get(organisation=network.office_a)
    assert choice.sharing == Sharing.OFFICES
    assert choice.updated_by == network.office_staff


def test_an_unknown_choice_is_refused_at_the_field(network, client_for):
    response = client_for(network.office_staff).post(URL, {"sharing": "everyone<script>"})
    assert response.status_code == 200
    assert "sharing" in response.context["form"].errors
    assert not FigureSharing.objects.exists()


@pytest.mark.parametrize("person", ["partner", "board_member", "coordinator", "administrator"])
def test_only_an_offices_staff_decide(network, client_for, person):
    response = client_for(getattr(network, person)).post(URL, {"sharing": Sharing.NETWORK})
    assert response.status_code == 404
    assert not FigureSharing.objects.exists()
