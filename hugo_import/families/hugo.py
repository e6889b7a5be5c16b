"""Hugo's own shortcodes.

- `ref`/`relref` → a link to the page's Markdown file (the link text is the page title when
  the shortcode stands on its own; inside a Markdown link, `links` resolves it).
- `figure` → the image with a pymdownx caption (`/// caption`), a link around it if given.
- `highlight` → fenced code with the same options (done before the rest, in `convert`).
- `param` → the value of the page's (else the site's) parameter, as text.
- `youtube`, `vimeo`, `x`/`tweet`, `instagram`, `gist` → a link (the site embeds nothing
  from another host).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..convert import PageContext, Spec
from ..errors import HugoImportError
from ..markdown import link
from ..shortcode_tree import Shortcode


def convert_ref(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the page named (on its own, the shortcode would print a bare URL)."""
    path = call.get("path", 0)
    target = page.page_link(path, call.line, True)
    found = page.resolver.find(path.partition("#")[0], page.content_path, page.url, ref=True)
    title = found.title if found else path
    return link(title, target) if target else title


def convert_figure(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The image, then its caption (title and caption) as a pymdownx caption block."""
    alt = call.get("alt") or call.get("caption") or call.get("title")
    image = page.image(alt, call.get("src", 0), "", call.line)
    if call.get("link"):
        target = page.page_link(call.get("link"), call.line)
        if target and image.startswith("!"):
            image = f"[{image}]({target})"
    caption = " ".join(part for part in (call.get("title"), call.get("caption")) if part)
    if call.get("attr"):
        caption += f" {call.get('attr')}"
    if not caption.strip():
        return image
    return f"{image}\n/// caption\n{caption.strip()}\n///"


def _param(values: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(values, dict):
            return None
        matches = [v for k, v in values.items() if str(k).lower() == part.lower()]
        values = matches[0] if matches else None
    return values


def convert_param(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The parameter's value, from the page's front matter (`params` too), else the site's."""
    key = call.get("name", 0)
    for values in (page.meta, page.meta.get("params") or {}, page.site.params):
        value = _param(values, key)
        if value is not None and not isinstance(value, (dict, list)):
            return str(value).lower() if isinstance(value, bool) else str(value)
    raise HugoImportError(
        f"{page.where(call.line)}: param '{key}': neither the page's front matter nor the "
        "site's params define it"
    )


def _video_link(what: str, url: str, title: str, page: PageContext, call: Shortcode) -> str:
    page.note(
        call.line, f"{call.name}: a link to {url} (the site embeds nothing from another host)"
    )
    return f"[{what}: {title}]({url})"


def convert_youtube(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the video on YouTube."""
    video = call.get("id", 0)
    title = call.get("title") or video
    return _video_link(
        "Vídeo en YouTube", f"https://www.youtube.com/watch?v={video}", title, page, call
    )


def convert_vimeo(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the video on Vimeo."""
    video = call.get("id", 0)
    title = call.get("title") or video
    return _video_link("Vídeo en Vimeo", f"https://vimeo.com/{video}", title, page, call)


def convert_x(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the post on X."""
    user, post = call.get("user", 0), call.get("id", 1)
    return _video_link(
        "Publicación en X", f"https://x.com/{user}/status/{post}", f"@{user}", page, call
    )


def convert_instagram(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the post on Instagram."""
    post = call.get("id", 0)
    url = f"https://www.instagram.com/p/{post}/"
    return _video_link("Publicación en Instagram", url, post, page, call)


def convert_gist(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the gist."""
    user, gist = call.get("user", 0), call.get("id", 1)
    return _video_link(
        "Gist", f"https://gist.github.com/{user}/{gist}", f"{user}/{gist}", page, call
    )


def convert_highlight(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """Never called: `convert` turns `highlight` into fenced code before this step."""
    return inner()


SPECS = {
    "ref": Spec("no", False, convert_ref),
    "relref": Spec("no", False, convert_ref),
    "figure": Spec("no", True, convert_figure),
    "param": Spec("no", False, convert_param),
    "youtube": Spec("no", True, convert_youtube),
    "vimeo": Spec("no", True, convert_vimeo),
    "x": Spec("no", True, convert_x),
    "tweet": Spec("no", True, convert_x),
    "twitter": Spec("no", True, convert_x),
    "instagram": Spec("no", True, convert_instagram),
    "gist": Spec("no", True, convert_gist),
    "highlight": Spec("yes", True, convert_highlight),
}
