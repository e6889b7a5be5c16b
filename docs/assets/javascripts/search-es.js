/*
 * Accent-insensitive search highlighting on the page that a search result opens.
 *
 * With `search.highlight`, Material adds the matched query words to the result's
 * link (`?h=nucle`) and marks them on the page, comparing letters with their
 * accents: "nucle" never marks "núcleo". The search itself ignores accents (see
 * search-es-worker.js), so this marks what Material leaves out: the words that
 * start with a highlighted term once accents are ignored, but not as written.
 * Plain matches stay Material's, so no word is marked twice.
 */
(function () {
  "use strict"

  /* Letters that a reader may type without their accent */
  var VARIANTS = {
    a: "aáàâäã", e: "eéèêë", i: "iíìîï", o: "oóòôöõ", u: "uúùûü", n: "nñ", c: "cç"
  }

  /* Lower-case letters without combining marks: "Núcleo" -> "nucleo" */
  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  }

  /* Pattern matching `term` whatever the accents: "nucle" -> "n[uúùûü]cl[eéèêë]" */
  function pattern(term) {
    return Array.from(fold(term), function (letter) {
      return VARIANTS[letter]
        ? "[" + VARIANTS[letter] + "]"
        : letter.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&")
    }).join("")
  }

  /* Wrap the accented matches of `expression` in the text nodes under `root`;
     its first group is what precedes the word, its second the match itself */
  function highlight(root, expression) {
    var nodes = []
    var it = document.createNodeIterator(root, NodeFilter.SHOW_TEXT)
    for (var node = it.nextNode(); node; node = it.nextNode())
      if (node.parentElement.offsetHeight && !node.parentElement.closest("mark"))
        nodes.push(node)

    nodes.forEach(function (node) {
      var text = node.textContent
      var parts = []
      var cursor = 0
      for (var match of text.matchAll(expression)) {
        var word = match[2]
        if (word.toLowerCase() === fold(word))
          continue                     /* Written as typed: Material marks it */
        var start = match.index + match[1].length
        var mark = document.createElement("mark")
        mark.setAttribute("data-md-highlight", "")
        mark.textContent = word
        parts.push(text.slice(cursor, start), mark)
        cursor = start + word.length
      }
      if (parts.length) {
        parts.push(text.slice(cursor))
        node.replaceWith.apply(node, parts)
      }
    })
  }

  /* On every page load, including Material's instant navigation */
  document$.subscribe(function () {
    var query = new URL(location.href).searchParams.get("h")
    var root = document.querySelector("[data-md-component=content]")
    if (!query || !root)
      return

    var terms = query.split(/[\s*+\-:~^]+/).filter(Boolean)
    if (terms.length)
      highlight(root, new RegExp(
        "(^|[^\\p{L}\\p{N}])(" + terms.map(pattern).join("|") + ")", "giu"
      ))
  })
})()
