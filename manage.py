#!/usr/bin/env python
"""Django's command-line entry point for Fazhi."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    # A checkout where nothing is configured belongs to a developer or to the embedded demo: run the
    # command in development mode (a secret is generated into var/). A deployment sets SECRET_KEY or
    # DATABASE_URL, which keeps production mode, and wsgi.py and asgi.py never assume development, so
    # a server without a real secret still refuses to start.
    if "SECRET_KEY" not in os.environ and "DATABASE_URL" not in os.environ:
        os.environ.setdefault("FAZHI_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
