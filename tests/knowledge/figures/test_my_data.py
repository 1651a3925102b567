"""My data: what a person did with their office's figures is in their export."""

from knowledge.figures.models import Sharing
from knowledge.figures.wagtail_hooks import export_figure_acts


def test_the_export_holds_submitted_months_corrections_and_sharing(
    network, last_month, submit_month, share
):
    # given office staff who submitted a month, corrected it and set the sharing choice
    staff = network.office_staff
    submit_month(network.office_a, staff, last_month, besuche_gesamt=120)
    submit_month(network.office_a, staff, last_month, besuche_gesamt=125)
    share(network.office_a, staff, Sharing.NETWORK)

    # when their export section is built
    name, section = export_figure_acts(staff)

    # then it names the month, the correction from 120 to 125 and the choice
    assert name == "key_figures"
    assert [m["month"] for m in section["months_submitted"]] == [last_month]
    correction = next(c for c in section["corrections"] if c["figure"] == "besuche_gesamt")
    assert (correction["old_value"], correction["new_value"]) == (120, 125)
    assert section["sharing_choices"][0]["sharing"] == Sharing.NETWORK


def test_someone_elses_acts_are_not_in_the_export(network, last_month, submit_month):
    submit_month(network.office_a, network.office_staff, last_month)

    _, section = export_figure_acts(network.office_staff_b)

    assert section == {"months_submitted": [], "corrections": [], "sharing_choices": []}
