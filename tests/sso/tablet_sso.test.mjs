// Issue #20, single sign-on on the tablet, in headless Chromium on the real page: the start screen offers
// "Log ind med kommunens login" when the server has it; the browser goes to the certified provider's own
// login and consent pages (filled in like a person would) and comes back; the app trades the one-time code
// for a session and asks for a passcode (new: twice, at least 6 characters); the passcode opens the user's
// encrypted data, also after a lock, and a wrong one is refused. Screenshots in tests/browser/artifacts.
// Prints "ok NAME" / "FAIL NAME" and ends with "sso-tablet: N passed, N failed".
import { rmSync } from 'node:fs';
import { appState, barItem, clickItem, fill, launchBrowser, screenshot, tap, waitFor } from '../browser/lib.mjs';
import { ACCOUNTS, ssoWorld } from './provider.mjs';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok ${name}`); } else { failed++; console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`); }
}

// At the provider: its login page (the sub as login, any password), then its consent page, when it shows
// them (a person it remembers is sent straight back); done once the browser is back on Magtreg's page.
async function signInAtProvider(page, issuer, account) {
  const t0 = Date.now();
  let left = false;
  while (Date.now() - t0 < 30000) {
    const url = page.url();
    if (url.startsWith(issuer)) {
      left = true;
      if (await page.locator('input[name="login"]').count().catch(() => 0)) {
        await page.fill('input[name="login"]', ACCOUNTS[account].sub);
        await page.fill('input[name="password"]', 'any');
        await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
        continue;
      }
      if (await page.locator('input[name="prompt"][value="consent"]').count().catch(() => 0)) {
        await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
        continue;
      }
    } else if (left || !url.endsWith('/')) {
      return;  // back on Magtreg (or on its way: /api/v1/sso/callback, /#sso=...)
    } else {
      // Sent straight back before this loop saw an address of its own: the app says where it is.
      const st = await appState(page).catch(() => null);
      if (st && (st.facts.login_mode?.endsWith('passcode') || st.facts.login_error)) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the browser never came back from the provider: ${page.url()}`);
}

const { dir, magtreg, idp, serve } = await ssoWorld('magtreg-sso-tablet-');
const server = await serve();
const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 768 }, dpr: 1 });

try {
  await page.goto(magtreg);
  let s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'login' &&
    st.facts.sso_enabled === 'yes' && st.items['login.sso'], 'the start screen with the municipality\'s login');
  check('the start screen offers the municipality\'s login', true);
  await screenshot(page, 'sso_start');

  await clickItem(page, s, 'login.sso');
  await signInAtProvider(page, idp.issuer, 'mette');
  s = await waitFor(page, (st) => st.facts.login_mode === 'new_passcode', 'the new passcode screen', 30000);
  check('back from the provider, the app asks for a new passcode', true);
  check('the one-time code is gone from the address bar', !page.url().includes('sso='), page.url());
  await screenshot(page, 'sso_new_passcode');

  await fill(page, 'login.passcode', '123');
  await fill(page, 'login.passcode_repeat', '123');
  await tap(page, 'login.passcode_submit');
  s = await waitFor(page, (st) => st.facts.login_error !== '', 'the short passcode refused');
  check('a passcode under 6 characters is refused', s.facts.login_error === 'Koden skal have mindst 6 tegn.', s.facts.login_error);
  await fill(page, 'login.passcode', '246810');
  await fill(page, 'login.passcode_repeat', '246811');
  await tap(page, 'login.passcode_submit');
  s = await waitFor(page, (st) => st.facts.login_error?.startsWith('De to koder'), 'two different passcodes refused');
  check('two different passcodes are refused', true);

  await fill(page, 'login.passcode', '246810');
  await fill(page, 'login.passcode_repeat', '246810');
  await tap(page, 'login.passcode_submit');
  s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'unlocked after the passcode', 60000);
  check('the passcode opens the user\'s data (encrypted store made)', true);
  const me = await page.evaluate(async () => (await fetch('/api/v1/sso')).status);
  check('the page stays on Magtreg\'s origin', me === 200);
  await screenshot(page, 'sso_unlocked');

  // Locked: the same user opens it again with the passcode (wrong one refused first).
  s = await barItem(page, 'nav.lock');
  await clickItem(page, s, 'nav.lock');
  s = await waitFor(page, (st) => st.facts.login_mode === 'unlock', 'the unlock screen');
  await fill(page, 'login.password', '999999');
  await tap(page, 'login.submit');
  s = await waitFor(page, (st) => st.facts.login_error !== '' && st.facts.login_busy === 'no', 'the wrong passcode refused', 60000);
  check('a wrong passcode does not open the data', s.facts.unlocked !== 'yes', s.facts.login_error);
  await fill(page, 'login.password', '246810');
  await tap(page, 'login.submit');
  s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'unlocked with the passcode', 60000);
  check('after a lock the passcode opens the data again', true);

  // "Skift bruger", then the municipality's login again: the provider remembers the person, and the app
  // asks for the passcode once (the store exists on this tablet).
  s = await barItem(page, 'nav.switch_user');
  await clickItem(page, s, 'nav.switch_user');
  s = await waitFor(page, (st) => st.facts.login_mode === 'login' && st.items['login.sso'], 'the login screen for another user');
  await clickItem(page, s, 'login.sso');
  await signInAtProvider(page, idp.issuer, 'mette');
  s = await waitFor(page, (st) => st.facts.login_mode === 'passcode', 'the passcode screen (existing store)', 30000);
  check('a second login on the tablet asks for the passcode once', !s.items['login.passcode_repeat']);
  await fill(page, 'login.passcode', '000000');
  await tap(page, 'login.passcode_submit');
  s = await waitFor(page, (st) => st.facts.login_error === 'Forkert kode til tabletten. Prøv igen.', 'the wrong passcode refused', 60000);
  check('a wrong passcode after the municipality\'s login is refused', s.facts.login_mode === 'passcode');
  await fill(page, 'login.passcode', '246810');
  await tap(page, 'login.passcode_submit');
  s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'unlocked after the second login', 60000);
  check('the passcode opens the same data after the second login', true);

  // A person whose groups give no role comes back with the reason in Danish.
  s = await barItem(page, 'nav.switch_user');
  await clickItem(page, s, 'nav.switch_user');
  await page.context().clearCookies();  // another person at the provider
  s = await waitFor(page, (st) => st.facts.login_mode === 'login' && st.items['login.sso'], 'the login screen again');
  await clickItem(page, s, 'login.sso');
  await signInAtProvider(page, idp.issuer, 'kantine');
  s = await waitFor(page, (st) => st.facts.login_error?.includes('ingen rolle i Magtreg'), 'the refusal in Danish', 30000);
  check('a person without a role is told so in Danish', s.facts.unlocked !== 'yes');
  check('on the login screen, not under the last user\'s unlock', s.facts.login_mode === 'login', s.facts.login_mode);
  await screenshot(page, 'sso_no_role');
  check('no page errors', errors.length === 0, errors.join('; '));
} catch (e) {
  check('the tablet single sign-on flow runs', false, `${e.stack}\n${server.log().slice(-2000)}`);
  await screenshot(page, 'sso_failure').catch(() => {});
} finally {
  await context.close();
  await server.stop();
  server.cleanup();
  await idp.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`sso-tablet: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
