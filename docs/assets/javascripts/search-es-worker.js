/*
 * Accent-insensitive, Spanish-stemmed search for Material's lunr worker.
 *
 * This file is not published on its own: assets/hooks/search_es.py appends it to
 * Material's lunr.es.min.js, which the search worker loads with importScripts()
 * when `plugins.search.lang` is `es`. It runs after lunr.es is defined and before
 * the worker builds the index, so it can extend both sides of the search:
 *
 * - Index: every token is folded (lower-case letters without diacritics, so
 *   "núcleo" is indexed as "nucleo"). Tokens keep their positions, so Material
 *   still highlights the original word ("núcleo") in the result teaser.
 * - Query: Material turns each word into a trailing-wildcard term ("nucleo*"),
 *   and lunr runs no pipeline on wildcard terms, so lunr.es's stemmer never sees
 *   them. Each such term is replaced by the Snowball stem of its folded form
 *   ("arquitecturas*" -> "arquitectur*"), kept to a prefix of the word, so the
 *   query only ever gets broader. The index keeps whole (unstemmed) words, so
 *   typing the start of a word keeps finding it.
 */
(function (lunr) {
  "use strict"

  /* Lower-case letters without combining marks: "Computación" -> "computacion" */
  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  }

  /* The search key of a query word: the Spanish stem of its folded form, cut
     back to a prefix of that form where the stemmer rewrites a suffix rather
     than removing it ("inferencia" -> "inferent" -> "inferen") */
  function key(word) {
    var folded = fold(word)
    var stem = lunr.es.stemmer(folded)
    var length = 0
    while (length < stem.length && stem[length] === folded[length])
      length++
    return length ? folded.slice(0, length) : folded
  }

  /* Pipeline function, registered so that lunr does not warn about it */
  function foldAccents(token) {
    return token.update(fold)
  }
  lunr.Pipeline.registerFunction(foldAccents, "foldAccents")

  /* Run lunr.es as before, then fold tokens at the end of both pipelines (after
     the stop word filter, whose Spanish list is written with accents). Material
     removes lunr.es's trimmer and stemmer through the same properties, which are
     kept on the wrapper. */
  var es = lunr.es
  lunr.es = Object.assign(function () {
    es.apply(this, arguments)
    this.pipeline.add(foldAccents)
    this.searchPipeline.add(foldAccents)
  }, es)

  /* Rewrite the terms of parsed queries: a term with a single trailing wildcard
     ("word*", how Material sends every plain word) becomes its key; any other
     term ("+word", "word~1", "*ord") is folded like the index, so that Material,
     which compares these terms with the matched words, finds them there too. */
  var clause = lunr.Query.prototype.clause
  lunr.Query.prototype.clause = function (spec) {
    if (typeof spec.term === "string")
      spec.term = /^[^*]+\*$/.test(spec.term)
        ? key(spec.term.slice(0, -1)) + "*"
        : fold(spec.term)
    return clause.call(this, spec)
  }
})(lunr)
