// Issue 17 end to end: the administrator imports a new version of Skema 1 (2024) in force from today
// while the server runs; a carer's tablet syncs; a registration for today begins on the new version (its
// wording on the screen), one for yesterday on the old; an old locked form still shows the old wording.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { appState, assert, clickItem, launchBrowser, loginOnline, screenshot, sleep, startServer, typeText, waitFor } from './lib.mjs';
import { BIN, PASSWORD, danishDate, sql, tap } from './workflow_lib.mjs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';

// The Copenhagen day of `ms` as YYYY-MM-DD.
function copenhagenDay(ms) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(ms));
}

export const tests = [
  {
    name: 'an imported version reaches the tablet by sync and is used from its first day; a locked form keeps its wording',
    async fn() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'magtreg-catalogue-'));
      const db = path.join(dir, 'server.db');
      execFileSync(BIN, ['seed-demo', '--db', db], { stdio: 'ignore' });
      const server = await startServer({ db });
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 768 }, dpr: 1 });
      try {
        const today = copenhagenDay(Date.now());
        const yesterday = copenhagenDay(Date.now() - 24 * 3600 * 1000);
        // The administrator's import, while the server runs.
        const shown = execFileSync(BIN, ['forms', 'show', '2024-1@1', '--db', db]).toString();
        const v2 = JSON.parse(shown.slice(shown.indexOf('\n') + 1));
        v2.version = 2;
        v2.in_force_from = today;
        v2.sections[0].fields[0].label = 'Beboerens navn';
        const imported = execFileSync(BIN, ['forms', 'import', '-', '--db', db], { input: JSON.stringify(v2) }).toString();
        assert(imported.includes('version 2 er importeret'), imported);
        const locked = sql(db, "SELECT f.id FROM form_instances f JOIN citizens c ON c.id = f.citizen_id" +
          " WHERE c.name = 'Jens Pedersen' AND f.form_id = '2024-1' AND f.state = 'laast' ORDER BY f.locked_at DESC LIMIT 1");
        assert(locked, 'a locked Skema 1 of Jens Pedersen in the demo');
        await sleep(5500);  // the server looks at its table at most every five seconds

        await page.goto(server.url);
        await loginOnline(page, 'mette', PASSWORD);
        const builtIn = Number(sql(db, "SELECT count(*) FROM form_definitions")) - 1;
        await waitFor(page, (st) => Number(st.facts.catalogue_versions) === builtIn + 1,
          `the server's catalogue on the tablet after the first sync (${builtIn} built-in versions and the new one)`, 30000);
        await tap(page, 'citizen.Jens Pedersen');
        let s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items['registration.new.2024-1'],
          'Skema 1 offered for today');
        await tap(page, 'registration.new.2024-1');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde', 'the new draft');
        assert(s.facts.form_definition === '2024-1@2', `today's registration on version 2: ${s.facts.form_definition}`);
        assert(s.facts.form_first_label === 'Beboerens navn', `the new wording: ${s.facts.form_first_label}`);
        await screenshot(page, 'form-catalogue-new-version');

        // Yesterday: the version in force then.
        await tap(page, 'form.back');
        await waitFor(page, (st) => st.facts.screen === 'citizen', 'back on the citizen');
        s = await appState(page);
        await clickItem(page, s, 'registration.day');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await typeText(page, danishDate(new Date(`${yesterday}T12:00:00`)));
        s = await waitFor(page, (st) => st.items['registration.new.2024-1'] && st.facts.registration_day === yesterday,
          'Skema 1 offered for yesterday');
        await tap(page, 'registration.new.2024-1');
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_state === 'kladde' &&
          st.facts.form_definition !== undefined, 'the second draft');
        assert(s.facts.form_definition === '2024-1@1', `yesterday's registration on version 1: ${s.facts.form_definition}`);
        assert(s.facts.form_first_label === 'Borgerens navn', `the old wording: ${s.facts.form_first_label}`);

        // The old locked form keeps the wording it was filled on.
        await tap(page, 'form.back');
        s = await waitFor(page, (st) => st.facts.screen === 'citizen' && st.items[`form.${locked}`], 'the locked form listed');
        await tap(page, `form.${locked}`);
        s = await waitFor(page, (st) => st.facts.screen === 'form' && st.facts.form_id === locked, 'the locked form');
        assert(s.facts.form_state === 'laast', s.facts.form_state);
        assert(s.facts.form_definition === '2024-1@1' && s.facts.form_first_label === 'Borgerens navn',
          `the locked form on its own wording: ${s.facts.form_definition} ${s.facts.form_first_label}`);
        await screenshot(page, 'form-catalogue-locked-old-version');
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
