// The service worker's update rule through the real page: the app shell is served cache-first from a cache
// named after the build (scripts/stamp_sw.py); a new build on the server is installed by the new worker as
// one set (magtreg.js and magtreg.wasm of the same build), the old cache is dropped, the next load runs the
// new build, and it starts with the server down.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, launchBrowser, ROOT, screenshot, startServer } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function started(page) {
  await page.waitForFunction(() => performance.getEntriesByName('magtreg-first-frame').length > 0, null,
    { polling: 'raf', timeout: 30000 });
}

const cacheNames = (page) => page.evaluate(() => caches.keys());
const servedJsTail = (page) => page.evaluate(async () => (await (await fetch('/magtreg.js')).text()).slice(-40));

export const tests = [
  {
    name: 'a new build replaces the cached app as one set, used from the next load, also offline',
    async fn() {
      const app = mkdtempSync(path.join(os.tmpdir(), 'magtreg-app-'));
      cpSync(path.join(ROOT, 'build/wasm/app'), app, { recursive: true });
      const server = await startServer({ appDir: app });
      const { context, page, errors } = await launchBrowser({ dpr: 1 });
      try {
        await page.goto(server.url);
        await started(page);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
          if (!navigator.serviceWorker.controller)
            await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        });
        const first = await cacheNames(page);
        assert(first.length === 1 && first[0].startsWith('magtreg-app-'), `one cache named after the build (${first})`);

        // A new build: other magtreg.js bytes, the worker re-stamped by the build step.
        appendFileSync(path.join(app, 'magtreg.js'), '\n// magtreg test build 2\n');
        execFileSync('python3', [path.join(ROOT, 'scripts/stamp_sw.py'), path.join(ROOT, 'public'), app]);
        await page.reload();
        await started(page);
        // The browser looks for a new worker after a navigation (and on update()) once the running worker
        // is idle; seen to take up to about a minute here.
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update()).catch(() => {});
        let names = [];
        for (let t0 = Date.now(); Date.now() - t0 < 150000; await sleep(1000)) {
          names = await cacheNames(page);
          if (names.length === 1 && names[0] !== first[0]) break;
        }
        assert(names.length === 1 && names[0] !== first[0],
          `the new worker installed the new set and dropped the old cache (${names})`);
        assert((await servedJsTail(page)).includes('magtreg test build 2'), 'the cache holds the new magtreg.js');

        // The next load runs the new build, and so does one with the server down.
        await page.reload();
        await started(page);
        await server.stop();
        await page.reload();
        await started(page);
        assert((await servedJsTail(page)).includes('magtreg test build 2'), 'offline: the new build from the cache');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } catch (e) {
        await screenshot(page, 'service-worker-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        server.cleanup();
        rmSync(app, { recursive: true, force: true });
      }
    },
  },
];
