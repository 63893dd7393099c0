// Helpers for browser tests: start the real magtreg server on a free port, drive Debian's Chromium
// through playwright-core, read the app's test hooks, click real coordinates, type real key events,
// and measure the rendered canvas.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/browser/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

// Starts `magtreg serve` and resolves once /api/health answers.
export async function startServer({ port, db, appDir, extraArgs = [] } = {}) {
  port = port ?? await freePort();
  const ownDir = db ? null : mkdtempSync(path.join(os.tmpdir(), 'magtreg-bt-'));
  db = db ?? path.join(ownDir, 'server.db');
  const bin = process.env.MAGTREG_BIN ?? path.join(ROOT, 'build/native/magtreg');
  const proc = spawn(bin, ['serve', '--port', String(port), '--db', db,
    '--public', path.join(ROOT, 'public'), '--app', appDir ?? process.env.MAGTREG_APP_DIR ?? path.join(ROOT, 'build/wasm/app'),
    ...extraArgs],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}): ${log}`);
    try {
      const r = await fetch(url + 'api/health');
      if (r.ok) break;
    } catch { /* not up yet */ }
    await sleep(100);
  }
  return {
    url, port, db, proc,
    log: () => log,
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([done, sleep(5000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
    cleanup() { if (ownDir) rmSync(ownDir, { recursive: true, force: true }); },
  };
}

// `serviceWorkers: 'block'` for tests that intercept API requests with page.route(): once the service
// worker controls the page (clients.claim() lands at a moment of its own), Chromium hands every request
// to it first and Playwright's routes no longer see them.
// `testHooks`: the app records its frames for appState() only when the page asks before it starts (the
// shipped app records nothing; issue 27 item 8).
export async function launchBrowser({ touch = false, viewport = { width: 1024, height: 768 }, dpr = 2,
  serviceWorkers = 'allow', testHooks = true } = {}) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'magtreg-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    deviceScaleFactor: dpr,
    hasTouch: touch,
    serviceWorkers,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'],
  });
  if (testHooks) await context.addInitScript(() => { window.magtregTestHooks = true; });
  const page = context.pages()[0] ?? await context.newPage();
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(userDataDir, { recursive: true, force: true }); };
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

// The app's last complete frame: {frame, items: {id: [x0,y0,x1,y1]}, facts: {...}} or null.
export async function appState(page) {
  return page.evaluate(() => {
    if (!window.Module || !Module._magtreg_test_state || !Module.UTF8ToString) return null;
    return JSON.parse(Module.UTF8ToString(Module._magtreg_test_state()));
  });
}

export async function waitFor(page, predicate, what, timeoutMs = 20000) {
  const t0 = Date.now();
  let last = null;
  while (Date.now() - t0 < timeoutMs) {
    last = await appState(page).catch(() => null);
    if (last && last.frame > 0 && predicate(last)) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

export async function clickItem(page, state, id) {
  const r = state.items[id];
  if (!r) throw new Error(`no widget '${id}' on screen; have: ${Object.keys(state.items).join(', ')}`);
  await page.mouse.click((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
}

// Types text one character at a time as real key events (CDP), so æ ø å arrive as GLFW/ImGui sees them.
export async function typeText(page, text) {
  const cdp = await page.context().newCDPSession(page);
  for (const ch of text) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
    await sleep(15);
  }
  await cdp.detach();
}

// Pixel statistics of the WebGL canvas (drawn with preserveDrawingBuffer): how much is not background
// and how many distinct colours appear. A blank or single-colour frame fails these.
export async function canvasStats(page) {
  return page.evaluate(() => {
    const src = document.getElementById('canvas');
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(src, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const bg = [data[0], data[1], data[2]];
    let differ = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {
      if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 30) differ++;
      if (colours.size < 5000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width: c.width, height: c.height, nonBackgroundShare: differ / (data.length / (4 * 7)), colours: colours.size };
  });
}

export async function screenshot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  writeFileSync(file, await page.screenshot());
  return file;
}

// Scrolls the window under the widget with the mouse wheel until the widget is inside the viewport
// below the top bar, then returns the fresh state.
export async function scrollIntoView(page, id, { top = 120 } = {}) {
  const vh = page.viewportSize().height;
  await waitFor(page, (st) => st.items[id], `widget '${id}' drawn`, 5000);
  for (let i = 0; i < 60; i++) {
    const s = await appState(page);
    const r = s && s.items[id];
    if (!r) throw new Error(`no widget '${id}'; have: ${s ? Object.keys(s.items).join(', ') : '(no state)'}`);
    if (r[1] >= top && r[3] <= vh - 10) return s;
    const dy = r[1] < top ? -Math.min(400, top - r[1] + 40) : Math.min(400, r[3] - vh + 80);
    await page.mouse.move(page.viewportSize().width / 2, Math.max(top + 20, vh / 2));
    await page.mouse.wheel(0, dy);
    const f = s.frame;
    await waitFor(page, (st) => st.frame > f + 2, 'frames after scrolling');
  }
  throw new Error(`could not scroll '${id}' into view`);
}

// Logs in online as `username` from the login screen and waits until the first sync has finished.
export async function loginOnline(page, username, password) {
  await waitFor(page, (st) => st.facts.screen === 'home' && st.facts.login_mode === 'login' && st.facts.online === 'yes',
    'the login screen, online');
  for (const [id, text] of [['login.username', username], ['login.password', password]]) {
    const s = await scrollIntoView(page, id);
    await clickItem(page, s, id);
    await typeText(page, text);
  }
  const s = await scrollIntoView(page, 'login.submit');
  await clickItem(page, s, 'login.submit');
  return waitFor(page, (st) => st.facts.unlocked === 'yes' && Number(st.facts.citizens) > 0 &&
    st.facts.sync_running === 'no' && st.facts.sync_text !== undefined, 'citizens downloaded after login', 60000);
}

// A top-bar action, drawn: on the bar, or in "Menu" (opened for it) when it does not fit the screen's width.
export async function barItem(page, id) {
  const s = await waitFor(page, (st) => st.items[id] || st.items['nav.menu'], `'${id}' or the menu drawn`, 5000);
  if (s.items[id]) return s;
  await clickItem(page, s, 'nav.menu');
  return waitFor(page, (st) => st.facts.bar_menu === 'open' && st.items[id], `'${id}' in the menu`, 5000);
}

// Answers the confirmation that a final step (Udfyldt, Låst, a decision) asks for: its dialog is open
// and "confirm.ok" is tapped.
export async function confirm(page, title) {
  const s = await waitFor(page, (st) => st.facts.dialog === title && st.items['confirm.ok'], `the dialog '${title}'`, 5000);
  await clickItem(page, s, 'confirm.ok');
  await waitFor(page, (st) => st.facts.dialog !== title, `the dialog '${title}' closed`, 5000);
}

// One real touch event (CDP Input.dispatchTouchEvent) with the given points in CSS pixels.
export async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
}

// A finger tap on a widget scrolled into view, at its centre; waits a few frames.
export async function touchTap(page, cdp, id) {
  const s = await scrollIntoView(page, id);
  const r = s.items[id];
  const x = (r[0] + r[2]) / 2, y = (r[1] + r[3]) / 2;
  await touch(cdp, 'touchStart', [[x, y]]);
  await sleep(60);
  await touch(cdp, 'touchEnd', []);
  await waitFor(page, (st) => st.frame > s.frame + 2, `frames after tapping ${id}`);
}

// Taps a widget (scrolled into view) and waits two frames; returns the state after them.
export async function tap(page, id) {
  const s = await scrollIntoView(page, id);
  await clickItem(page, s, id);
  const f = s.frame;
  return waitFor(page, (st) => st.frame > f + 1, `frames after tapping ${id}`);
}

// Taps a text field (scrolled into view) and types `text` into it as real key events.
export async function fill(page, id, text) {
  const s = await scrollIntoView(page, id);
  await clickItem(page, s, id);
  await typeText(page, text);
}

// Runs one SQL query on a server database with Debian's sqlite3 and returns its text output.
export function sql(db, query) {
  return execFileSync('sqlite3', [db, query]).toString().trim();
}

// A fresh server database with the demo municipality (magtreg seed-demo) in a temporary folder.
export function seededDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'magtreg-bt-'));
  const db = path.join(dir, 'server.db');
  execFileSync(process.env.MAGTREG_BIN ?? path.join(ROOT, 'build/native/magtreg'), ['seed-demo', '--db', db], { stdio: 'ignore' });
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

// Every file the app's IndexedDB holds (the IDBFS database '/data', store FILE_DATA), read from
// IndexedDB itself, not through the app: [{path, bytes}] with the contents as a latin1 string.
export async function indexedDbFiles(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('/data');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const out = [];
      const cursor = db.transaction('FILE_DATA').objectStore('FILE_DATA').openCursor();
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) { db.close(); resolve(out); return; }
        const contents = c.value && c.value.contents;
        out.push({ path: String(c.key), bytes: contents ? new TextDecoder('latin1').decode(contents) : '' });
        c.continue();
      };
    };
  }));
}

// Changes one byte of a file in the app's IndexedDB (an attacker with the browser profile).
export async function changeIndexedDbByte(page, path, at) {
  return page.evaluate(([p, i]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('/data');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('FILE_DATA', 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      const get = store.get(p);
      get.onsuccess = () => {
        const v = get.result;
        if (!v || !v.contents || v.contents.length <= i) { reject(new Error(`no byte ${i} in ${p}`)); return; }
        const bytes = new Uint8Array(v.contents);
        bytes[i] ^= 0x01;
        v.contents = bytes;
        store.put(v, p);
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [path, at]);
}

// The IDBFS path of a user's encrypted record store (core/client/local_store: store_file_for).
export function storePath(username) {
  return `/data/magtreg-store-${Buffer.from(username.toLowerCase(), 'latin1').toString('hex')}.db`;
}
