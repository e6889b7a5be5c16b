"""Print every source URL of the data module, one a line: what the link check reads.

`.github/workflows/links.yml` runs this and hands the list to lychee, so that a source
that moved or vanished is noticed even where no page links to it. Importing `macros.data`
also validates the data, so a broken data module stops the check with its own message.

Usage: python scripts/source_urls.py > sources.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run from anywhere: the data module lives in the repository, not in an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.data import SOURCES  # noqa: E402 - needs the path above


def source_urls() -> list[str]:
    """Every source URL, in the data module's order, each once."""
    return list(dict.fromkeys(source.url for source in SOURCES.values()))


def main() -> int:
    """Write the URLs to standard output."""
    sys.stdout.write("".join(f"{url}\n" for url in source_urls()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
