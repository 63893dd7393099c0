// Issue 30 item 6: how many taps a carer needs for a registration, counted with real touch events, and
// the shortcuts that keep it short: "vis ›" goes to the first field that is missing, "Gå til afsnit …"
// to a section.
import { appState, assert, launchBrowser, loginOnline, screenshot, scrollIntoView, seededDb, sleep, sql, startServer,
  touch, typeText, waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';

// "HH:MM" in Copenhagen, `minutesAgo` before now, not before today's 00:00.
function copenhagenTimeAgo(minutesAgo) {
  const hm = (ms) => new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit',
    minute: '2-digit', hour12: false }).format(new Date(ms)).replace('.', ':');
  const now = hm(Date.now());
  const earlier = hm(Date.now() - minutesAgo * 60000);
  return earlier > now ? '00:00' : earlier;
}

// A finger on the tablet: every tap is counted, and whether it opened a free-text field.
function finger(page, cdp) {
  const taps = [];
  const tapOn = async (id, { text = false } = {}) => {
    const s = await scrollIntoView(page, id, { top: 160 });
    const r = s.items[id];
    await touch(cdp, 'touchStart', [[(r[0] + r[2]) / 2, (r[1] + r[3]) / 2]]);
    await sleep(70);
    await touch(cdp, 'touchEnd', []);
    taps.push({ id, text });
    return waitFor(page, (st) => st.frame > s.frame + 3, `frames after tapping ${id}`);
  };
  const write = async (id, words) => {
    await tapOn(id, { text: true });
    await cdp.send('Input.insertText', { text: words });
  };
  return { taps, tapOn, write };
}

// Logs in as the carer Mette and opens a new § 124 d form (2024 Skema 1) for Jens Pedersen with the finger;
// the finger (its two taps counted) and the state of the new draft.
async function newDraft(page, context, server) {
  await page.goto(server.url);
  await loginOnline(page, 'mette', PASSWORD);
  const cdp = await context.newCDPSession(page);
  const hand = finger(page, cdp);
  await hand.tapOn('citizen.Jens Pedersen');
  await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'], 'the overview');
  await hand.tapOn('registration.new.2024-1');
  const s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the draft');
  return { cdp, ...hand, s };
}

// A small seeded generator (mulberry32): the same pauses on every run, printed with the seed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const tests = [
  {
    // Issue 30 item 2 and "done when": taps at a human pace (0.4-2.6 s apart) while the autosave syncs run,
    // each aimed at a field and typed into; every one of 50 fields must hold what was typed into it, on the
    // tablet and on the server (before the fix 25/30 and 16/20 did, the rest got a neighbour's text).
    name: 'fifty fields typed at a human pace while syncs run in portrait: every field holds its own text, on the server too',
    async fn() {
      const seed = seededDb();
      const server = await startServer({ db: seed.db });
      // DPR 1: the taps and the layout shifts under them are the same in CSS pixels, and software WebGL draws
      // the frames every tap waits for four times faster (the DPR 2 touch tests are tablet_touch/scroll).
      const { context, page, errors } = await launchBrowser({ touch: true, viewport: { width: 768, height: 1024 }, dpr: 1 });
      const pauseSeed = Number(process.env.MAGTREG_PAUSE_SEED ?? 20261207);
      const pause = random(pauseSeed);
      try {
        const { cdp, taps, tapOn, s: draft } = await newDraft(page, context, server);
        let s = draft;
        const formId = s.facts.form_id;
        // People first (rows are added by taps that type nothing), then the form's own fields in its order.
        for (let i = 1; i < 12; i++) await tapOn('staff_involved#add');
        for (let i = 0; i < 8; i++) await tapOn('witnesses#add');
        await tapOn('basis=124d');
        await tapOn('voluntary_tried=ja');
        await tapOn('citizen_injured=ja');
        await tapOn('staff_injured=ja');
        const fields = ['staff_involved[0].role'];
        for (let i = 1; i < 12; i++) fields.push(`staff_involved[${i}].name`, `staff_involved[${i}].role`);
        for (let i = 0; i < 8; i++) fields.push(`witnesses[${i}].name`, `witnesses[${i}].role`);
        fields.push('ended_at#date', 'duration_minutes', 'place', 'situation_before', 'intervention', 'voluntary_how',
          'proportionality', 'least_intrusive', 'gentleness', 'citizen_injuries', 'staff_injuries', 'citizen_view');
        const expected = {};
        let n = 0;
        for (const id of fields) {
          n++;
          const text = id === 'duration_minutes' ? '17' : id === 'ended_at#date' ? '01.12.2026' : `Tekst ${n} for ${id} æøå`;
          expected[id] = text;
          await sleep(400 + Math.floor(pause() * 2200));
          await tapOn(id, { text: true });
          await cdp.send('Input.insertText', { text });
        }
        assert(fields.length >= 50, `${fields.length} fields typed`);
        s = await waitFor(page, (st) => st.facts.form_save === 'saved', 'the last edit saved', 10000);
        const content = JSON.parse(s.facts.form_content);
        const stored = (c, id) => {
          if (id === 'ended_at#date') return typeof c.ended_at === 'string' ? c.ended_at.split(' ')[0] : undefined;
          if (id === 'duration_minutes') return String(c.duration_minutes);
          const m = id.match(/^(\w+)\[(\d+)\]\.(\w+)$/);
          return m ? c[m[1]]?.[Number(m[2])]?.[m[3]] : c[id];
        };
        const wrong = fields.filter((id) => stored(content, id) !== expected[id]);
        assert(wrong.length === 0, `every field holds its own text on the tablet; wrong: ${wrong.map((id) =>
          `${id}='${stored(content, id)}'`).join(', ')}`);
        // The server's copy after the syncs that ran meanwhile and the last one.
        s = await waitFor(page, (st) => st.facts.form_sync === 'sent' && st.facts.outbox_pending === '0', 'all sent', 30000);
        // Each upload of the draft is a revision on the server.
        const syncs = Number(sql(seed.db, `SELECT revision FROM form_instances WHERE id = '${formId}'`));
        let onServer = {};
        let wrongThere = fields;
        for (let i = 0; i < 50 && wrongThere.length; i++, await sleep(200)) {
          onServer = JSON.parse(sql(seed.db, `SELECT content FROM form_instances WHERE id = '${formId}'`) || '{}');
          wrongThere = fields.filter((id) => stored(onServer, id) !== expected[id]);
        }
        assert(wrongThere.length === 0, `every field holds its own text on the server; wrong: ${wrongThere.join(', ')}`);
        assert(syncs >= 3, `the autosave synced while typing (revision ${syncs} on the server)`);
        console.log(`     ${fields.length} fields, ${taps.length} taps, ${syncs} revisions uploaded during the typing (pause seed ${pauseSeed})`);
        await screenshot(page, 'taps-fifty-fields');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
  {
    name: 'a carer registers a § 124 d with at most 15 taps besides the free text (real touch, portrait)',
    async fn() {
      const seed = seededDb();
      const server = await startServer({ db: seed.db });
      const { context, page, errors } = await launchBrowser({ touch: true, viewport: { width: 768, height: 1024 } });
      try {
        const { taps, tapOn, write, s: draft } = await newDraft(page, context, server);
        let s = draft;
        const day = JSON.parse(s.facts.form_content).started_at;
        assert(/^\d{4}-\d{2}-\d{2}$/.test(day), `the day of the intervention carried from the overview ('${day}')`);
        await write('staff_involved[0].role', 'Pædagog');
        await tapOn('started_at#time');
        await typeText(page, copenhagenTimeAgo(20).replace(':', ''));
        await tapOn('ended_at#now');
        await tapOn('duration_minutes');
        await typeText(page, '4');
        await write('place', 'Fællesstuen');
        await tapOn('basis=124d');
        await tapOn('basis_124d_subsection=stk1');
        await write('situation_before', 'Jens var urolig og slog ud efter en medbeboer.');
        await write('intervention', 'Jens blev ført væk ved armen og fastholdt kortvarigt.');
        await tapOn('voluntary_tried=ja');
        await write('voluntary_how', 'Vi talte roligt med ham og tilbød en pause på værelset.');
        await write('proportionality', 'Medbeboeren var i fare for at komme til skade.');
        await write('least_intrusive', 'Afledning og tale var forsøgt uden virkning.');
        await write('gentleness', 'Grebet blev løsnet, så snart han var rolig.');
        await tapOn('citizen_injured=nej');
        await tapOn('staff_injured=nej');
        await write('citizen_view', 'Jens sagde bagefter, at han var ked af det.');
        s = await waitFor(page, (st) => st.facts.staff_issues === '0', 'the staff part complete', 10000).catch(async () => {
          const now = await appState(page);
          throw new Error(`still missing: ${now.facts.staff_issues} (${now.facts.staff_issue_first})`);
        });
        await tapOn('form.mark_filled');
        await waitFor(page, (st) => st.facts.dialog === 'Markér som udfyldt?' && st.items['confirm.ok'], 'the question');
        await tapOn('confirm.ok');
        s = await waitFor(page, (st) => st.facts.form_state === 'udfyldt', 'Udfyldt');
        const counted = taps.filter((t) => !t.text);
        console.log(`     ${taps.length} taps in all; ${counted.length} besides the ${taps.length - counted.length} ` +
          `that open a free-text field: ${counted.map((t) => t.id).join(', ')}`);
        assert(counted.length <= 15, `at most 15 taps besides the free text (${counted.length})`);
        await screenshot(page, 'taps-124d-udfyldt');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
  {
    name: '"vis ›" goes to the first missing field and then the next; "Gå til afsnit …" goes to a section (phone)',
    async fn() {
      const seed = seededDb();
      const server = await startServer({ db: seed.db });
      const { context, page, errors } = await launchBrowser({ touch: true, viewport: { width: 390, height: 844 }, dpr: 3 });
      try {
        const { tapOn } = await newDraft(page, context, server);
        await waitFor(page, (st) => st.items['form.next_missing'], 'the draft with fields missing');
        const visible = (st, id) => {
          const r = st.items[id];
          return r && r[1] >= Number(st.facts.status_bar_height) && r[3] <= 844;
        };
        // The first missing field of the staff part is the intervention's start (its day is carried, its
        // time is not), low on a phone's screen.
        let s = await tapOn('form.next_missing');
        const first = s.facts.next_missing;
        assert(first === 'started_at', `the first missing field is the start (${first})`);
        s = await waitFor(page, (st) => visible(st, 'started_at#time'), 'the start\'s time field on the screen', 5000);
        await tapOn('started_at#time');
        await typeText(page, copenhagenTimeAgo(20).replace(':', ''));
        s = await waitFor(page, (st) => st.facts.next_missing && st.facts.next_missing !== first, 'the next missing field');
        const second = s.facts.next_missing;
        assert(second === 'ended_at', `then the intervention's end (${second})`);
        // Back to the top, and "vis ›" again: the end's field comes into view.
        s = await scrollIntoView(page, 'form.next_missing', { top: 100 });
        assert(!visible(s, 'ended_at#time') || s.items['ended_at#time'][1] > 600, 'the end not already at hand');
        await tapOn('form.next_missing');
        s = await waitFor(page, (st) => visible(st, 'ended_at#time') && st.items['ended_at#time'][1] < 500,
          'the end\'s time field high on the screen', 5000);
        await screenshot(page, 'taps-next-missing-phone');
        // The section index.
        s = await scrollIntoView(page, 'form.sections', { top: 100 });
        await tapOn('form.sections');
        s = await waitFor(page, (st) => st.facts.sections_menu === 'open' && st.items['form.sections.course'],
          'the section index open', 5000).catch(async () => {
          const now = await appState(page);
          throw new Error(`no section 'course': ${Object.keys(now.items).filter((k) => k.startsWith('form.sections')).join(', ')}`);
        });
        for (const [id, r] of Object.entries(s.items).filter(([k]) => k.startsWith('form.sections.')))
          assert(r[0] >= 0 && r[2] <= 390, `${id} inside the screen (${r})`);
        await screenshot(page, 'taps-section-index-phone');
        await tapOn('form.sections.course');
        s = await waitFor(page, (st) => st.facts.sections_menu !== 'open' && visible(st, 'section.course'),
          'the section "Forløbet" on the screen', 5000);
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
];
