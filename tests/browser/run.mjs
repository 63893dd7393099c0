// Runs every tests/browser/*.test.mjs (each exports `tests`: [{name, fn}]) in order and prints
// one line per test and a closing "N passed, N failed". Exit status 1 when anything failed.
// `node run.mjs [FILE-PART [NAME-PART]]` runs only the files, and the tests, whose names contain them.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const onlyName = process.argv[3];
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs') && (!only || f.includes(only))).sort();
let passed = 0;
let failed = 0;
for (const f of files) {
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  for (const t of mod.tests) {
    if (onlyName && !t.name.includes(onlyName)) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok   ${f} › ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${f} › ${t.name} (${Date.now() - t0} ms)\n     ${String(e.stack || e).split('\n').join('\n     ')}`);
    }
  }
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
