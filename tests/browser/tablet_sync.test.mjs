// Sync edge cases through the real page and the real server (issue 5): a retried upload after a
// dropped answer creates no duplicate; logging out warns about unsynced drafts and then removes the
// user's local data; a 401 during sync asks to log in again and keeps the local data. DPR 1: the form
// screen is not the subject here.
import { execFileSync } from 'node:child_process';
import { appState, assert, barItem, canvasStats, changeIndexedDbByte, clickItem, fill, indexedDbFiles, launchBrowser, loginOnline,
  screenshot, scrollIntoView, seededDb, sleep, sql, startServer, storePath, tap, typeText, waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';
const CITIZEN = 'citizen.Jens Pedersen';

// From the citizen list: a new registration for Jens Pedersen on today's form set; returns the form id.
async function newRegistration(page) {
  await tap(page, CITIZEN);
  let s = await waitFor(page, (st) => st.facts.screen === 'citizen' &&
    Object.keys(st.items).some((k) => k.startsWith('registration.new.')), 'a registration form offered for today');
  const id = Object.keys(s.items).find((k) => k.startsWith('registration.new.'));
  await tap(page, id);
  s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde' &&
    st.facts.form_save === 'saved', 'the new draft, saved');
  return s.facts.form_id;
}

// Mette logs in online, the network goes (the app itself comes from the service worker), and she starts
// a registration for Jens Pedersen: returns the draft's id.
async function offlineDraft(page, context) {
  await loginOnline(page, 'mette', PASSWORD);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await waitFor(page, (st) => st.facts.online === 'no', 'offline');
  return newRegistration(page);
}

// Taps an item that needs no scrolling (the top bar, a dialog), at its place a few frames after it first
// appeared (a new dialog sizes itself in its first frames).
async function tapBar(page, id) {
  const first = await barItem(page, id);
  const s = await waitFor(page, (st) => st.frame > first.frame + 3 && st.items[id], `item ${id} settled`);
  await clickItem(page, s, id);
  const f = s.frame;
  await waitFor(page, (st) => st.frame > f + 1, `frames after tapping ${id}`);
}

// Types `text` into a field of the start screen (scrolled into view first).
// Types the password on the unlock screen and taps "Lås op".
async function unlockWith(page, password) {
  await fill(page, 'login.password', password);
  await tap(page, 'login.submit');
}

// Mette logs in online (the service worker ready, so the app loads offline too), then locks the tablet.
async function loginThenLock(page) {
  await loginOnline(page, 'mette', PASSWORD);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await tapBar(page, 'nav.lock');
  await waitFor(page, (st) => st.facts.login_mode === 'unlock', 'locked');
}

async function withTablet(fn, { viewport = { width: 1024, height: 768 }, serviceWorkers = 'allow' } = {}) {
  const seed = seededDb();
  const server = await startServer({ db: seed.db });
  const { context, page, errors } = await launchBrowser({ viewport, dpr: 1, serviceWorkers });
  try {
    await page.goto(server.url);
    await fn({ page, server, db: seed.db, errors, context });
    assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  } catch (e) {
    await screenshot(page, `tablet-sync-failure-${Date.now()}`).catch(() => {});
    throw e;
  } finally {
    await context.close();
    await server.stop();
    seed.cleanup();
  }
}

export const tests = [
  {
    name: 'a retried upload after a dropped answer creates no duplicate',
    async fn() {
      await withTablet(async ({ page, db }) => {
        // The first PUT of the form reaches the server, but its answer never reaches the page.
        let puts = 0;
        let firstLanded = null;
        await page.route('**/api/v1/records/form/**', async (route) => {
          if (route.request().method() !== 'PUT') return route.continue();
          puts++;
          if (puts === 1) {
            const answer = await route.fetch();
            firstLanded = answer.status();
            return route.abort('connectionreset');
          }
          return route.continue();
        });
        await loginOnline(page, 'mette', PASSWORD);
        const formId = await newRegistration(page);
        await waitFor(page, () => firstLanded !== null, 'the first upload answered by the server (and dropped)', 30000);
        assert(firstLanded === 200, `the server accepted the first upload (${firstLanded})`);
        assert(sql(db, `SELECT count(*) || '|' || max(revision) FROM form_instances WHERE id = '${formId}'`) === '1|1',
          'the server holds the form after the dropped answer');
        let s = await appState(page);
        assert(s.facts.form_sync === 'pending', `the tablet does not know it was stored (${s.facts.form_sync})`);
        // The retry (full-jitter backoff, no click) goes through and is answered as a replay.
        s = await waitFor(page, (st) => st.facts.form_sync === 'sent' && st.facts.outbox_pending === '0',
          'the retried upload acknowledged', 60000);
        assert(puts === 2, `exactly one retry of the form (${puts} PUTs)`);
        assert(s.facts.outbox_rejected === '0', `nothing refused (${s.facts.sync_error})`);
        assert(sql(db, `SELECT count(*) || '|' || max(revision) FROM form_instances WHERE id = '${formId}'`) === '1|1',
          'exactly one form at revision 1 on the server');
        assert(sql(db, `SELECT count(*) FROM upload_receipts WHERE record_kind = 'form' AND record_id = '${formId}'`) === '1',
          'one receipt: the retry was a replay');
        assert(sql(db, `SELECT count(*) FROM form_events WHERE form_instance_id = '${formId}'`) <= '1',
          'no duplicate form event');
      }, { serviceWorkers: 'block' });  // page.route() must see every upload
    },
  },
  {
    name: 'logout keeps unsynced work encrypted on the tablet until it is sent, then removes the user\'s data',
    async fn() {
      await withTablet(async ({ page, db, context }) => {
        const formId = await offlineDraft(page, context);
        const path = storePath('mette');
        // The store is encrypted (the at-rest tests below): what is on the tablet is seen as the file.
        const holds = () => page.evaluate((p) => Module.FS.analyzePath(p).exists, path);
        const stored = async () => (await indexedDbFiles(page)).some((f) => f.path === path);
        assert(await holds() && await stored(), 'the user\'s store is on the tablet before logout');
        assert((await appState(page)).facts.form_id === formId, 'the draft is open');

        await tapBar(page, 'nav.logout');
        let s = await waitFor(page, (st) => st.facts.dialog === 'logout', 'the logout dialog');
        assert(Number(s.facts.logout_warning) >= 1, `it says what is not sent yet (${s.facts.logout_warning})`);
        s = await waitFor(page, (st) => st.frame > s.frame + 3, 'the dialog settled');
        const stats = await canvasStats(page);
        await screenshot(page, 'logout-warning');
        assert(stats.nonBackgroundShare > 0.05, 'the dialog is drawn');
        // Cancel keeps everything.
        await tapBar(page, 'logout.cancel');
        s = await waitFor(page, (st) => st.facts.dialog === undefined && st.facts.unlocked === 'yes', 'dialog closed');
        assert(await holds(), 'cancel removed nothing');
        await tapBar(page, 'nav.logout');
        s = await waitFor(page, (st) => st.facts.dialog === 'logout', 'the logout dialog again');
        await tapBar(page, 'logout.confirm');
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.unlocked === 'no', 'logged out');
        assert(await holds() && await stored(), 'the unsent draft stays on the tablet, in the encrypted store');
        assert(s.facts.tablet_users === '1', 'the user is still listed with data on the tablet');
        await screenshot(page, 'logout-kept-unsynced');

        // Back online, Mette logs in again: the kept draft goes out. Then nothing is unsent, and logout
        // removes her store.
        await context.setOffline(false);
        await loginOnline(page, 'mette', PASSWORD);
        s = await waitFor(page, (st) => st.facts.outbox_pending === '0' && st.facts.sync_running === 'no', 'the draft sent', 30000);
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id = '${formId}'`) === '1', 'the server holds the draft');
        await tapBar(page, 'nav.logout');
        s = await waitFor(page, (st) => st.facts.dialog === 'logout', 'the logout dialog, all sent');
        assert(s.facts.logout_warning === undefined, 'no warning when all is sent');
        await tapBar(page, 'logout.confirm');
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.unlocked === 'no' &&
          st.facts.login_mode === 'login' && st.facts.tablet_users === '0', 'logged out, no user left');
        assert(!(await holds()), 'the store is gone from the tablet');
        // The removal reaches IndexedDB with the queued save (a reload before it would find the old copy).
        for (let i = 0; i < 50 && await stored(); ++i) await sleep(100);

        // After a reload (IndexedDB copy): still no session, and no data.
        await page.reload();
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.storage_ready === 'yes', 'reloaded');
        assert(s.facts.login_mode === 'login', 'no session to unlock after reload');
        assert(!(await holds()) && !(await stored()), 'IndexedDB holds no store');
      });
    },
  },
  {
    name: 'a 401 during sync asks to log in again and keeps the local data',
    async fn() {
      await withTablet(async ({ page, db }) => {
        await loginOnline(page, 'mette', PASSWORD);
        // The server ends the session (as an administrator would); the tablet does not know yet.
        sql(db, "UPDATE sessions SET revoked = 1");
        const formId = await newRegistration(page);
        let s = await waitFor(page, (st) => st.facts.needs_login === 'yes', 'the tablet asks to log in again', 30000);
        assert(s.facts.sync_text === 'Log ind igen for at synkronisere', `status bar: '${s.facts.sync_text}'`);
        assert(Number(s.facts.outbox_pending) >= 1, `the unsent entries are kept (${s.facts.outbox_pending})`);
        assert(s.facts.form_id === formId && s.facts.form_state === 'kladde', 'the draft is still open');
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id = '${formId}'`) === '0', 'nothing reached the server');
        await screenshot(page, 'sync-401-log-in-again');
        // Log in again (lock, then the password): a fresh token, and the kept entries go out.
        await tapBar(page, 'nav.lock');
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'unlock', 'locked');
        await tapBar(page, 'login.password');
        await typeText(page, PASSWORD);
        await tap(page, 'login.submit');
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes' && st.facts.needs_login === 'no' &&
          st.facts.outbox_pending === '0' && st.facts.sync_running === 'no', 'sent after logging in again', 60000);
        assert(s.facts.outbox_rejected === '0', `nothing refused (${s.facts.sync_error})`);
        assert(sql(db, `SELECT state FROM form_instances WHERE id = '${formId}'`) === 'kladde', 'the server holds the draft');
      });
    },
  },
  {
    name: 'a citizen moved to an institution out of the user\'s sight is removed from the tablet at the next sync',
    async fn() {
      await withTablet(async ({ page, db }) => {
        // An Egebo citizen with nothing unsynced on the tablet: the demo's drafts of Aksel Brandt are removed
        // on the server before the tablet downloads (drafts are never purged).
        const moved = 'Aksel Brandt';
        sql(db, `DELETE FROM form_instances WHERE state = 'kladde' AND citizen_id = (SELECT id FROM citizens WHERE name = '${moved}')`);
        await loginOnline(page, 'mette', PASSWORD);
        let s = await waitFor(page, (st) => st.items[`citizen.${moved}`] && st.facts.sync_running === 'no', 'the citizen listed');
        const before = Number(s.facts.citizens);
        sql(db, `UPDATE citizens SET institution_id = (SELECT id FROM institutions WHERE name LIKE '%Solhaven%' LIMIT 1)
          WHERE name = '${moved}'`);
        await tapBar(page, 'sync.now');
        s = await waitFor(page, (st) => Number(st.facts.citizens) === before - 1 && st.facts.sync_running === 'no',
          'the moved citizen gone after the sync', 30000);
        assert(!s.items[`citizen.${moved}`], 'no longer listed');
        // The store is encrypted, so its bytes say nothing here; that the purge deletes every row of the
        // citizen is tested on the store itself (tests/core/test_client_store.cpp, purge).
        assert(s.facts.outbox_rejected === '0', 'nothing refused');
      });
    },
  },
  {
    // Issue 30 item 8: text typed just before the tablet hides the page (another app, the screen off) is
    // saved although no frame comes after it: a hidden tab gets no animation frames, and the tablet may
    // discard it. Here the frames stop as in a hidden tab, the page says it is hidden, and a second later
    // it is reloaded: what was typed is there.
    name: 'text typed just before the page is hidden is saved without another frame',
    async fn() {
      await withTablet(async ({ page }) => {
        await loginOnline(page, 'mette', PASSWORD);
        const formId = await newRegistration(page);
        const s = await scrollIntoView(page, 'place');
        await clickItem(page, s, 'place');
        await waitFor(page, (st) => st.frame > s.frame + 2, 'the field active');
        const text = 'Stuen ved køkkenet KILL300';
        await typeText(page, text);
        // No autosave yet (it waits 0.3 s after the last key), then no frames at all, then hidden.
        await page.evaluate(() => {
          window.requestAnimationFrame = () => 0;
          Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        await sleep(1500);
        await page.reload();
        await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'unlock', 'the unlock screen');
        const p = await scrollIntoView(page, 'login.password');
        await clickItem(page, p, 'login.password');
        await typeText(page, PASSWORD);
        await tap(page, 'login.submit');
        // The first sync after unlocking adds the server's rows to the lists: tap after it, not during.
        await waitFor(page, (st) => st.facts.unlocked === 'yes' && st.facts.sync_running === 'no' &&
          st.facts.sync_text !== undefined, 'unlocked and synced');
        await tap(page, CITIZEN);
        await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items[`form.${formId}`], 'the draft listed');
        await tap(page, `form.${formId}`);
        const f = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id === formId, 'the draft');
        const place = JSON.parse(f.facts.form_content).place;
        assert(place === text, `every character typed before the page was hidden is kept: '${place}'`);
      });
    },
  },
  {
    name: 'at rest the tablet\'s IndexedDB holds no CPR number, name or description; a wrong password does not open it',
    async fn() {
      await withTablet(async ({ page, server, db }) => {
        await loginOnline(page, 'mette', PASSWORD);
        let s = await appState(page);
        console.log(`  store key made at login in ${s.facts.unlock_ms} ms (PBKDF2-SHA-256, 600,000 rounds, WebCrypto)`);
        const cprs = sql(db, 'SELECT group_concat(cpr, \' \') FROM citizens').split(' ');
        assert(cprs.length > 3, `the demo's CPR numbers (${cprs.length})`);
        await page.evaluate(async () => { await navigator.serviceWorker.ready; });
        await server.stop();
        await waitFor(page, (st) => st.facts.online === 'no', 'offline');
        const formId = await newRegistration(page);
        const description = 'Beboeren blev ført ved hånden fra fællesstuen KEY777';
        const p = await scrollIntoView(page, 'place');
        await clickItem(page, p, 'place');
        await typeText(page, description);
        s = await waitFor(page, (st) => st.facts.form_save === 'saved' &&
          JSON.parse(st.facts.form_content).place === description, 'the description saved to IndexedDB');

        // IndexedDB read directly, as anyone with the browser profile could. Needles as UTF-8 bytes.
        const files = await indexedDbFiles(page);
        const bytes = (text) => Buffer.from(text, 'utf8').toString('latin1');
        const store = files.find((f) => f.path === storePath('mette'));
        assert(store && store.bytes.length > 50000, `the store is in IndexedDB (${store && store.bytes.length} bytes)`);
        // The search finds what is stored in plain text: the device database names the store's owner.
        const device = files.find((f) => f.path === '/data/magtreg-local.db');
        assert(device && device.bytes.includes(bytes('Mette Hansen')), 'the owner\'s name is readable in the device database');
        const needles = [...cprs, 'Jens Pedersen', 'fællesstuen', 'KEY777', formId, 'form_instances'];
        for (const f of files)
          for (const n of needles)
            assert(!f.bytes.includes(bytes(n)), `'${n}' is not readable in ${f.path}`);
        await screenshot(page, 'at-rest-draft-offline');

        await tapBar(page, 'nav.lock');
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'unlock' &&
          st.facts.unlocked === 'no' && st.facts.citizens === '0', 'locked: nothing of the store in the model');
        const unlock = (password) => unlockWith(page, password);
        await unlock('Forkert-kode-2026');
        s = await waitFor(page, (st) => (st.facts.login_error || '').startsWith('Forkert adgangskode. 9 forsøg mere'),
          'a wrong password refused, the attempts left counted');
        assert(s.facts.unlocked === 'no', 'still locked');
        await unlock(PASSWORD);
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'unlocked offline with the password');
        console.log(`  store key opened offline in ${s.facts.unlock_ms} ms`);
        await tap(page, CITIZEN);
        await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items[`form.${formId}`], 'the draft listed');
        await tap(page, `form.${formId}`);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id === formId, 'the draft');
        assert(JSON.parse(s.facts.form_content).place === description, 'the description is kept');
      });
    },
  },
  {
    name: 'a changed byte in the stored file is found at unlock: refused with a message, nothing deleted, no crash',
    async fn() {
      await withTablet(async ({ page }) => {
        await loginOnline(page, 'mette', PASSWORD);
        await tapBar(page, 'nav.lock');
        await waitFor(page, (st) => st.facts.login_mode === 'unlock', 'locked');
        const path = storePath('mette');
        const before = (await indexedDbFiles(page)).find((f) => f.path === path);
        assert(before && before.bytes.length > 50000, 'the store is in IndexedDB');
        await changeIndexedDbByte(page, path, Math.floor(before.bytes.length / 2) + 77);
        await page.reload();
        await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'unlock', 'the unlock screen');
        const q = await scrollIntoView(page, 'login.password');
        await clickItem(page, q, 'login.password');
        await typeText(page, PASSWORD);
        await tap(page, 'login.submit');
        const s = await waitFor(page, (st) => (st.facts.login_error || '').includes('ændret eller beskadiget'),
          'the change found', 30000);
        assert(s.facts.unlocked === 'no', 'not unlocked');
        await screenshot(page, 'at-rest-tampered');
        const after = (await indexedDbFiles(page)).find((f) => f.path === path);
        assert(after && after.bytes.length === before.bytes.length, 'the file is kept for an administrator');
      });
    },
  },
  {
    name: 'two carers share a tablet: each has their own encrypted store, neither sees the other\'s draft, both reach the server',
    async fn() {
      await withTablet(async ({ page, db, context }) => {
        const mettes = await offlineDraft(page, context);
        const p = await scrollIntoView(page, 'place');
        await clickItem(page, p, 'place');
        await typeText(page, 'Mettes stue MINE1');
        await waitFor(page, (st) => st.facts.form_save === 'saved' &&
          JSON.parse(st.facts.form_content).place === 'Mettes stue MINE1', 'Mette\'s draft saved offline');

        // "Skift bruger": Mette's store closes; Ali logs in beside her when the network is back.
        await tapBar(page, 'nav.switch_user');
        let s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.unlocked === 'no' &&
          st.facts.tablet_users === '1' && st.items['login.user.mette'], 'the start screen offers Mette and any other user');
        assert(s.facts.citizens === '0' && s.facts.login_mode === 'login', 'nothing of Mette\'s store is shown');
        await context.setOffline(false);
        await loginOnline(page, 'ali', PASSWORD);
        await tap(page, CITIZEN);
        s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'Ali opens Jens Pedersen');
        assert(!s.items[`form.${mettes}`], 'Ali does not see Mette\'s draft');
        await tap(page, 'citizen.back');
        await waitFor(page, (st) => st.facts.screen === 'citizens', 'back to the citizen list');
        const alis = await newRegistration(page);
        await waitFor(page, (st) => st.facts.outbox_pending === '0' && st.facts.sync_running === 'no', 'Ali\'s draft sent', 30000);
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id = '${alis}'`) === '1', 'the server holds Ali\'s draft');
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id = '${mettes}'`) === '0',
          'Mette\'s draft waits in her store (sealed uploads for an absent author: issue 16, not built)');
        const files = await indexedDbFiles(page);
        for (const who of ['mette', 'ali']) {
          const f = files.find((x) => x.path === storePath(who));
          assert(f && f.bytes.length > 50000, `${who}'s store is in IndexedDB`);
          for (const n of ['Jens Pedersen', 'MINE1', mettes, alis])
            assert(!f.bytes.includes(n), `'${n}' is not readable in ${who}'s store`);
        }
        await screenshot(page, 'two-users-ali');

        // Ali hands over; Mette unlocks her own store and her draft goes out.
        await tapBar(page, 'nav.switch_user');
        s = await waitFor(page, (st) => st.facts.tablet_users === '2' && st.items['login.user.mette'] &&
          st.items['login.user.ali'], 'both users offered');
        await screenshot(page, 'two-users-start-screen');
        await tap(page, 'login.user.mette');
        await waitFor(page, (st) => st.facts.login_mode === 'unlock', 'Mette chosen');
        const q = await scrollIntoView(page, 'login.password');
        await clickItem(page, q, 'login.password');
        await typeText(page, PASSWORD);
        await tap(page, 'login.submit');
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes' && st.facts.outbox_pending === '0' &&
          st.facts.sync_running === 'no', 'Mette unlocked and her draft sent', 30000);
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id IN ('${mettes}', '${alis}')`) === '2',
          'the server (and so the leader) holds both drafts');
        await tap(page, CITIZEN);
        s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items[`form.${mettes}`], 'Mette sees her draft');
      });
    },
  },
  {
    name: 'a tablet left alone locks itself after 5 minutes without input, and not before',
    async fn() {
      await withTablet(async ({ page }) => {
        await loginOnline(page, 'mette', PASSWORD);
        let s = await appState(page);
        assert(s.facts.unlocked === 'yes', 'unlocked');
        // The page's clock jumps (performance.now, which the app and its input tracking both read).
        const shift = (minutes) => page.evaluate((ms) => {
          const base = window.__realNow || (window.__realNow = performance.now.bind(performance));
          performance.now = () => base() + ms;
        }, minutes * 60 * 1000);
        await shift(4.5);
        s = await appState(page);
        await waitFor(page, (st) => st.frame > s.frame + 10, 'frames after 4.5 idle minutes');
        assert((await appState(page)).facts.unlocked === 'yes', 'still unlocked after 4.5 minutes');
        await shift(5.5);
        s = await waitFor(page, (st) => st.facts.unlocked === 'no' && st.facts.login_mode === 'unlock', 'locked by itself');
        assert(s.facts.citizens === '0', 'nothing of the store left in the model');
        await screenshot(page, 'idle-lock');
      });
    },
  },
  {
    name: 'a revoked tablet sends what it holds at its next sync, then erases every store on it',
    async fn() {
      await withTablet(async ({ page, db, context }) => {
        const formId = await offlineDraft(page, context);
        const device = sql(db, 'SELECT id FROM devices');
        assert(/^[0-9a-f-]{36}$/.test(device), `the login named the tablet (${device})`);
        const revoke = execFileSync(process.env.MAGTREG_BIN ?? 'build/native/magtreg',
          ['device', 'revoke', device, '--db', db]).toString();
        assert(revoke.includes('er spærret'), `the CLI revoked it: ${revoke}`);
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id = '${formId}'`) === '0', 'the draft is not on the server yet');
        await context.setOffline(false);
        const s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.unlocked === 'no' &&
          (st.facts.login_error || '').includes('spærret'), 'the tablet erased at its next sync', 60000);
        assert(s.facts.tablet_users === '0', 'no user has data on the tablet');
        assert(sql(db, `SELECT count(*) FROM form_instances WHERE id = '${formId}'`) === '1', 'the server holds the draft');
        // The erasure reaches IndexedDB with the next queued save.
        let files = [];
        for (let i = 0; i < 50; ++i) {
          files = await indexedDbFiles(page);
          if (!files.some((f) => f.path.includes('magtreg-store-') || f.path.includes('magtreg-records'))) break;
          await sleep(100);
        }
        assert(!files.some((f) => f.path.includes('magtreg-store-') || f.path.includes('magtreg-records')),
          `no store left in IndexedDB (${files.map((f) => f.path).join(', ')})`);
        assert(!(await page.evaluate((p) => Module.FS.analyzePath(p).exists, storePath('mette'))), 'no store in memory');
        await screenshot(page, 'device-revoked');
      });
    },
  },
  {
    name: 'ten wrong offline passwords make the tablet ask for the network; a user disabled on the server cannot unlock offline after the next contact',
    async fn() {
      await withTablet(async ({ page, db, context }) => {
        await loginThenLock(page);
        await context.setOffline(true);
        await waitFor(page, (st) => st.facts.online === 'no', 'offline');
        const unlock = (password) => unlockWith(page, password);
        let s = await appState(page);
        assert(s.facts.offline_unlock === 'yes', 'the start screen says the store opens offline');
        for (let i = 1; i <= 10; i++) {
          const before = (await appState(page)).facts.login_error;
          await unlock(`Forkert-kode-${i}`);
          s = await waitFor(page, (st) => st.facts.login_error && st.facts.login_error !== before && st.facts.login_busy === 'no',
            `wrong password ${i} refused`);
          if (i < 10) assert(s.facts.login_error.includes(`${10 - i} forsøg mere`), `attempts left after ${i}: ${s.facts.login_error}`);
        }
        assert(s.facts.login_error.includes('10 gange uden forbindelse'), `the tablet asks for the network: ${s.facts.login_error}`);
        // Now the right password does not open it either, until the server has been asked.
        await unlock(PASSWORD);
        s = await waitFor(page, (st) => st.frame > s.frame + 10 && st.facts.login_busy === 'no', 'the right password answered');
        assert(s.facts.unlocked === 'no' && s.facts.login_error.includes('gange uden forbindelse'),
          `refused offline after ten: ${s.facts.unlocked} ${s.facts.login_error}`);
        assert(s.facts.offline_unlock === 'no', 'the start screen no longer promises an offline unlock');
        await screenshot(page, 'offline-unlock-too-many');
        await context.setOffline(false);
        await waitFor(page, (st) => st.facts.online === 'yes', 'online');
        await unlock(PASSWORD);
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'a login with the server opens it');

        // Disabled on the server; the tablet's next contact learns it and closes the store.
        execFileSync(process.env.MAGTREG_BIN ?? 'build/native/magtreg', ['user', 'disable', 'mette', '--db', db]);
        // The next contact: the sync loop's own, or a tap on "Synkroniser nu" while the store is still open.
        s = await appState(page);
        if (s.facts.unlocked === 'yes' && s.items['sync.now']) await clickItem(page, s, 'sync.now');
        s = await waitFor(page, (st) => st.facts.unlocked === 'no' && (st.facts.login_error || '').includes('Din adgang er ændret'),
          'the store closed at the next contact', 30000);
        await context.setOffline(true);
        await waitFor(page, (st) => st.facts.online === 'no', 'offline');
        await unlock(PASSWORD);
        s = await waitFor(page, (st) => st.frame > s.frame + 10 && st.facts.login_busy === 'no', 'the password answered');
        assert(s.facts.unlocked === 'no' && s.facts.login_error.includes('Din adgang er ændret'),
          `a disabled user does not unlock offline: ${s.facts.unlocked} ${s.facts.login_error}`);
        assert(s.facts.offline_unlock === 'no', 'nor does the start screen promise it');
        await screenshot(page, 'offline-unlock-revoked');
        // What the store holds stays on the tablet.
        const files = await indexedDbFiles(page);
        assert(files.some((f) => f.path === storePath('mette')), 'the encrypted store is kept');
      });
    },
  },
  {
    name: 'a password changed on the server: the previous one opens the store once, then the new one, also offline',
    async fn() {
      await withTablet(async ({ page, db, context }) => {
        await loginThenLock(page);
        const NEW = 'Kastanjetræ-ved-søen-42';
        execFileSync(process.env.MAGTREG_BIN ?? 'build/native/magtreg', ['user', 'passwd', 'mette', '--db', db],
          { input: `${NEW}\n` });
        await unlockWith(page, NEW);
        let s = await waitFor(page, (st) => st.facts.login_mode === 'old_password', 'asked for the previous password');
        await screenshot(page, 'password-changed-old-asked');
        await fill(page, 'login.old_password', 'Forkert-gammel-2026');
        await tap(page, 'login.old_submit');
        s = await waitFor(page, (st) => (st.facts.login_error || '').startsWith('Det er ikke'), 'a wrong previous password refused');
        assert(s.facts.unlocked === 'no', 'still locked');
        await fill(page, 'login.old_password', PASSWORD);
        await tap(page, 'login.old_submit');
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'unlocked with the previous password, once');
        // From now on the new password opens the store, also with no network.
        await tapBar(page, 'nav.lock');
        await waitFor(page, (st) => st.facts.login_mode === 'unlock', 'locked again');
        await context.setOffline(true);
        await waitFor(page, (st) => st.facts.online === 'no', 'offline');
        await unlockWith(page, PASSWORD);
        s = await waitFor(page, (st) => (st.facts.login_error || '').startsWith('Forkert adgangskode.'), 'the previous password no longer opens it');
        await unlockWith(page, NEW);
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes', 'the new password opens it offline');
      });
    },
  },
];
