"""Index pages of the sections whose apps have no content yet.

The navigation names all six sections from the start; until an app brings its own
index, its section explains what will be found there instead of answering 404.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

SECTIONS = {
    "forums": (
        _("Forum"),
        _("Questions, answers and discussions of the offices and partners will be listed here."),
    ),
    "events": (
        _("Events"),
        _("Networking meetings, workshops and trainings with their agendas will be listed here."),
    ),
}


def section_index(request, section: str):
    title, text = SECTIONS[section]
    return render(request, "core/section_index.html", {"title": title, "text": text})
