// Issue 5 end to end through the real page: log in online; the server goes away; a Skema 1 a for a
// handicap citizen is registered offline with Danish text typed key by key; a reload keeps the draft
// (offline unlock with the password); it is marked Udfyldt; the server comes back on the same database
// and the tablet syncs without a click; the server holds the form and the tablet shows it as sent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appState, assert, canvasStats, clickItem, confirm, fill, launchBrowser, loginOnline, ROOT, screenshot,
  scrollIntoView, seededDb, sleep, sql, startServer, tap, typeText, waitFor } from './lib.mjs';

const BIN = process.env.MAGTREG_BIN ?? path.join(ROOT, 'build/native/magtreg');
const PASSWORD = 'Magtreg-demo-2026';
const PLACE = 'Fællesstuen på Æblegården';
const SITUATION = 'Jens blev urolig ved måltidet og slog ud efter en beboer – også mod personalet';

const DAY_MS = 24 * 60 * 60 * 1000;

// dd.mm.åååå of the Copenhagen day `ms` falls on.
function danishDay(ms) {
  const parts = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit',
    year: 'numeric' }).formatToParts(new Date(ms));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('day')}.${get('month')}.${get('year')}`;
}

// The page's clock (Date, which the app's C++ clock reads through Emscripten) runs `localStorage
// ['test.clock_offset_ms']` ahead of the real one: a tablet whose day is another day than the server's.
function shiftableClock() {
  const offset = Number(localStorage.getItem('test.clock_offset_ms') || 0);
  if (!offset) return;
  const RealDate = Date;
  class TabletDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() { return RealDate.now() + offset; }
  }
  globalThis.Date = TabletDate;
}

// "YYYY-MM-DDTHH:MM" of the Copenhagen minute `ms` falls in.
function copenhagenMinute(ms) {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(ms));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export const tests = [
  {
    // Issue 30 item 6: two typed fields become one tap; on a phone the button stays inside the screen.
    name: '"Nu" fills an intervention time with the tablet\'s Copenhagen minute in one tap, inside a phone\'s width',
    async fn() {
      const { dir, db } = seededDb();
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 390, height: 844 }, touch: false });
      try {
        await page.goto(server.url);
        await loginOnline(page, 'mette', PASSWORD);
        await tap(page, 'citizen.Jens Pedersen');
        let s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'],
          'the citizen overview with Skema 1 offered for today');
        await tap(page, 'registration.new.2024-1');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the new draft');
        const before = Date.now();
        await tap(page, 'started_at#now');
        s = await waitFor(page, (st) => JSON.parse(st.facts.form_content).started_at, 'the time filled in');
        const after = Date.now();
        const filled = JSON.parse(s.facts.form_content).started_at;
        assert([copenhagenMinute(before), copenhagenMinute(after)].includes(filled),
          `started_at ${filled} is the Copenhagen minute of the tap (${copenhagenMinute(before)})`);
        // The two fields show it as typed text would, so it can still be corrected.
        const r = s.items['started_at#now'];
        assert(r[2] <= 390, `"Nu" inside the 390 px screen (${r})`);
        await screenshot(page, 'registration-now-phone');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved', 'the draft saved with the time');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'offline Skema 1 a with Danish text survives a reload, is marked Udfyldt and syncs by itself',
    async fn() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'magtreg-reg-'));
      const db = path.join(dir, 'server.db');
      execFileSync(BIN, ['seed-demo', '--db', db], { stdio: 'ignore' });
      let server = await startServer({ db });
      // DPR 1: these are flows, not layouts, and every key waits for a frame, which software WebGL draws four
      // times slower at DPR 2 (148 s against 44 s). The tablet_* tests keep a tablet's DPR 2 or 3.
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 900 }, dpr: 1 });
      try {
        await page.goto(server.url);
        let s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'login' &&
          st.facts.online === 'yes', 'the login screen, online');
        await fill(page, 'login.username', 'mette');
        await fill(page, 'login.password', PASSWORD);
        await tap(page, 'login.submit');
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes' && Number(st.facts.citizens) > 0 &&
          st.facts.sync_running === 'no', 'citizens downloaded after login', 60000);
        assert(s.items['citizen.Jens Pedersen'], 'the handicap citizen Jens Pedersen is listed');
        // The service worker must control the page before the server goes away.
        await page.evaluate(async () => { await navigator.serviceWorker.ready; });

        // Offline from here.
        await server.stop();
        await waitFor(page, (st) => st.facts.online === 'no', 'offline status');
        await tap(page, 'citizen.Jens Pedersen');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the citizen overview');
        const draftsBefore = Number(s.facts.drafts);
        await clickItem(page, s, 'registration.day');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await typeText(page, '01.01.2019');
        s = await waitFor(page, (st) => (st.facts.registration_refusal || '').includes('intet registreringsskema for målgruppen handicap'),
          'a refusal for a day before every form set');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await typeText(page, '14.05.2024');
        s = await waitFor(page, (st) => st.items['registration.new.2020-1a'], 'Skema 1 a offered for 14.05.2024');
        await tap(page, 'registration.new.2020-1a');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the new draft');
        const formId = s.facts.form_id;
        assert(s.facts.overdue === undefined, 'no countdown before the intervention time is filled in');

        // The carer who registers is prefilled as the first of the staff involved; a colleague is added.
        assert(JSON.parse(s.facts.form_content).staff_involved?.[0]?.name === 'Mette Hansen',
          `the carer's own name prefilled (${s.facts.form_content})`);
        await tap(page, 'staff_involved#add');
        await fill(page, 'staff_involved[1].name', 'Søren Ørsted');
        await fill(page, 'started_at#date', '14.05.2024');
        await fill(page, 'started_at#time', '10:15');
        await fill(page, 'ended_at#date', '14.05.2024');
        await fill(page, 'ended_at#time', '10:25');
        await fill(page, 'duration_minutes', '10');
        await fill(page, 'place', PLACE);
        await tap(page, 'basis=124d');
        await fill(page, 'situation_before', SITUATION);
        await fill(page, 'intervention', 'Holdt armen i få minutter');
        await tap(page, 'voluntary_tried=ja');
        await fill(page, 'voluntary_how', 'Talte roligt og gav ham plads');
        await fill(page, 'proportionality', 'Nødvendigt for at undgå skade');
        await fill(page, 'least_intrusive', 'Mildeste greb, der virkede');
        await fill(page, 'gentleness', 'Så kort og skånsomt som muligt');
        await tap(page, 'citizen_injured=nej');
        await tap(page, 'staff_injured=nej');
        await fill(page, 'citizen_view', 'Jens sagde bagefter, at han var ked af det');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved', '"Gemt" after the IndexedDB write');
        assert(s.facts.staff_issues === '0', `staff part valid (issues: ${s.facts.staff_issues})`);
        assert(s.facts.overdue === 'yes', `a 2024 intervention is overdue (countdown: ${s.facts.countdown})`);

        // Reload offline: the app comes from the service worker, the session unlocks with the password.
        await page.reload();
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'unlock',
          'the unlock screen after reload');
        await fill(page, 'login.password', PASSWORD);
        await tap(page, 'login.submit');
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes' && st.facts.screen === 'citizens', 'unlocked offline');
        assert(s.facts.online === 'no', 'still offline');
        await tap(page, 'citizen.Jens Pedersen');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen' && Number(st.facts.drafts) === draftsBefore + 1,
          'the new draft listed');
        await tap(page, `form.${formId}`);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id === formId, 'the draft again');
        const content = JSON.parse(s.facts.form_content);
        assert(content.place === PLACE, `place intact after reload: '${content.place}'`);
        assert(content.situation_before === SITUATION, `situation intact: '${content.situation_before}'`);
        assert(content.staff_involved[0].name === 'Mette Hansen' && content.staff_involved[1].name === 'Søren Ørsted',
          'persons intact');
        assert(content.started_at === '2024-05-14T10:15', `started_at ${content.started_at}`);

        // One tap never makes the form read-only (issue 30 item 4): "Annullér" leaves it a draft.
        await tap(page, 'form.mark_filled');
        s = await waitFor(page, (st) => st.facts.dialog === 'Markér som udfyldt?' && st.items['confirm.cancel'], 'the question');
        await clickItem(page, s, 'confirm.cancel');
        s = await waitFor(page, (st) => st.facts.dialog === undefined, 'the question closed');
        await sleep(500);
        s = await waitFor(page, () => true, 'state');
        assert(s.facts.form_state === 'kladde', `still a draft after "Annullér" (${s.facts.form_state})`);
        await tap(page, 'form.mark_filled');
        await confirm(page, 'Markér som udfyldt?');
        s = await waitFor(page, (st) => st.facts.form_state === 'udfyldt' && st.facts.form_save === 'saved',
          'Udfyldt, saved');
        assert(s.facts.findings.includes('REGISTRATION_LATE'), `late registration finding (${s.facts.findings})`);
        assert(s.facts.form_sync === 'pending', `waiting to be sent while offline (${s.facts.form_sync})`);
        assert(s.facts.glyphs_da === 'yes', 'Danish glyphs in the font');
        const stats = await canvasStats(page);
        const shot = await screenshot(page, 'registration-form-udfyldt');
        assert(stats.nonBackgroundShare > 0.05, `form screen not blank (${stats.nonBackgroundShare.toFixed(3)})`);
        assert(stats.colours > 50, `anti-aliased text present (${stats.colours} colours)`);

        // The server comes back on the same database and port: the tablet syncs without a click.
        server = await startServer({ db, port: server.port });
        s = await waitFor(page, (st) => st.facts.form_sync === 'sent' && st.facts.outbox_pending === '0',
          'the form sent without a click', 60000);
        assert(s.facts.outbox_rejected === '0', `nothing rejected (${s.facts.sync_error})`);
        // The server's answer carried its rule findings: shown on the form and in the outbox.
        s = await waitFor(page, (st) => (st.facts.server_findings || '').includes('REGISTRATION_LATE'),
          'the server\'s findings on the form');
        await screenshot(page, 'registration-form-sent');
        await clickItem(page, s, 'nav.outbox');
        s = await waitFor(page, (st) => st.facts.screen === 'outbox', 'the outbox');
        assert((s.facts.outbox_findings || '').includes('REGISTRATION_LATE'), `findings in the outbox (${s.facts.outbox_findings})`);
        // Each entry is named by its form, citizen and intervention time, not by an id.
        const entries = Object.entries(s.facts).filter(([k]) => k.startsWith('outbox.entry.')).map(([, v]) => v);
        assert(entries.some((v) => v.startsWith('Skema 1 a · Jens Pedersen · 14.05.2024 kl. 10:15')),
          `the form's entry is named by what it is about: ${JSON.stringify(entries)}`);
        await screenshot(page, 'registration-outbox-findings');
        const row = execFileSync('sqlite3', [db, `SELECT state, json_extract(content, '$.place'), created_by FROM form_instances WHERE id = '${formId}'`]).toString().trim();
        assert(row.startsWith(`udfyldt|${PLACE}|`), `server holds the Udfyldt form: '${row}'`);
        const cases = execFileSync('sqlite3', [db, `SELECT count(*) FROM cases c JOIN form_instances f ON f.case_id = c.id WHERE f.id = '${formId}'`]).toString().trim();
        assert(cases === '1', 'the case was uploaded with the form');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
        console.log(`     screenshot: ${shot}`);
      } catch (e) {
        await screenshot(page, 'registration-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'marked Udfyldt offline two days after the intervention and synced five days after: on time, both times shown',
    async fn() {
      // Issue 14 item 1: the registration time is the tablet's moment of "Markér som udfyldt", not the sync.
      const { dir, db } = seededDb();
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 900 }, dpr: 1 });
      await context.addInitScript(shiftableClock);
      try {
        const now = Date.now();
        const interventionDay = danishDay(now - 5 * DAY_MS);
        // The tablet's day is two days after the intervention; the server's is five days after.
        await page.goto(server.url);
        await page.evaluate((ms) => localStorage.setItem('test.clock_offset_ms', String(ms)), -3 * DAY_MS);
        await page.reload();
        await loginOnline(page, 'mette', PASSWORD);
        // The ward's network goes away (every call to the server fails) before the registration.
        await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
        let s = await waitFor(page, (st) => st.facts.online === 'no', 'offline status', 60000);

        await tap(page, 'citizen.Jens Pedersen');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the citizen overview');
        await clickItem(page, s, 'registration.day');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await typeText(page, interventionDay);
        s = await waitFor(page, (st) => st.items['registration.new.2024-1'], `Skema 1 offered for ${interventionDay}`);
        await tap(page, 'registration.new.2024-1');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the new draft');
        const formId = s.facts.form_id;
        // The carer who registers is the first of the staff involved, prefilled.
        assert(JSON.parse(s.facts.form_content).staff_involved?.[0]?.name === 'Mette Hansen',
          `the carer's own name prefilled (${s.facts.form_content})`);
        await fill(page, 'started_at#date', interventionDay);
        await fill(page, 'started_at#time', '10:15');
        await fill(page, 'ended_at#date', interventionDay);
        await fill(page, 'ended_at#time', '10:25');
        await fill(page, 'duration_minutes', '10');
        await fill(page, 'place', PLACE);
        await tap(page, 'basis=124d');
        await tap(page, 'basis_124d_subsection=stk1');
        await fill(page, 'situation_before', SITUATION);
        await fill(page, 'intervention', 'Holdt armen i få minutter');
        await tap(page, 'voluntary_tried=ja');
        await fill(page, 'voluntary_how', 'Talte roligt og gav ham plads');
        await fill(page, 'proportionality', 'Nødvendigt for at undgå skade');
        await fill(page, 'least_intrusive', 'Mildeste greb, der virkede');
        await fill(page, 'gentleness', 'Så kort og skånsomt som muligt');
        await tap(page, 'citizen_injured=nej');
        await tap(page, 'staff_injured=nej');
        await fill(page, 'citizen_view', 'Jens sagde bagefter, at han var ked af det');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved', '"Gemt" after the IndexedDB write');
        assert(s.facts.staff_issues === '0', `staff part valid (issues: ${s.facts.staff_issues}; ${s.facts.staff_issue_first})`);
        await tap(page, 'form.mark_filled');
        await confirm(page, 'Markér som udfyldt?');
        s = await waitFor(page, (st) => st.facts.form_state === 'udfyldt' && st.facts.form_save === 'saved', 'Udfyldt, saved');
        assert(!(s.facts.findings || '').includes('REGISTRATION_LATE'), `on time on the tablet's day (${s.facts.findings})`);
        // The tablet's day when it registered: the test's start or now, three days back (a run across
        // Copenhagen's midnight sees both).
        const tabletDays = [danishDay(now - 3 * DAY_MS), danishDay(Date.now() - 3 * DAY_MS)];
        const onTabletDay = (text) => tabletDays.some((d) => (text || '').startsWith(`Registreret ${d} kl.`));
        assert(onTabletDay(s.facts.registered), `registered on the tablet's day: '${s.facts.registered}'`);
        assert(s.facts.form_sync === 'pending', `waiting to be sent while offline (${s.facts.form_sync})`);

        // Day 5: the tablet's clock is right again and the network is back. The app reloads and syncs.
        await page.evaluate(() => localStorage.removeItem('test.clock_offset_ms'));
        await page.unroute('**/api/**');
        await page.reload();
        s = await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'unlock', 'the unlock screen');
        await fill(page, 'login.password', PASSWORD);
        await tap(page, 'login.submit');
        s = await waitFor(page, (st) => st.facts.unlocked === 'yes' && st.facts.screen === 'citizens', 'unlocked');
        await tap(page, 'citizen.Jens Pedersen');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items[`form.${formId}`], 'the registration listed');
        await tap(page, `form.${formId}`);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id === formId &&
          st.facts.form_sync === 'sent', 'the registration sent to the server', 60000);
        // Opened on day 5, it is still judged on the day it was registered: by the tablet and by the server.
        assert(!(s.facts.findings || '').includes('REGISTRATION_LATE'), `no false lateness when opened later (${s.facts.findings})`);
        assert(!(s.facts.server_findings || '').includes('REGISTRATION_LATE'), `the server agrees (${s.facts.server_findings})`);
        s = await waitFor(page, (st) => (st.facts.registered || '').includes('modtaget af serveren'),
          'the server\'s receipt shown beside the registration time', 60000);
        assert(onTabletDay(s.facts.registered) &&
          s.facts.registered.includes(`modtaget af serveren ${danishDay(Date.now())} kl.`), `both times: '${s.facts.registered}'`);
        const row = sql(db, `SELECT f.registered_at = ff.filled_at, f.registered_at < e.at FROM form_instances f
          JOIN form_filled ff ON ff.form_instance_id = f.id JOIN form_events e ON e.form_instance_id = f.id
          AND e.to_state = 'udfyldt' WHERE f.id = '${formId}'`);
        assert(row === '1|1', `the statistics count the tablet's time, the event keeps the receipt (${row})`);
        const shot = await screenshot(page, 'registration-time-offline-day2-synced-day5');
        const stats = await canvasStats(page);
        assert(stats.nonBackgroundShare > 0.05, `form screen not blank (${stats.nonBackgroundShare.toFixed(3)})`);
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
        console.log(`     screenshot: ${shot}`);
      } catch (e) {
        await screenshot(page, 'registration-time-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
