// Issue 30 (done when): every main screen at the three sizes the carers and leaders use (a tablet in
// landscape and in portrait, a phone), with every widget inside the screen's width and a screenshot of each
// in tests/browser/artifacts/screens-*.png to look at.
import { appState, assert, barItem, clickItem, launchBrowser, loginOnline, screenshot, seededDb, startServer, tap,
  waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';
const SIZES = [{ width: 1024, height: 768 }, { width: 768, height: 1024 }, { width: 390, height: 844 }];

// The screen as it is, at each size: every widget's rectangle inside the width, and a screenshot.
async function atEverySize(page, name) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const f = (await appState(page)).frame;
    const s = await waitFor(page, (st) => st.frame > f + 3, `${name} at ${size.width}x${size.height}`);
    const outside = Object.entries(s.items).filter(([, r]) => r[0] < 0 || r[2] > size.width)
      .map(([id, r]) => `${id} ${Math.round(r[0])}..${Math.round(r[2])}`);
    assert(outside.length === 0, `${name} at ${size.width}x${size.height}: outside the screen: ${outside.join(', ')}`);
    // Text or rows that do not wrap reach past the width without a widget of their own (the login screen is
    // not one of the full-width screens and has no such figure).
    if (s.facts.screen_overflow !== undefined)
      assert(s.facts.screen_overflow === '0', `${name} at ${size.width}x${size.height}: content reaches ` +
        `${s.facts.screen_overflow} px past the screen's width`);
    await screenshot(page, `screens-${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SIZES[0]);
  const f = (await appState(page)).frame;
  return waitFor(page, (st) => st.frame > f + 3, `${name} back at ${SIZES[0].width}x${SIZES[0].height}`);
}

async function open(page, id, screen) {
  const s = await barItem(page, id);
  await clickItem(page, s, id);
  return waitFor(page, (st) => st.facts.screen === screen, `the screen '${screen}'`);
}

export const tests = [
  {
    name: 'every main screen of a leader at 1024x768, 768x1024 and 390x844: nothing past the right edge',
    async fn() {
      const seed = seededDb();
      const server = await startServer({ db: seed.db });
      const { context, page, errors } = await launchBrowser({ viewport: SIZES[0], dpr: 1 });
      try {
        await page.goto(server.url);
        await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'login', 'the login screen');
        await atEverySize(page, 'login');
        await loginOnline(page, 'lars', PASSWORD);
        // A leader starts on the work list.
        await waitFor(page, (st) => st.facts.screen === 'work', 'the work list');
        await atEverySize(page, 'work');
        await open(page, 'nav.citizens', 'citizens');
        await atEverySize(page, 'citizens');
        await tap(page, 'citizen.Jens Pedersen');
        let s = await waitFor(page, (st) => st.facts.screen === 'citizen' && Object.keys(st.items).some((k) =>
          /^form\.[0-9a-f-]{36}$/.test(k)), 'Jens Pedersen\'s overview with his forms');
        await atEverySize(page, 'citizen');
        await tap(page, Object.keys(s.items).find((k) => /^form\.[0-9a-f-]{36}$/.test(k)));
        await waitFor(page, (st) => st.facts.screen === 'form', 'a form of his');
        await atEverySize(page, 'form');
        await open(page, 'nav.outbox', 'outbox');
        await atEverySize(page, 'outbox');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
];
