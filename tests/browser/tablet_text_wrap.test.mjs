// Issue 15 item 2: a multi-line field wraps at its width while typing and after leaving it, grows with its
// text, and stores exactly what was typed (no soft line breaks). Portrait and landscape tablet, touch.
import { appState, assert, clickItem, launchBrowser, loginOnline, screenshot, scrollIntoView, seededDb, startServer,
  tap, typeText, waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';
const FIELD = 'situation_before';
const FIRST = 'Jens sad ved bordet i fællesstuen på Æblegården, da en medbeboer tog hans kop. ';
const REST = 'Han blev meget urolig, råbte og slog ud efter medbeboeren og bagefter mod personalet. ' +
  'Søren forsøgte først at tale roligt med ham og gav ham plads, men Jens fortsatte og væltede en stol. ' +
  'For at undgå, at nogen kom til skade, førte vi ham væk fra bordet ved at holde hans arm i få minutter, ' +
  'indtil han faldt til ro på sit værelse med sin yndlingsmusik. Øjeblikket varede kort.';
const TEXT = FIRST + REST;

const wrapFact = (st) => st.facts[`text_area.${FIELD}`] && JSON.parse(st.facts[`text_area.${FIELD}`]);

async function checkWrapped(st, what) {
  const w = wrapFact(st);
  const r = st.items[FIELD];
  assert(w && r, `${what}: the field and its wrap fact are drawn`);
  assert(w.fits && w.widest_line <= w.wrap_width + 0.5, `${what}: no line runs past the field (widest ${w.widest_line} > ${w.wrap_width})`);
  assert(w.wrap_width < r[2] - r[0], `${what}: wrap width ${w.wrap_width} inside the field (${r[2] - r[0]} px)`);
  return { w, height: r[3] - r[1] };
}

// Mette, online, opens a new Skema 1 a (2020) for Jens on 14.05.2024.
async function openNewDraft(page, server) {
  await page.goto(server.url);
  await loginOnline(page, 'mette', PASSWORD);
  await tap(page, 'citizen.Jens Pedersen');
  const s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the citizen overview');
  await clickItem(page, s, 'registration.day');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await typeText(page, '14.05.2024');
  await waitFor(page, (st) => st.items['registration.new.2020-1a'], 'Skema 1 a offered for 14.05.2024');
  await tap(page, 'registration.new.2020-1a');
  await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the new draft');
}

async function run(viewport, dpr, name) {
  const { db, cleanup } = seededDb();
  const server = await startServer({ db });
  const { context, page, errors } = await launchBrowser({ touch: true, viewport, dpr });
  try {
    await openNewDraft(page, server);
    let s;

    // A finger taps the field: the keyboard proxy takes focus, ImGui edits the field.
    s = await scrollIntoView(page, FIELD, { top: 140 });
    const [x0, y0, x1] = s.items[FIELD];
    await page.touchscreen.tap((x0 + x1) / 2, y0 + 20);
    s = await waitFor(page, (st) => wrapFact(st) && wrapFact(st).active, 'the field being edited');
    const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(active === 'text-proxy', `keyboard proxy focused after the tap (active: ${active})`);
    const empty = await checkWrapped(s, 'empty');

    await typeText(page, FIRST);
    s = await waitFor(page, (st) => JSON.parse(st.facts.form_content)[FIELD] === FIRST, 'the first sentence typed');
    const first = await checkWrapped(s, 'first sentence');
    await typeText(page, REST);
    s = await waitFor(page, (st) => JSON.parse(st.facts.form_content)[FIELD] === TEXT, 'the whole text typed', 30000);
    s = await waitFor(page, (st) => st.frame > s.frame + 2, 'frames after typing');
    const full = await checkWrapped(s, 'whole text, editing');
    assert(full.w.active, 'still editing');
    assert(full.w.lines > 1 && full.w.lines > first.w.lines, `wrapped lines grow: ${first.w.lines} -> ${full.w.lines}`);
    assert(full.w.shown_lines === full.w.lines, `every line inside the field while editing (${full.w.shown_lines}/${full.w.lines})`);
    assert(full.height > first.height || full.height >= full.w.lines * full.w.line_height,
      `the field grows with its text (${empty.height} -> ${first.height} -> ${full.height} px)`);
    assert(full.height >= full.w.lines * full.w.line_height, `the field holds ${full.w.lines} lines (${full.height} px)`);
    await screenshot(page, `text-wrap-${name}-editing`);

    // Leave the field (tap the next field): the whole text stays shown, wrapped, and is stored untouched.
    s = await scrollIntoView(page, 'intervention', { top: 140 });
    const [i0, j0, i1, j1] = s.items.intervention;
    await page.touchscreen.tap((i0 + i1) / 2, (j0 + j1) / 2);
    s = await waitFor(page, (st) => wrapFact(st) && !wrapFact(st).active && st.facts.form_save === 'saved',
      'the field left, the text saved');
    s = await scrollIntoView(page, FIELD, { top: 140 });
    const left = await checkWrapped(s, 'after leaving');
    assert(left.w.lines === full.w.lines, `same wrapping after leaving (${left.w.lines} vs ${full.w.lines})`);
    assert(left.w.shown_lines === left.w.lines && left.height >= left.w.lines * left.w.line_height,
      `the whole text shown after leaving (${left.w.shown_lines}/${left.w.lines} lines, ${left.height} px)`);
    const content = JSON.parse(s.facts.form_content);
    assert(content[FIELD] === TEXT, `stored exactly as typed: ${JSON.stringify(content[FIELD])}`);
    assert(!content[FIELD].includes('\n'), 'no line breaks inserted');
    await screenshot(page, `text-wrap-${name}`);
    assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
    return (await appState(page)).facts;
  } finally {
    await context.close();
    await server.stop();
    server.cleanup();
    cleanup();
  }
}

// Issue 29 item 4: a field takes no more than its form allows (the server refuses past it). 520 letters
// pasted into "Sted" (500) keep the first 500; a key typed at the limit changes nothing; the field says
// why, and the draft is saved and accepted.
async function runLimit() {
  const { db, cleanup } = seededDb();
  const server = await startServer({ db });
  const { context, page, errors } = await launchBrowser({ touch: true, viewport: { width: 768, height: 1024 }, dpr: 2 });
  try {
    await openNewDraft(page, server);
    let s = await scrollIntoView(page, 'place', { top: 140 });
    const [x0, y0, x1, y1] = s.items.place;
    await page.touchscreen.tap((x0 + x1) / 2, (y0 + y1) / 2);
    s = await waitFor(page, (st) => st.frame > s.frame + 3, 'frames after the tap');
    const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(active === 'text-proxy', `keyboard proxy focused after the tap (active: ${active})`);
    const pasted = 'Fællesstuen på Æblegården ved vinduet. '.repeat(14).slice(0, 520);
    assert([...pasted].length === 520, 'the pasted text is 520 characters');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.insertText', { text: pasted });
    await cdp.detach();
    s = await waitFor(page, (st) => st.facts['text_limit.place'] === '500/500 clipped', 'the paste cut at 500 characters');
    await typeText(page, 'x');
    s = await waitFor(page, (st) => st.frame > s.frame + 3, 'frames after a key at the limit');
    const kept = JSON.parse(s.facts.form_content).place;
    assert(kept === [...pasted].slice(0, 500).join(''), `the first 500 characters kept (${[...kept].length})`);
    assert(s.facts['text_limit.place'] === '500/500 clipped', `still at the limit: ${s.facts['text_limit.place']}`);
    // Leave the field: the draft is saved on the tablet and accepted by the server.
    s = await scrollIntoView(page, 'intervention', { top: 140 });
    const [i0, j0, i1, j1] = s.items.intervention;
    await page.touchscreen.tap((i0 + i1) / 2, (j0 + j1) / 2);
    await waitFor(page, (st) => st.facts.form_save === 'saved', 'the draft saved');
    s = await waitFor(page, (st) => st.facts.form_sync === 'sent' && st.facts.outbox_pending === '0', 'the draft sent', 30000);
    assert(s.facts.outbox_rejected === '0', `nothing refused (${s.facts.sync_error})`);
    s = await scrollIntoView(page, 'place', { top: 300 });
    assert(s.facts['text_limit.place'] === '500/500 clipped', 'the reason still shown after leaving the field');
    await screenshot(page, 'text-limit-portrait');
    assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
    await server.stop();
    server.cleanup();
    cleanup();
  }
}

export const tests = [
  {
    name: 'a text pasted past its field\'s limit keeps what fits, says why, and the draft is accepted, portrait 768x1024',
    fn: runLimit,
  },
  {
    name: 'a long Danish description wraps while typing and after leaving, portrait 768x1024',
    async fn() { await run({ width: 768, height: 1024 }, 2, 'portrait'); },
  },
  {
    name: 'a long Danish description wraps while typing and after leaving, landscape 1024x768',
    async fn() { await run({ width: 1024, height: 768 }, 1, 'landscape'); },
  },
];
