"""The ``payung`` command: Django's management commands under the product's own name.

``payung regions load``, ``payung demo seed``, ``payung serve``, ``payung migrate`` … all run
with Payung's settings, whichever directory they are started from.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["payung", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
