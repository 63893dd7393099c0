// Issue 30 (done when): every main screen at the three sizes the carers and leaders use (a tablet in
// landscape and in portrait, a phone), with every widget inside the screen's width and a screenshot of each
// in tests/browser/artifacts/screens-*.png to look at. Rows of a list (the overview's forms, the work
// list's items) keep their height whatever their text and must not cut a line short with the demo's texts.
import { rmSync } from 'node:fs';
import { appState, assert, barItem, clickItem, launchBrowser, loginOnline, screenshot, seededDb, startServer, tap,
  waitFor } from './lib.mjs';
import { demoServer, login, openWorkItem, submitLogin } from './workflow_lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';
const SIZES = [{ width: 1024, height: 768 }, { width: 768, height: 1024 }, { width: 390, height: 844 }];

// The screen as it is, at each size: every widget's rectangle inside the width, and a screenshot.
async function atEverySize(page, name) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const f = (await appState(page)).frame;
    const s = await waitFor(page, (st) => st.frame > f + 3, `${name} at ${size.width}x${size.height}`);
    await screenshot(page, `screens-${name}-${size.width}x${size.height}`);
    const outside = Object.entries(s.items).filter(([, r]) => r[0] < 0 || r[2] > size.width)
      .map(([id, r]) => `${id} ${Math.round(r[0])}..${Math.round(r[2])}`);
    assert(outside.length === 0, `${name} at ${size.width}x${size.height}: outside the screen: ${outside.join(', ')}`);
    // Text or rows that do not wrap reach past the width without a widget of their own (the login screen is
    // not one of the full-width screens and has no such figure).
    // One pixel is ImGui's rounding of a full-width item's edge to whole pixels, not visible.
    if (s.facts.screen_overflow !== undefined)
      assert(Number(s.facts.screen_overflow) <= 1, `${name} at ${size.width}x${size.height}: content reaches ` +
        `${s.facts.screen_overflow} px past the screen's width`);
    assert(s.facts.rows_cut === undefined, `${name} at ${size.width}x${size.height}: ${s.facts.rows_cut} rows cut a line ` +
      'short ("…")');
    // The rows of one list are all one height (from the width, never from the text).
    for (const prefix of ['work.', 'form.']) {
      const heights = new Set(Object.entries(s.items).filter(([id]) => id.startsWith(prefix) && /^(work\.\d+|form\.[0-9a-f-]{36})$/.test(id))
        .map(([, r]) => Math.round(r[3] - r[1])));
      assert(heights.size <= 1, `${name} at ${size.width}x${size.height}: the ${prefix}* rows differ in height: ${[...heights]}`);
    }
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
        // The screens the leader's work items open: the follow-up and the monthly report.
        for (const [kind, screen] of [['relatives_orientation_due', 'follow_up'], ['report_due', 'report']]) {
          await openWorkItem(page, kind);
          await waitFor(page, (st) => st.facts.screen === screen && st.facts.wf_busy === 'no', `the leader's ${screen}`, 15000);
          await atEverySize(page, screen);
          await open(page, 'nav.work', 'work');
          await waitFor(page, (st) => st.facts.wf_busy === 'no', 'Opgaver again', 15000);
        }
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
  {
    name: 'the committee\'s, the caseworker\'s and the statistics screens at the three sizes: nothing past the right edge',
    async fn() {
      const { dir, server } = await demoServer();
      // Each role in its own browser: its work list, then the screens its work items open.
      const visits = [
        { user: 'udvalg', items: [['application_undecided', 'decision'], ['acute_complaint_open', 'complaint']] },
        { user: 'sagsbehandler', items: [['action_plan_missing', 'action_plan']] },
      ];
      try {
        for (const visit of visits) {
          const { context, page, errors } = await launchBrowser({ viewport: SIZES[0], dpr: 1 });
          try {
            await login(page, server.url, visit.user);
            await atEverySize(page, `${visit.user}-work`);
            for (const [kind, screen] of visit.items) {
              await openWorkItem(page, kind);
              await waitFor(page, (st) => st.facts.screen === screen && st.facts.wf_busy === 'no', `${visit.user}: ${screen}`, 15000);
              await atEverySize(page, `${visit.user}-${screen}`);
              await open(page, 'nav.work', 'work');
              await waitFor(page, (st) => st.facts.wf_busy === 'no', `${visit.user}: Opgaver again`, 15000);
            }
            assert(errors.length === 0, `${visit.user}: no page errors: ${errors.join('; ')}`);
          } finally {
            await context.close();
          }
        }
        // Management lands on the statistics.
        const { context, page, errors } = await launchBrowser({ viewport: SIZES[0], dpr: 1 });
        try {
          await submitLogin(page, server.url, 'drift');
          await waitFor(page, (st) => st.facts.screen === 'statistics' && st.facts.stats_state === 'loaded',
            'the statistics with figures', 60000);
          await atEverySize(page, 'statistics');
          assert(errors.length === 0, `statistics: no page errors: ${errors.join('; ')}`);
        } finally {
          await context.close();
        }
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
