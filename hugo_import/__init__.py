"""Import Hugo content sections into this site (`make import SRC=… TOPIC=…`).

`importer` reads and writes, `convert` converts one page through the other modules, each a
set of pure functions for one kind of construct: `frontmatter`, `protect` (code and math),
`lists`, `links` and `files`, `alerts`, `headings`, and the shortcode families in `families/`.
"""
