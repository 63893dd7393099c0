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

async function run(viewport, dpr, name) {
  const { db, cleanup } = seededDb();
  const server = await startServer({ db });
  const { context, page, errors } = await launchBrowser({ touch: true, viewport, dpr });
  try {
    await page.goto(server.url);
    let s = await loginOnline(page, 'mette', PASSWORD);
    await tap(page, 'citizen.Jens Pedersen');
    s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the citizen overview');
    await clickItem(page, s, 'registration.day');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await typeText(page, '14.05.2024');
    await waitFor(page, (st) => st.items['registration.new.2020-1a'], 'Skema 1 a offered for 14.05.2024');
    await tap(page, 'registration.new.2020-1a');
    await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the new draft');

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

export const tests = [
  {
    name: 'a long Danish description wraps while typing and after leaving, portrait 768x1024',
    async fn() { await run({ width: 768, height: 1024 }, 2, 'portrait'); },
  },
  {
    name: 'a long Danish description wraps while typing and after leaving, landscape 1024x768',
    async fn() { await run({ width: 1024, height: 768 }, 1, 'landscape'); },
  },
];
