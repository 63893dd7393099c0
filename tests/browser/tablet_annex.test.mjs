// The Bilag til § 136 c through the real page (issue 14 item 15): a § 136 c hold is registered once, on
// Skema 1. A carer at the dementia unit starts a Skema 1 for Edith Larsen, chooses § 136 c and the hygiene
// situation; the form's check says the Bilag is missing and offers to make it; the Bilag opens attached to the
// Skema 1 on its case, with the hold's answers copied from it; the Skema 1 then offers to open it, the overview
// no longer offers another, and the server holds it attached to the Skema 1 on the same case.
import { appState, assert, canvasStats, fill, launchBrowser, loginOnline, screenshot, scrollIntoView, seededDb, sql,
  startServer, tap, waitFor } from './lib.mjs';

const PASSWORD = 'Magtreg-demo-2026';

export const tests = [
  {
    name: 'a Skema 1 on § 136 c asks for its Bilag, which is made from it, prefilled, and syncs attached to it',
    async fn() {
      const seed = seededDb();
      const server = await startServer({ db: seed.db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 900 }, dpr: 1 });
      try {
        await page.goto(server.url);
        await loginOnline(page, 'jonas', PASSWORD);
        await tap(page, 'citizen.Edith Larsen');
        let s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'],
          'the overview with Skema 1 offered');
        assert(!s.items['registration.new.2024-bilag136c'], 'the Bilag is not offered as a registration of its own');
        await tap(page, 'registration.new.2024-1');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the Skema 1 draft');
        const skemaId = s.facts.form_id;
        await fill(page, 'started_at#date', '02.12.2026');
        await fill(page, 'started_at#time', '07:30');
        await fill(page, 'ended_at#date', '02.12.2026');
        await fill(page, 'ended_at#time', '07:34');
        await tap(page, 'basis=136c');
        await tap(page, 'hygiene_situation=tandboerstning');
        s = await waitFor(page, (st) => st.facts.form_save === 'saved' && st.facts.annex === 'missing' &&
          (st.facts.findings || '').split(',').includes('ATTACHMENT_MISSING'),
          'the check names the missing Bilag, the form offers it');
        await scrollIntoView(page, 'form.annex', { top: 300 });
        await screenshot(page, 'annex-missing-on-skema1');

        await tap(page, 'form.annex');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id !== skemaId &&
          st.facts.form_state === 'kladde', 'the Bilag draft');
        const bilagId = s.facts.form_id;
        const content = JSON.parse(s.facts.form_content);
        assert(content.basis === '136c', `basis from the Skema 1 (${content.basis})`);
        assert(content.started_at === '2026-12-02T07:30' && content.ended_at === '2026-12-02T07:34',
          `times from the Skema 1 (${content.started_at}–${content.ended_at})`);
        assert(content.hygiene_situation === 'tandboerstning', `the hygiene situation (${content.hygiene_situation})`);
        assert(content.citizen_name === 'Edith Larsen', 'the citizen');
        assert(!(s.facts.findings || '').split(',').includes('ATTACHMENT_MISSING'), 'the Bilag needs no Bilag');
        for (const principle of ['voluntary_tried=ja', 'proportionality', 'least_intrusive', 'gentleness']) {
          await scrollIntoView(page, principle, { top: 300 });
          assert((await appState(page)).items[principle], `the Bilag asks '${principle}'`);
        }
        const stats = await canvasStats(page);
        await screenshot(page, 'annex-bilag136c');
        assert(stats.nonBackgroundShare > 0.05 && stats.colours > 50, 'the Bilag screen is drawn');

        // Back on the Skema 1: it opens its Bilag, and the overview offers no second one.
        await tap(page, 'form.back');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen', 'the overview');
        assert(!s.items[`annex.new.${skemaId}`], 'the overview offers no second Bilag');
        await tap(page, `form.${skemaId}`);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id === skemaId &&
          st.facts.annex === 'kladde', 'the Skema 1 with its Bilag as a draft');
        assert((s.facts.findings || '').split(',').includes('ATTACHMENT_MISSING'),
          'a Bilag still a draft does not let the Skema 1 be Udfyldt');

        await waitFor(page, (st) => st.facts.outbox_pending === '0' && st.facts.sync_running === 'no', 'synced', 60000);
        const row = sql(seed.db, `SELECT b.form_id, b.form_version, b.parent_id = p.id, b.case_id = p.case_id
          FROM form_instances b JOIN form_instances p ON p.id = '${skemaId}' WHERE b.id = '${bilagId}'`);
        assert(row === '2024-bilag136c|2|1|1', `server: the Bilag (version 2) on the Skema 1's case, attached (${row})`);
        assert((await appState(page)).facts.outbox_rejected === '0', 'nothing refused');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } catch (e) {
        await screenshot(page, 'annex-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        seed.cleanup();
      }
    },
  },
];
