// Issue 30, item 1: a finger scrolls every screen. A swipe moves the content with the finger (at least 80 %
// of the swipe's length, as far as the screen can scroll), both ways, in portrait and landscape; a swipe
// that starts on a control scrolls just the same and changes nothing: no option chosen, no form opened.
// Real touch events (CDP Input.dispatchTouchEvent) on the real page.
import { rmSync } from 'node:fs';
import { appState, assert, launchBrowser, loginOnline, screenshot, scrollIntoView, seededDb, sleep, startServer, touch,
  touchTap, waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';

async function settle(page) {
  const f = (await waitFor(page, () => true, 'state')).frame;
  return waitFor(page, (st) => st.frame > f + 4, 'frames after the gesture');
}

// A finger put down at (x, y), moved by `dy` CSS pixels (negative: up) in 12 steps at about 60 Hz, lifted.
async function swipe(page, cdp, x, y, dy) {
  await touch(cdp, 'touchStart', [[x, y]]);
  await sleep(30);
  for (let i = 1; i <= 12; i++) {
    await touch(cdp, 'touchMove', [[x, y + (dy * i) / 12]]);
    await sleep(16);
  }
  await touch(cdp, 'touchEnd', []);
  return settle(page);
}

const scrollOf = (st) => Number(st.facts.screen_scroll);
const scrollMaxOf = (st) => Number(st.facts.screen_scroll_max);

async function toTop(page) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height * 0.7);
  await page.mouse.wheel(0, -20000);
  return waitFor(page, (st) => scrollOf(st) === 0, 'the screen at its top');
}

// Swipes up from (x, y) by `len` and back down; the screen must follow the finger both ways.
async function swipeScrolls(page, cdp, label, x, y, len, unchanged) {
  const before = await settle(page);
  const room = scrollMaxOf(before) - scrollOf(before);
  const expected = Math.min(len, room);
  assert(expected >= 0.5 * len, `${label}: the screen can scroll (room ${room} px for a ${len} px swipe)`);
  const up = await swipe(page, cdp, x, y, -len);
  const moved = scrollOf(up) - scrollOf(before);
  assert(moved >= 0.8 * expected, `${label}: a ${len} px swipe up scrolled ${moved} px (expected about ${expected})`);
  assert(moved <= len * 1.1 + 2, `${label}: the content follows the finger, not faster (${moved} px for ${len})`);
  unchanged(up, `${label} after the swipe up`);
  const down = await swipe(page, cdp, x, y - len, len);
  const back = scrollOf(up) - scrollOf(down);
  assert(back >= 0.8 * moved, `${label}: the swipe down scrolled back ${back} of ${moved} px`);
  unchanged(down, `${label} after the swipe down`);
}

const basisOf = (st) => JSON.parse(st.facts.form_content || '{}').basis;

export const tests = [
  ['portrait', { width: 768, height: 1024 }],
  ['landscape', { width: 1024, height: 768 }],
].map(([orientation, viewport]) => ({
  name: `a finger's swipe scrolls the citizen overview and the form both ways, from empty space and from controls, changing nothing (${orientation})`,
  async fn() {
    const { dir, db } = seededDb();
    const server = await startServer({ db });
    const { context, page, errors } = await launchBrowser({ touch: true, viewport, dpr: 2 });
    const cdp = await context.newCDPSession(page);
    const len = Math.round(viewport.height * 0.35);
    try {
      await page.goto(server.url);
      await loginOnline(page, 'mette', PASSWORD);
      await touchTap(page, cdp, 'citizen.Søren Ravn');
      let s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'], 'the overview');

      // The overview: from the middle of the screen, then from the "new registration" button, which a
      // swipe must not press.
      const onOverview = (st, what) => {
        assert(st.facts.screen === 'citizen', `${what}: still on the overview, not '${st.facts.screen}'`);
      };
      await toTop(page);
      await swipeScrolls(page, cdp, `${orientation} overview`, viewport.width / 2, viewport.height * 0.85, len, onOverview);
      await toTop(page);
      s = await settle(page);
      const b = s.items['registration.new.2024-1'];
      const bx = (b[0] + b[2]) / 2, by = (b[1] + b[3]) / 2;
      if (by - len > 140) {
        await swipeScrolls(page, cdp, `${orientation} overview from a button`, bx, by, Math.min(len, by - 140), onOverview);
      } else {
        // The button sits too high for a full swipe up: it must still not fire on a short one.
        await swipe(page, cdp, bx, by, -60);
        onOverview(await settle(page), `${orientation} a short swipe from the button`);
      }
      await screenshot(page, `tablet-scroll-overview-${orientation}`);

      // The form: long, so every swipe has room.
      await toTop(page);
      await touchTap(page, cdp, 'registration.new.2024-1');
      await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde' && st.items['basis=124d'],
        'the Skema 1 draft');
      await touchTap(page, cdp, 'basis=124d');
      s = await waitFor(page, (st) => basisOf(st) === '124d', 'a tap chooses § 124 d');
      const content = s.facts.form_content;
      const onForm = (st, what) => {
        assert(st.facts.screen === 'form', `${what}: still on the form`);
        assert(st.facts.form_content === content, `${what}: the form is unchanged`);
      };
      await toTop(page);
      await swipeScrolls(page, cdp, `${orientation} form`, viewport.width / 2, viewport.height * 0.85, len, onForm);
      // From a legal-basis option placed low on the screen.
      await toTop(page);
      await scrollIntoView(page, 'basis=136a', { top: viewport.height * 0.6 });
      s = await settle(page);
      const opt = s.items['basis=136a'];
      const oy = (opt[1] + opt[3]) / 2;
      const optLen = Math.min(len, oy - 140);
      assert(optLen >= 100, `${orientation}: the § 136 a option is low enough to swipe from (${oy})`);
      await swipeScrolls(page, cdp, `${orientation} form from an option`, (opt[0] + opt[2]) / 2, oy, optLen, onForm);
      assert(basisOf(await settle(page)) === '124d', 'the basis is still § 124 d');
      await screenshot(page, `tablet-scroll-form-${orientation}`);
      assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
    } catch (e) {
      await screenshot(page, `tablet-scroll-failure-${orientation}`).catch(() => {});
      const st = await appState(page).catch(() => null);
      if (st) console.log(`facts at failure: ${JSON.stringify(st.facts)}`);
      throw e;
    } finally {
      await cdp.detach().catch(() => {});
      await context.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
}));
