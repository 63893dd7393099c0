// Tablet layout (issue 5): in portrait (800x1280) and landscape (1280x800, 1024x768) every item of the
// top bar lies inside the screen, also offline with waiting entries (the longest texts); the citizen
// overview shows the pre-approval (decision) groups and deadlines. Screenshots kept as artefacts.
import { appState, assert, canvasStats, launchBrowser, loginOnline, screenshot, seededDb, startServer, tap,
  waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';
const BAR_ITEMS = ['status.connection', 'status.persist', 'status.sync', 'status.user', 'nav.citizens', 'nav.outbox',
  'sync.now', 'nav.lock', 'nav.logout'];

async function checkBar(page, label) {
  const { width } = page.viewportSize();
  const f = (await appState(page)).frame;
  const s = await waitFor(page, (st) => st.frame > f + 3, `frames at ${label}`);
  for (const id of BAR_ITEMS) {
    const r = s.items[id];
    if (id === 'status.sync' && !s.facts.sync_text) continue;
    assert(r, `${label}: '${id}' drawn`);
    assert(r[0] >= 0 && r[2] <= width, `${label}: '${id}' inside the screen (${r[0]}..${r[2]} of ${width})`);
  }
  const stats = await canvasStats(page);
  const shot = await screenshot(page, `layout-${label}`);
  assert(stats.nonBackgroundShare > 0.05 && stats.colours > 50, `${label}: not blank`);
  return { s, shot };
}

export const tests = [
  {
    name: 'top bar inside the screen in portrait and landscape; overview with pre-approvals and deadlines',
    async fn() {
      const seed = seededDb();
      let server = await startServer({ db: seed.db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 800, height: 1280 }, dpr: 1 });
      try {
        await page.goto(server.url);
        await loginOnline(page, 'mette', PASSWORD);
        await tap(page, 'citizen.Jens Pedersen');
        let s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.facts.citizen === 'Jens Pedersen',
          'Jens Pedersen\'s overview');
        assert(Number(s.facts.approvals) >= 1, `the § 125 decision is shown (${s.facts.approvals})`);
        assert(Object.keys(s.items).some((k) => k.startsWith('decision.')), 'a decision line drawn');
        await checkBar(page, 'portrait-800x1280-overview');
        await page.setViewportSize({ width: 1280, height: 800 });
        await checkBar(page, 'landscape-1280x800-overview');
        // Offline with entries waiting: the longest texts of the bar.
        await page.evaluate(async () => { await navigator.serviceWorker.ready; });
        await server.stop();
        await waitFor(page, (st) => st.facts.online === 'no', 'offline');
        s = await waitFor(page, (st) => Object.keys(st.items).some((k) => k.startsWith('registration.new.')),
          'a registration form offered');
        await tap(page, Object.keys(s.items).find((k) => k.startsWith('registration.new.')));
        await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_save === 'saved', 'a draft saved offline');
        await page.setViewportSize({ width: 1024, height: 768 });
        s = (await checkBar(page, 'landscape-1024x768-offline')).s;
        assert(s.facts.sync_text.includes('venter på at blive sendt'), `waiting entries in the bar: '${s.facts.sync_text}'`);
        await page.setViewportSize({ width: 800, height: 1280 });
        await checkBar(page, 'portrait-800x1280-offline');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
];
