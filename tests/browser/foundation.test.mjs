// Foundation slice through the real page: first frame with Danish text, a value written to the local
// SQLite database in IndexedDB survives a reload, and the service worker serves the app with the server down.
import { appState, assert, canvasStats, clickItem, launchBrowser, screenshot, startServer, typeText, waitFor }
  from './lib.mjs';

const ctx = {};
const VALUE = 'Stue 3 – Æblehaven, Ørnevej å';

async function readyHome(page) {
  return waitFor(page, (s) => s.facts.screen === 'home' && s.facts.storage_ready === 'yes', 'the home screen');
}

export const tests = [
  {
    name: 'first frame renders Danish text on a non-blank canvas',
    async fn() {
      ctx.server = await startServer();
      ctx.browser = await launchBrowser();
      const { page } = ctx.browser;
      await page.goto(ctx.server.url);
      const s = await readyHome(page);
      assert(s.facts.glyphs_da === 'yes', `font has æ ø å Æ Ø Å § glyphs (got ${s.facts.glyphs_da})`);
      assert(Number(s.facts.sets_in_force) >= 1, 'at least one form set is in force today');
      await waitFor(page, (st) => st.facts.online === 'yes', 'online status');
      const stats = await canvasStats(page);
      await screenshot(page, 'foundation-home');
      assert(stats.width === 2048 && stats.height === 1536, `canvas at device pixel ratio 2 (${stats.width}x${stats.height})`);
      assert(stats.nonBackgroundShare > 0.05, `canvas is not blank (${stats.nonBackgroundShare.toFixed(3)} non-background)`);
      assert(stats.colours > 50, `anti-aliased text present (${stats.colours} colours)`);
      assert(ctx.browser.errors.length === 0, `no page errors: ${ctx.browser.errors.join('; ')}`);
    },
  },
  {
    name: 'a value typed with real key events is saved to IndexedDB and survives a reload',
    async fn() {
      const { page } = ctx.browser;
      let s = await readyHome(page);
      const startsBefore = Number(s.facts.app_starts);
      await clickItem(page, s, 'home.device_name');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await typeText(page, VALUE);
      s = await appState(page);
      await clickItem(page, s, 'home.save');
      await waitFor(page, (st) => st.facts.save_state === 'saved', '"Gemt" after the IndexedDB write');
      await page.reload();
      s = await readyHome(page);
      assert(s.facts.device_name === VALUE, `device name after reload: '${s.facts.device_name}'`);
      assert(Number(s.facts.app_starts) === startsBefore + 1, `start counter ${s.facts.app_starts} = ${startsBefore} + 1`);
      await screenshot(page, 'foundation-after-reload');
    },
  },
  {
    name: 'with the server stopped the app reloads from the service worker and says it is offline',
    async fn() {
      const { page } = ctx.browser;
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
      // Make sure the worker controls the page (it claims clients on activation) before the server goes away.
      await page.reload();
      await readyHome(page);
      const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
      assert(controlled, 'page is controlled by the service worker');
      await ctx.server.stop();
      await page.reload();
      const s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.online === 'no', 'offline home screen');
      assert(s.facts.device_name === VALUE, 'local data still there offline');
      const stats = await canvasStats(page);
      await screenshot(page, 'foundation-offline');
      assert(stats.nonBackgroundShare > 0.05, 'offline render is not blank');
      await ctx.browser.context.close();
    },
  },
  {
    // Issue 27 item 8: the test hooks are the tests' own. Opened as a user opens it (no
    // window.magtregTestHooks), the app draws its frames and records none of them.
    name: 'the app a user opens records no test frames',
    async fn() {
      const server = await startServer();
      const browser = await launchBrowser({ testHooks: false });
      try {
        const { page } = browser;
        await page.goto(server.url);
        await page.waitForFunction(() => performance.getEntriesByName('magtreg-first-frame').length > 0, null,
          { timeout: 30000 });
        await page.waitForTimeout(1500);  // some ninety frames
        const recorded = await page.evaluate(() => Module.UTF8ToString(Module._magtreg_test_state()));
        assert(recorded === '{}', `no frame recorded without the tests' flag (got ${recorded.slice(0, 80)})`);
        const stats = await canvasStats(page);
        await screenshot(page, 'foundation-no-test-hooks');
        assert(stats.nonBackgroundShare > 0.05, `the app still draws (${stats.nonBackgroundShare.toFixed(3)} non-background)`);
        assert(browser.errors.length === 0, `no page errors: ${browser.errors.join('; ')}`);
      } finally {
        await browser.context.close();
        await server.stop();
      }
    },
  },
];
