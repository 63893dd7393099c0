// Issue 15, item 1: a touch that moves is a scroll and never a tap. A drag that starts on a legal-basis
// option must leave the chosen basis as it was (it changed § 124 d to § 136 a and autosaved it), while a
// tap on the same option still chooses it. Real touch events (CDP Input.dispatchTouchEvent), in portrait and in landscape.
import { rmSync } from 'node:fs';
import { assert, launchBrowser, loginOnline, screenshot, scrollIntoView, seededDb, sleep, startServer, touch, touchTap,
  waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';

// A finger put down on the widget and moved up by `dy` CSS pixels in small steps, then lifted.
async function dragFrom(page, cdp, id, dy) {
  const s = await scrollIntoView(page, id, { top: 300 });
  const r = s.items[id];
  const x = (r[0] + r[2]) / 2, y = (r[1] + r[3]) / 2;
  await touch(cdp, 'touchStart', [[x, y]]);
  await sleep(40);
  for (let i = 1; i <= 10; i++) {
    await touch(cdp, 'touchMove', [[x, y - (dy * i) / 10]]);
    await sleep(30);
  }
  await touch(cdp, 'touchEnd', []);
  const f = (await waitFor(page, () => true, 'state')).frame;
  await waitFor(page, (st) => st.frame > f + 3, 'frames after the drag');
}

const basisOf = (st) => JSON.parse(st.facts.form_content || '{}').basis;

export const tests = [
  ['portrait', { width: 768, height: 1024 }],
  ['landscape', { width: 1024, height: 768 }],
].map(([orientation, viewport]) => ({
    name: `a drag that starts on a legal-basis option scrolls and never changes the basis; a tap chooses it (${orientation})`,
    async fn() {
      const { dir, db } = seededDb();
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ touch: true, viewport, dpr: 2 });
      const cdp = await context.newCDPSession(page);
      try {
        await page.goto(server.url);
        await loginOnline(page, 'mette', PASSWORD);
        await waitFor(page, (st) => st.items['citizen.Søren Ravn'], 'the citizen list');
        await touchTap(page, cdp, 'citizen.Søren Ravn');
        await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'], 'Skema 1 offered');
        await touchTap(page, cdp, 'registration.new.2024-1');
        await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the Skema 1 draft');

        await touchTap(page, cdp, 'basis=124d');
        let s = await waitFor(page, (st) => basisOf(st) === '124d', 'a tap chooses § 124 d');

        // Drags starting on other options, both directions: the basis stays § 124 d.
        for (const [option, dy] of [['basis=136a', 120], ['basis=124c', -120], ['basis=136a', 40]]) {
          await dragFrom(page, cdp, option, dy);
          s = await waitFor(page, () => true, 'state');
          assert(basisOf(s) === '124d', `after a drag from ${option} (${dy} px) the basis is still 124d, not ${basisOf(s)}`);
        }
        // Still saved as chosen, after the autosave has run.
        await sleep(1500);
        s = await waitFor(page, (st) => st.facts.form_save === 'saved', 'saved', 10000);
        assert(basisOf(s) === '124d', `saved basis ${basisOf(s)}`);
        // And a tap still works after the drags.
        await touchTap(page, cdp, 'basis=136a');
        await waitFor(page, (st) => basisOf(st) === '136a', 'a tap chooses § 136 a');
        await screenshot(page, `tablet-touch-drag-keeps-basis-${orientation}`);
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } catch (e) {
        await screenshot(page, 'tablet-touch-failure').catch(() => {});
        throw e;
      } finally {
        await cdp.detach().catch(() => {});
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
}));
