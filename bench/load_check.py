"""After a load run: is every write the server acknowledged in the database?

python -m bench.load_check load.json
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from abhnetz.announcements.models import Announcement

    with open(argv[1]) as file:
        load = json.load(file)
    titles = set(load["acknowledged_titles"])
    stored = set(
        Announcement.objects.filter(title__startswith=f"Lastlauf {load['run_id']} ").values_list(
            "title", flat=True
        )
    )
    missing = titles - stored
    sys.stdout.write(
        f"load check: {len(titles)} writes acknowledged, {len(stored)} in the database, "
        f"{len(missing)} acknowledged but missing, "
        f"{len(stored - titles)} stored without acknowledgement (the answer was lost)\n"
    )
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main(sys.argv)
