// Issue 14 item 11 through the real page: a leader of a children's home (peter, demo) finds in "Opgaver"
// the duties after a child's registration (the child told, the holders of parental responsibility told,
// the copy to the placing municipality), notes one on the registration's case from the follow-up screen,
// and the item is gone from the list; the server holds the note on that case.
import { rmSync } from 'node:fs';
import { assert, launchBrowser, waitFor } from './lib.mjs';
import { checkedShot, demoServer, login, openWorkItem, sql, tap } from './workflow_lib.mjs';

export const tests = [
  {
    name: 'a children\'s home leader notes the child told on the registration\'s case and the work item goes',
    async fn() {
      const { dir, db, server } = await demoServer();
      const { context, page, errors } = await launchBrowser({ viewport: { width: 1024, height: 768 }, dpr: 1 });
      try {
        let s = await login(page, server.url, 'peter');
        const count = (st, kind) => (st.facts.work_kinds || '').split(',').filter((k) => k === kind).length;
        const before = count(s, 'child_informed_due');
        assert(before > 0, `the child to be told is in Opgaver: ${s.facts.work_kinds}`);
        assert(count(s, 'parents_informed_due') === before, `as many parents' orientations (${s.facts.work_kinds})`);
        await checkedShot(page, 'children-work');
        await openWorkItem(page, 'child_informed_due');
        s = await waitFor(page, (st) => st.facts.screen === 'follow_up' && st.facts.child_duties_open !== undefined &&
          st.facts.wf_busy === 'no', 'the follow-up screen with the child\'s duties', 15000);
        const open = Number(s.facts.child_duties_open);
        const button = Object.keys(s.items).find((k) => k.startsWith('followup.child.barn_orienteret.'));
        assert(button, `a button to note the child told: ${Object.keys(s.items).join(', ')}`);
        const caseId = button.slice('followup.child.barn_orienteret.'.length);
        await tap(page, button);
        s = await waitFor(page, (st) => Number(st.facts.child_duties_open) === open - 1 && st.facts.wf_busy === 'no',
          'the duty noted', 15000);
        await checkedShot(page, 'children-follow-up-noted');
        const stored = sql(db, `SELECT count(*) FROM notes WHERE kind = 'barn_orienteret' AND case_id = '${caseId}'`);
        assert(stored === '1', `the server holds the note on the registration's case (${stored})`);
        await tap(page, 'followup.back');
        s = await waitFor(page, (st) => st.facts.screen === 'work' && st.facts.wf_busy === 'no' &&
          count(st, 'child_informed_due') === before - 1, 'one child to be told fewer in Opgaver', 15000);
        assert(count(s, 'parents_informed_due') === before, 'the parents are still to be told');
        assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
