"""What an import did, printed on stdout when it finishes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """Everything an author should know about an import, filled in as it goes."""

    pages: list[tuple[str, str]] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    copied: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    redirects: list[tuple[str, str]] = field(default_factory=list)
    approximate: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)

    def note(self, where: str, message: str) -> None:
        """A construct converted approximately (or left out), with its file and line."""
        entry = f"{where}: {message}"
        if entry not in self.approximate:
            self.approximate.append(entry)

    def text(self, topic: str) -> str:
        """The report, one section per kind, each entry on its own line."""
        lines: list[str] = []

        def section(title: str, entries: list[str]) -> None:
            lines.append(f"{title}: {len(entries)}")
            lines.extend(f"  {entry}" for entry in entries)

        section("Pages written", [f"docs/{topic}/{t} <- {s}" for t, s in self.pages])
        section("Drafts skipped", self.drafts)
        section("Files copied", [f"docs/{topic}/{t} <- {s}" for t, s in self.copied])
        section("Missing images (shown as a placeholder with their text)", self.missing)
        section("Remote images (shown as a link)", self.remote)
        section(
            "Redirects (old URL -> new page)", [f"{old} -> {new}" for old, new in self.redirects]
        )
        section("Converted approximately", self.approximate)
        section("Pages added (not in Hugo)", [f"docs/{topic}/{t}" for t in self.added])
        dropped = [f"{key} ({count} pages)" for key, count in sorted(self.dropped.items())]
        section("Front matter keys left out (Hugo or theme settings)", dropped)
        return "\n".join(lines)
