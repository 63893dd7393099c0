// Issue 7 through the real page: the management demo user (drift, driftsafdeling) logs in and lands on
// the statistics; the figures load from the server; the period and the unit change; a bar is tapped and
// its value shown; a commentary with Danish letters is saved; the printable yearly report opens in a new
// window with the commentary, and is printed to an A4 PDF. Screenshots in tests/browser/artifacts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, assert, canvasStats, clickItem, fill, launchBrowser, ROOT, screenshot, scrollIntoView, startServer,
  tap, typeText, waitFor } from './lib.mjs';
import { submitLogin } from './workflow_lib.mjs';

const BIN = process.env.MAGTREG_BIN ?? path.join(ROOT, 'build/native/magtreg');
const DEPT = 'Ældre og Sundhed';
const COMMENT = 'Én borger på den skærmede enhed står for størstedelen; færre fastholdelser efter kursus.';

export const tests = [
  {
    name: 'management sees pseudonymised statistics, filters them, writes commentary and opens the yearly report',
    async fn() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'magtreg-stats-'));
      const db = path.join(dir, 'server.db');
      execFileSync(BIN, ['seed-demo', '--db', db], { stdio: 'ignore' });
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1280, height: 900 }, dpr: 1 });
      try {
        await submitLogin(page, server.url, 'drift');
        let s = await waitFor(page, (st) => st.facts.screen === 'statistics' && st.facts.stats_state === 'loaded',
          'the statistics screen with figures', 60000);
        const year = s.facts.stats_period;
        assert(/^\d{4}$/.test(year), `a whole year first (${year})`);
        assert(s.facts.stats_unit === 'Hele kommunen', `the whole municipality (${s.facts.stats_unit})`);
        assert(Number(s.facts['stats.card.registrations'].replace('.', '')) > 0, `registrations shown (${s.facts['stats.card.registrations']})`);
        assert(Number(s.facts['stats.chart.months.points']) === 12, 'twelve months in the line chart');
        const whole = await canvasStats(page);
        await screenshot(page, 'statistics-year');
        assert(whole.nonBackgroundShare > 0.05, `statistics screen not blank (${whole.nonBackgroundShare.toFixed(3)})`);
        assert(whole.colours > 50, `anti-aliased text and charts (${whole.colours} colours)`);

        // Tap a month: its values stay on screen (not hover-only).
        s = await tap(page, 'stats.chart.months.2');
        s = await waitFor(page, (st) => (st.facts['stats.chart.months.selected'] || '').startsWith('marts'), 'March tapped');
        assert(s.facts['stats.chart.months.selected'].includes(`${year}:`), s.facts['stats.chart.months.selected']);

        // The third quarter of the same year, for one operating department.
        await tap(page, 'stats.quarter');
        await tap(page, 'stats.quarter.3');
        s = await waitFor(page, (st) => st.facts.stats_period === `3. kvartal ${year}` && st.facts.stats_state === 'loaded',
          'the third quarter');
        assert(s.facts.stats_unit === 'Hele kommunen', 'still the whole municipality');
        await tap(page, 'stats.unit');
        await tap(page, `stats.unit.dept.${DEPT}`);
        s = await waitFor(page, (st) => st.facts.stats_unit === `Driftsafdeling: ${DEPT}` && st.facts.stats_state === 'loaded',
          'one department');
        assert(Number(s.facts['stats.chart.months.points']) === 3, 'three months in a quarter');
        s = await tap(page, 'stats.chart.units.0');
        s = await waitFor(page, (st) => st.facts['stats.chart.units.selected'], 'a bar tapped');
        assert(s.facts['stats.chart.units.selected'].includes('Solhaven'), `the institution's bar (${s.facts['stats.chart.units.selected']})`);
        const filtered = await canvasStats(page);
        await screenshot(page, 'statistics-quarter-department');
        assert(filtered.nonBackgroundShare > 0.05, 'filtered screen not blank');

        // Commentary for the department (the operating department may write every department's).
        await fill(page, `stats.commentary.${DEPT}`, COMMENT);
        await tap(page, `stats.commentary_save.${DEPT}`);
        s = await waitFor(page, (st) => (st.facts.stats_commentary_note || '').includes('er gemt'), 'commentary saved');
        await screenshot(page, 'statistics-commentary');
        const stored = execFileSync('sqlite3', [db, `SELECT commentary FROM report_commentary WHERE department = '${DEPT}'`]).toString().trim();
        assert(stored === COMMENT, `stored with Danish letters: '${stored}'`);

        // The yearly report of that department in a new window, printable.
        const [report] = await Promise.all([context.waitForEvent('page', { timeout: 20000 }), tap(page, 'stats.report')]);
        await report.waitForLoadState('load');
        const title = await report.title();
        assert(title.includes(`årsrapport ${year}`), `report title: ${title}`);
        const text = await report.evaluate(() => document.body.innerText);
        assert(text.includes(COMMENT), 'the commentary is in the report');
        assert(text.includes(`Driftsafdeling: ${DEPT}`), 'the unit is named');
        for (const secret of ['Edith', 'Larsen', '110938', 'Knud']) assert(!text.includes(secret), `no name or CPR (${secret})`);
        assert(await report.locator('svg.chart').count() >= 2, 'charts in the report');
        await report.setViewportSize({ width: 900, height: 1200 });
        writeFileSync(path.join(ARTIFACTS, 'statistics-report.png'), await report.screenshot({ fullPage: true }));
        await report.emulateMedia({ media: 'print' });
        const pdf = await report.pdf({ format: 'A4', printBackground: true });
        writeFileSync(path.join(ARTIFACTS, 'statistics-report.pdf'), pdf);
        assert(pdf.length > 10000, `a PDF with content (${pdf.length} bytes)`);
        await report.close();
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } catch (e) {
        await screenshot(page, 'statistics-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        server.cleanup?.();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
