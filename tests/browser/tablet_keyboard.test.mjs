// Tablet reality: a tap on a text field focuses the hidden DOM input (so the on-screen keyboard opens),
// text from a virtual keyboard / IME (insertText, no key events) reaches the field, and the value saves.
import { appState, assert, launchBrowser, startServer, typeText, waitFor } from './lib.mjs';

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
];
