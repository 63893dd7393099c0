// Tablet reality: a tap on a text field focuses the hidden DOM input (so the on-screen keyboard opens),
// text from a virtual keyboard / IME (insertText, no key events) reaches the field, and the value saves.
import { appState, assert, launchBrowser, loginOnline, scrollIntoView, screenshot, seededDb, sleep, startServer, typeText,
  waitFor } from './lib.mjs';

export const tests = [
  {
    name: 'tapping a text field focuses the keyboard proxy and virtual-keyboard text reaches ImGui',
    async fn() {
      const server = await startServer();
      const { context, page } = await launchBrowser({ touch: true, viewport: { width: 800, height: 1180 } });
      try {
        await page.goto(server.url);
        let s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.storage_ready === 'yes', 'home');
        const [x0, y0, x1, y1] = s.items['home.device_name'];
        await page.touchscreen.tap((x0 + x1) / 2, (y0 + y1) / 2);
        await waitFor(page, () => true, 'a frame after the tap');
        const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
        assert(active === 'text-proxy', `hidden input focused after the tap (active: ${active})`);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Input.insertText', { text: 'Åse Ørum på stue 2' });
        await typeText(page, 'x');  // a hardware key as well
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 });
        s = await appState(page);
        const [g0, h0, g1, h1] = s.items['home.save'];
        await page.touchscreen.tap((g0 + g1) / 2, (h0 + h1) / 2);
        s = await waitFor(page, (st) => st.facts.save_state === 'saved', 'saved');
        assert(s.facts.device_name.endsWith('Åse Ørum på stue 2'), `saved '${s.facts.device_name}'`);
        await waitFor(page, () => true, 'a frame after saving');
        const after = await page.evaluate(() => document.activeElement && document.activeElement.id);
        assert(after !== 'text-proxy', 'keyboard proxy released when no text field is active');
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    // Issue 30 item 6: a date, a time or minutes open the number keypad (inputmode), a tap on a filled field
    // selects it so what is typed replaces it (a caret put mid-text made "06.12.20266"), and the digits an
    // iPad's keypad types ("07122026", "1430") are read as the date and time.
    name: 'date, time and minute fields open the number keypad, a tap on a filled one replaces it, digits only are read',
    async fn() {
      const { db, cleanup } = seededDb();
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ touch: true, viewport: { width: 768, height: 1024 } });
      const inputMode = () => page.evaluate(() => document.activeElement?.id === 'text-proxy' &&
        document.activeElement.inputMode);
      const tapAt = async (id) => {
        const s = await scrollIntoView(page, id);
        const r = s.items[id];
        await page.touchscreen.tap((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
        return waitFor(page, (st) => st.frame > s.frame + 4, `frames after tapping ${id}`);
      };
      const content = (s) => JSON.parse(s.facts.form_content);
      try {
        await page.goto(server.url);
        await loginOnline(page, 'mette', 'Magtreg-demo-2026');
        await tapAt('citizen.Søren Ravn');
        await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'], 'the overview');
        const cdp = await context.newCDPSession(page);
        // The intervention's day chosen on the overview (digits from the keypad) is the form's start date.
        await tapAt('registration.day');
        assert(await inputMode() === 'decimal', 'the day opens the number keypad');
        await cdp.send('Input.insertText', { text: '01122026' });
        await tapAt('registration.new.2024-1');
        let s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the draft');
        assert(content(s).started_at === '2026-12-01', `the chosen day carried into the form ('${content(s).started_at}')`);
        await tapAt('started_at#date');
        assert(await inputMode() === 'decimal', `the date opens the number keypad (${await inputMode()})`);
        await cdp.send('Input.insertText', { text: '06.12.2026' });
        await tapAt('started_at#time');
        assert(await inputMode() === 'decimal', 'the time opens the number keypad');
        await cdp.send('Input.insertText', { text: '1430' });
        s = await waitFor(page, (st) => content(st).started_at === '2026-12-06T14:30', 'the time stored');
        // A second tap on the filled date selects it: the digits typed replace it.
        await tapAt('started_at#date');
        await cdp.send('Input.insertText', { text: '05122026' });
        s = await waitFor(page, (st) => content(st).started_at === '2026-12-05T14:30',
          'the date replaced, read from digits only', 5000).catch(async () => {
          const now = await appState(page);
          throw new Error(`started_at is '${content(now).started_at}', not 2026-12-05T14:30`);
        });
        await tapAt('duration_minutes');
        assert(await inputMode() === 'decimal', 'minutes open the number keypad');
        await cdp.send('Input.insertText', { text: '12' });
        await tapAt('place');
        assert(await inputMode() === 'text', `a text field opens the letters (${await inputMode()})`);
        await cdp.send('Input.insertText', { text: 'Køkkenet' });
        s = await waitFor(page, (st) => content(st).duration_minutes === 12 && content(st).place === 'Køkkenet',
          'minutes and place stored');
        await screenshot(page, 'keyboard-number-fields');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        cleanup();
      }
    },
  },
  {
    // Issue 30 item 3: the on-screen keyboard takes the lower part of the screen. The field being edited
    // moves into what is left, and every key typed after lands in it.
    name: 'the field being edited stays visible when the screen shrinks to 560 px, and every key lands',
    async fn() {
      const { dir, db, cleanup } = seededDb();
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ touch: true, viewport: { width: 768, height: 1024 } });
      try {
        await page.goto(server.url);
        await loginOnline(page, 'mette', 'Magtreg-demo-2026');
        let s = await scrollIntoView(page, 'citizen.Søren Ravn');
        let r = s.items['citizen.Søren Ravn'];
        await page.touchscreen.tap((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
        s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'], 'the overview');
        s = await scrollIntoView(page, 'registration.new.2024-1');
        r = s.items['registration.new.2024-1'];
        await page.touchscreen.tap((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
        await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the draft');
        // The place field low on the screen, where the keyboard will cover it.
        s = await scrollIntoView(page, 'place', { top: 800 });
        r = s.items['place'];
        assert(r[1] > 600, `the field starts low on the screen (${r[1]})`);
        await page.touchscreen.tap(r[0] + 40, (r[1] + r[3]) / 2);
        await waitFor(page, () => true, 'a frame after the tap');
        await page.setViewportSize({ width: 768, height: 560 });
        const f = (await appState(page)).frame;
        s = await waitFor(page, (st) => st.frame > f + 4, 'frames after the keyboard opened');
        r = s.items['place'];
        const bar = Number(s.facts.status_bar_height);
        assert(r[1] >= bar && r[3] <= 560, `the field is visible between ${bar} and 560 px: ${r}`);
        await screenshot(page, 'tablet-keyboard-560');
        const text = 'Fællesstuen ved køkkenet, § 124 d';
        await typeText(page, text);
        await sleep(300);
        s = await waitFor(page, (st) => JSON.parse(st.facts.form_content || '{}').place === text,
          'every key typed in the field', 5000).catch(async (e) => {
          const st = await appState(page);
          throw new Error(`${e.message}: place is '${JSON.parse(st.facts.form_content || '{}').place}'`);
        });
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        cleanup();
      }
    },
  },
];
