#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # No environment at all runs the embedded demo (SQLite, console e-mail).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abhnetz.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
