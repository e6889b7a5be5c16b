"""A persistent cache of the topics' PDFs, so that a rebuild prints only the topics that changed.

Printing a topic's PDF with Chromium takes seconds (53 s for 33 topics at 200 pages), and a
rebuild, or a CI deploy whose cache is kept between runs, mostly prints the same PDFs again.
`assets/hooks/pdf.py` keys each PDF by everything that determines its bytes, in two parts:

- the key (`key`): what the printed HTML document is made of (the printable page's content,
  title, address and stylesheets, the topic's title and description, the site's name, the
  landing page's address and the cover's date, the topic's last commit), the code that
  makes the document from it and prints it (the hook's, `macros/pdf.py`'s and the
  `macros/markdown.py` it writes numbers with), the versions of Chromium, Playwright and
  pypdf (which reads the contents' page numbers back) and the system's fonts. So a PDF
  from the cache costs no document: it is made only to be printed;
- the files of the built site that Chromium loaded while printing it (stylesheets, fonts,
  images, scripts), recorded as it loads them, with the SHA-256 of each: the entry is only
  used if every one of them is still the same. The same document loading the same files
  makes the same requests, so nothing it reads escapes the record.

The PDF is kept undated: the hook writes the build's date into it (SOURCE_DATE_EPOCH, which
`make build` takes from the last commit, so it moves with every commit) as it does into a
fresh printing, in place. An entry is `<key>.pdf` and `<key>.json` (the loaded files and the
PDF's size, SHA-256 and page count), each written to a temporary file and renamed into place,
the manifest last. An entry that cannot be read, does not match its manifest or whose files
changed is a miss, and the printing writes it afresh: it is never served. The build removes
the entries it did not use, so the folder holds the last build's PDFs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Bumped when what an entry holds changes: older entries are then misses.
FORMAT = 1
# The folder under the project, git-ignored (`.cache/`).
FOLDER = Path(".cache") / "pdf"


def key(*parts: str | bytes) -> str:
    """The SHA-256 of `parts`, each prefixed by its length (no two lists give the same text)."""
    digest = hashlib.sha256(f"pdf-cache {FORMAT}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """A PDF from the cache: its bytes and its page count."""

    data: bytes
    pages: int


@dataclass
class PdfCache:
    """The entries in `folder`, checked against the built site in `site`."""

    folder: Path
    site: Path
    used: set[str] = field(default_factory=set)  # the keys this build read or wrote
    _digests: dict[str, str | None] = field(default_factory=dict)

    def digest(self, path: str) -> str | None:
        """The SHA-256 of the site's file at `path` (relative), or None if it has none."""
        if path not in self._digests:
            target = self.site / path
            self._digests[path] = (
                hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else None
            )
        return self._digests[path]

    def load(self, name: str) -> Entry | None:
        """The entry `name` if it is whole and every file it loaded is unchanged, else None."""
        try:
            manifest = json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))
            loaded = manifest["loaded"]
            if manifest["format"] != FORMAT or not isinstance(loaded, dict):
                return None
            if any(self.digest(str(path)) != digest for path, digest in loaded.items()):
                return None
            data = (self.folder / f"{name}.pdf").read_bytes()
            pages = manifest["pages"]
            if (
                len(data) != manifest["size"]
                or hashlib.sha256(data).hexdigest() != manifest["sha256"]
                or not isinstance(pages, int)
            ):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, partly written or not ours: printed again
        self.used.add(name)
        return Entry(data, pages)

    def store(self, name: str, entry: Entry, loaded: Iterable[str]) -> None:
        """Keep `entry` under `name`, with the site's files that printing it loaded."""
        files = {path: self.digest(path) for path in sorted(set(loaded))}
        manifest = {
            "format": FORMAT,
            "size": len(entry.data),
            "sha256": hashlib.sha256(entry.data).hexdigest(),
            "pages": entry.pages,
            "loaded": files,
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        _write(self.folder / f"{name}.pdf", entry.data)
        _write(self.folder / f"{name}.json", json.dumps(manifest, indent=1).encode())
        self.used.add(name)

    def prune(self) -> None:
        """Remove the entries (and stray temporary files) that this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            stem = path.name.split(".", 1)[0]
            ours = path.suffix in {".pdf", ".json", ".tmp"} and len(stem) == 64
            if ours and (path.suffix == ".tmp" or stem not in self.used):
                path.unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (a temporary file renamed into place)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
