// Shared steps of the role tests (leader, committee): a seeded demo server, login, taps and typing on
// named widgets, the "Opgaver" list, and reading the server's database directly for the assertions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appState, assert, barItem, canvasStats, clickItem, ROOT, screenshot, scrollIntoView, startServer, typeText,
  waitFor } from './lib.mjs';

export const BIN = process.env.MAGTREG_BIN ?? path.join(ROOT, 'build/native/magtreg');
export const PASSWORD = 'Magtreg-demo-2026';

export async function demoServer() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'magtreg-roles-'));
  const db = path.join(dir, 'server.db');
  execFileSync(BIN, ['seed-demo', '--db', db], { stdio: 'ignore' });
  const server = await startServer({ db });
  return { dir, db, server };
}

export function sql(db, query) {
  return execFileSync('sqlite3', [db, query]).toString().trim();
}

// The Copenhagen day of the instant `d` as the app's date fields take it: "dd.mm.åååå". The app's "today" is
// Copenhagen's, so between 23:00 and midnight UTC (00:00-01:00 in Copenhagen) the machine's own day would be
// the day before.
export function danishDate(d) {
  const parts = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit',
    year: 'numeric' }).formatToParts(d);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('day')}.${part('month')}.${part('year')}`;
}

export async function tap(page, id) {
  // The top bar never scrolls; everything else is scrolled into view first. An action that does not fit
  // on the bar is in its menu.
  const s = id.startsWith('nav.') ? await barItem(page, id) : await scrollIntoView(page, id);
  await clickItem(page, s, id);
  const f = s.frame;
  await waitFor(page, (st) => st.frame > f + 1, `frames after tapping ${id}`);
}

export async function fill(page, id, text) {
  const s = await scrollIntoView(page, id);
  await clickItem(page, s, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await typeText(page, text);
}

// Opens the app at `url` and submits the login of a demo user, online; the caller waits for its screen.
export async function submitLogin(page, url, username) {
  await page.goto(url);
  await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'login' && st.facts.online === 'yes',
    'the login screen, online');
  await fill(page, 'login.username', username);
  await fill(page, 'login.password', PASSWORD);
  await tap(page, 'login.submit');
}

// Logs in online and waits for the first download to finish and "Opgaver" to be loaded.
export async function login(page, url, username) {
  await submitLogin(page, url, username);
  return waitFor(page, (st) => st.facts.unlocked === 'yes' && st.facts.screen === 'work' && st.facts.wf_busy === 'no' &&
    st.facts.sync_running === 'no' && Number(st.facts.citizens) > 0, `${username}: Opgaver after login`, 60000);
}

// Opens the first work item of `kind` from "Opgaver"; returns the state after the tap.
export async function openWorkItem(page, kind) {
  const s = await waitFor(page, (st) => st.facts.screen === 'work' && st.facts.wf_busy === 'no' &&
    (st.facts.work_kinds || '').split(',').includes(kind), `a work item '${kind}'`, 20000);
  const index = s.facts.work_kinds.split(',').indexOf(kind);
  await tap(page, `work.${index}`);
  return appState(page);
}

// A screenshot that must not be blank; returns its path (look at it).
export async function checkedShot(page, name) {
  const stats = await canvasStats(page);
  const file = await screenshot(page, name);
  assert(stats.nonBackgroundShare > 0.03, `${name} not blank (${stats.nonBackgroundShare.toFixed(3)})`);
  assert(stats.colours > 30, `${name} has anti-aliased text (${stats.colours} colours)`);
  return file;
}
