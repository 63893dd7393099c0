// The touch tests under load (issue 30, done when): runs the touch files (`tablet_touch`, `tablet_scroll`,
// `tablet_keyboard` unless named) RUNS times in a row while two other Chromium instances keep the app busy
// on a seeded server (a leader's work list and a form, swiping up and down all the time), and prints one
// line per run and a summary. Exit status 1 when any run had a failure. Not part of scripts/test.sh (about
// ten minutes a run on two cores); run it by `node tests/browser/soak.mjs [RUNS] [FILE-PART...]`.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser, loginOnline, seededDb, sleep, startServer, waitFor } from './lib.mjs';

const dir = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 10);
const parts = process.argv.length > 3 ? process.argv.slice(3) : ['tablet_touch', 'tablet_scroll', 'tablet_keyboard'];
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs') && parts.some((p) => f.includes(p))).sort();

// Two Chromium instances with the app logged in, drawing and scrolling until `stop` is set.
async function startLoad() {
  const seed = seededDb();
  const server = await startServer({ db: seed.db });
  const state = { stop: false, swipes: 0 };
  const loops = [];
  for (const user of ['lars', 'mette']) {
    const { context, page } = await launchBrowser({ touch: true, viewport: { width: 768, height: 1024 }, dpr: 1 });
    await page.goto(server.url);
    await loginOnline(page, user, 'Magtreg-demo-2026');
    await waitFor(page, (st) => st.facts.unlocked === 'yes', `${user} logged in for the load`);
    loops.push((async () => {
      for (let down = true; !state.stop; down = !down) {
        await page.mouse.move(400, 600);
        await page.mouse.wheel(0, down ? 600 : -600).catch(() => {});
        state.swipes++;
        await sleep(150);
      }
      await context.close();
    })());
  }
  return {
    state,
    async stop() {
      state.stop = true;
      await Promise.all(loops);
      await server.stop();
      seed.cleanup();
    },
  };
}

const load = await startLoad();
const failures = [];
const t0 = Date.now();
for (let run = 1; run <= runs; ++run) {
  const r0 = Date.now();
  let passed = 0;
  const failed = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    for (const t of mod.tests) {
      try {
        await t.fn();
        passed++;
      } catch (e) {
        failed.push(`${f} › ${t.name}: ${String(e.message || e).split('\n')[0]}`);
      }
    }
  }
  console.log(`run ${run}/${runs}: ${passed} passed, ${failed.length} failed (${Math.round((Date.now() - r0) / 1000)} s, ` +
    `${load.state.swipes} swipes by the load so far)`);
  for (const f of failed) console.log(`  FAIL ${f}`);
  failures.push(...failed.map((f) => `run ${run}: ${f}`));
}
await load.stop();
console.log(`soak: ${runs} runs of ${files.join(', ')} under load in ${Math.round((Date.now() - t0) / 1000)} s: ` +
  `${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
