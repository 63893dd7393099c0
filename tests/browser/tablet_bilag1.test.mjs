// Bilag 1 (daily lines under a pre-approval, 2020 set) through the real page: a Skema 1 a registered under
// Jens's 2024 § 125 decision (the demo's decision of 1 January – 30 June 2024, expired since: a late
// registration under it is still offered for a day it covers) offers "+ Bilag 1" on the citizen overview; the Bilag 1 is created attached to it (parent_id, the Skema's
// case), prefilled from it, shows its table of lines, is marked Udfyldt, takes an appended line (the saved
// one read-only), and reaches the server with the same parent and case.
import { appState, assert, canvasStats, clickItem, confirm, fill, launchBrowser, loginOnline, screenshot, scrollIntoView,
  seededDb, sql, startServer, tap, typeText, waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';

export const tests = [
  {
    name: 'a Bilag 1 is created attached to its Skema 1 a on the same case and syncs',
    async fn() {
      const seed = seededDb();
      const server = await startServer({ db: seed.db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 900 }, dpr: 1 });
      try {
        await page.goto(server.url);
        await loginOnline(page, 'mette', PASSWORD);
        await tap(page, 'citizen.Jens Pedersen');
        let s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the overview');
        await clickItem(page, s, 'registration.day');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await typeText(page, '14.05.2024');
        const decisionId = sql(seed.db, "SELECT id FROM decisions WHERE valid_from = '2024-01-01'");
        const under = `registration.under.${decisionId}.2020-1a`;
        await waitFor(page, (st) => st.items[under], 'Skema 1 a under the decision offered for 14.05.2024');
        await tap(page, under);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the Skema 1 a draft');
        const parentId = s.facts.form_id;
        await fill(page, 'started_at#date', '14.05.2024');
        await fill(page, 'started_at#time', '21:30');
        await tap(page, 'basis=125');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved' && JSON.parse(st.facts.form_content).basis === '125',
          'basis § 125 saved');
        await tap(page, 'form.back');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items[`bilag1.new.${parentId}`],
          'the overview offers a Bilag 1 for the Skema 1 a');
        await tap(page, `bilag1.new.${parentId}`);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id !== parentId &&
          st.facts.form_state === 'kladde', 'the Bilag 1 draft');
        const bilagId = s.facts.form_id;
        const content = JSON.parse(s.facts.form_content);
        assert(content.period_start === '2024-05-14', `period starts on the Skema's day (${content.period_start})`);
        assert(content.basis === '125', `basis from the Skema (${content.basis})`);
        assert(content.first_registration === 'Skema 1 a, indgreb 14.05.2024 kl. 21:30',
          `first registration named (${content.first_registration})`);
        assert(content.citizen_name === 'Jens Pedersen', 'citizen prefilled');
        // The decision in force on the period's first day is named; each line is checked against it.
        assert((content.decision_reference || '').startsWith('Afgørelse § 125'),
          `the decision named (${content.decision_reference})`);
        assert(s.items['lines#add'], 'the table of lines can take a line');
        await tap(page, 'lines#add');
        await fill(page, 'lines[0].staff', 'Søren Ørsted');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved' &&
          (JSON.parse(st.facts.form_content).lines || [])[0]?.staff === 'Søren Ørsted', 'a line saved');
        const stats = await canvasStats(page);
        await screenshot(page, 'bilag1-form');
        assert(stats.nonBackgroundShare > 0.05 && stats.colours > 50, 'the Bilag 1 screen is drawn');

        // The first line complete, the Bilag 1 is marked Udfyldt; then lines can only be appended.
        await fill(page, 'lines[0].date', '14.05.2024');
        await fill(page, 'lines[0].time', '22:00');
        await fill(page, 'lines[0].duration_minutes', '10');
        await fill(page, 'lines[0].description', 'Skærmet på værelset, guidet tilbage i seng.');
        await waitFor(page, (st) => st.facts.form_save === 'saved' && st.facts.staff_issues === '0', 'the staff part valid');
        await tap(page, 'form.mark_filled');
        await confirm(page, 'Markér som udfyldt?');
        s = await waitFor(page, (st) => st.facts.form_state === 'udfyldt' && st.facts.form_save === 'saved', 'Udfyldt');
        assert(!s.items['lines[0].staff'] && !s.items['lines[0]#remove'], 'the saved line is read-only');
        assert(!s.items['period_start'], 'the period start is read-only');
        assert(s.items['lines#add'], 'a new line can still be added');
        await tap(page, 'lines#add');
        await fill(page, 'lines[1].date', '15.05.2024');
        s = await waitFor(page, (st) => st.facts.held_incomplete === 'yes', 'the incomplete new line held, not saved');
        assert(JSON.parse(s.facts.form_content).lines.length === 2, 'the new line stays on the screen');
        await fill(page, 'lines[1].time', '07:15');
        await fill(page, 'lines[1].duration_minutes', '5');
        await fill(page, 'lines[1].staff', 'Åse Æbelø');
        await fill(page, 'lines[1].description', 'Holdt i hånden under hårvask.');
        s = await waitFor(page, (st) => st.facts.held_incomplete === 'no' && st.items['form.save_lines'],
          'the complete new line offered for saving, not saved while typing');
        assert(s.items['lines[1].description'], 'the new line is still editable until it is saved');
        await tap(page, 'form.save_lines');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved' && st.facts.form_state === 'udfyldt' &&
          !st.items['lines[1].description'] &&
          JSON.parse(st.facts.form_content).lines[1]?.description === 'Holdt i hånden under hårvask.',
          'the appended line saved whole, then read-only');
        await screenshot(page, 'bilag1-appended');

        // Back on the overview the Skema 1 a no longer offers another Bilag 1.
        await tap(page, 'form.back');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the overview again');
        assert(!s.items[`bilag1.new.${parentId}`], 'one Bilag 1 per Skema 1 a');
        // The server holds it on the Skema's case, attached to it.
        await waitFor(page, (st) => st.facts.outbox_pending === '0' && st.facts.sync_running === 'no', 'synced', 60000);
        const row = sql(seed.db, `SELECT b.form_id, b.parent_id = p.id, b.case_id = p.case_id FROM form_instances b
          JOIN form_instances p ON p.id = '${parentId}' WHERE b.id = '${bilagId}'`);
        assert(row === '2020-bilag1|1|1', `server: Bilag 1 on the Skema's case, attached to it (${row})`);
        const held = sql(seed.db, `SELECT state || '|' || json_array_length(content, '$.lines') || '|' ||
          json_extract(content, '$.lines[1].staff') FROM form_instances WHERE id = '${bilagId}'`);
        assert(held === 'udfyldt|2|Åse Æbelø', `server: Udfyldt with the appended line (${held})`);
        assert(sql(seed.db, `SELECT json_extract(content, '$.lines[1].description') FROM form_instances
          WHERE id = '${bilagId}'`) === 'Holdt i hånden under hårvask.', 'server: the whole description');
        assert((await appState(page)).facts.outbox_rejected === '0', 'nothing refused');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } catch (e) {
        await screenshot(page, 'bilag1-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
];
