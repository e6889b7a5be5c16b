"""`python -m hugo_import SRC TOPIC`: import a Hugo section into docs/TOPIC/ (`make import`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import HugoImportError
from .importer import plan_import, write


def main(argv: list[str] | None = None) -> int:
    """Run the import; print the report, or one clear error line, and return the exit code."""
    parser = argparse.ArgumentParser(
        prog="make import",
        description="Import a Hugo content section (a folder with _index.md) into docs/TOPIC/.",
    )
    parser.add_argument(
        "src", metavar="SRC", help="the section's folder inside a Hugo site's content/"
    )
    parser.add_argument(
        "topic", metavar="TOPIC", help="the topic's folder name in docs/ (such as t1)"
    )
    parser.add_argument("--docs", default="docs", help="the site's docs folder (default: docs)")
    args = parser.parse_args(argv)
    try:
        plan = plan_import(Path(args.src), args.topic, Path(args.docs))
        outcome = write(plan, Path(args.docs))
    except HugoImportError as error:
        print(f"make import: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"make import: error: {error.filename or ''}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    print(plan.report.text(plan.topic))
    print(outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main())
