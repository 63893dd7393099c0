// Issue 6, caseworker (sagsbehandler): "Opgaver" lists citizens subjected to force without a current
// action plan (§ 141); a missing plan is written with its four elements (an empty element is refused at
// its field first), and the item leaves the list.
import { rmSync } from 'node:fs';
import { assert, launchBrowser, screenshot, waitFor } from './lib.mjs';
import { checkedShot, demoServer, fill, login, openWorkItem, sql, tap } from './workflow_lib.mjs';

export const tests = [
  {
    name: 'caseworker writes a missing action plan with its four elements',
    async fn() {
      const { dir, db, server } = await demoServer();
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1280, height: 900 }, dpr: 1 });
      try {
        let s = await login(page, server.url, 'sagsbehandler');
        const missingBefore = s.facts.work_kinds.split(',').filter((k) => k === 'action_plan_missing').length;
        assert(missingBefore > 0, `a missing action plan in the work list: ${s.facts.work_kinds}`);
        s = await openWorkItem(page, 'action_plan_missing');
        s = await waitFor(page, (st) => st.facts.screen === 'action_plan' && st.facts.plan_revision === '0',
          'a new action plan');
        await fill(page, 'plan.purpose', 'At borgeren kan deltage i hverdagen uden konflikter.');
        await fill(page, 'plan.effort', 'Faste rutiner og varsling før overgange.');
        await fill(page, 'plan.duration', '6 måneder');
        await tap(page, 'plan.save');
        s = await waitFor(page, (st) => st.facts.wf_error_field === 'other_matters', 'the missing element named');
        await checkedShot(page, 'caseworker-plan-refused');
        await fill(page, 'plan.other', 'Bolig: eget værelse. Hjælpemidler: vægtdyne.');
        await tap(page, 'plan.save');
        s = await waitFor(page, (st) => st.facts.plan_revision === '1' && st.facts.wf_busy === 'no', 'the plan stored', 15000);
        await checkedShot(page, 'caseworker-plan-saved');
        const stored = sql(db, "SELECT count(*) FROM action_plans WHERE expected_duration = '6 måneder' AND other_matters LIKE 'Bolig: eget%'");
        assert(stored === '1', `the server holds the plan (${stored})`);
        await tap(page, 'plan.back');
        s = await waitFor(page, (st) => st.facts.screen === 'work' && st.facts.wf_busy === 'no', 'Opgaver again');
        const missingAfter = s.facts.work_kinds.split(',').filter((k) => k === 'action_plan_missing').length;
        assert(missingAfter === missingBefore - 1, `one item fewer (${missingBefore} -> ${missingAfter})`);
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } catch (e) {
        await screenshot(page, 'caseworker-failure').catch(() => {});
        throw e;
      } finally {
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
