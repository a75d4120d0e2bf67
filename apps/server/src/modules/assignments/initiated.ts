import { assignmentWorkflow } from '@zhongshu/core/workflow/index.ts';
import { shanghaiEndOfDay } from '@zhongshu/core/calendar/index.ts';
import type { AssignmentRow, Executor } from '@zhongshu/db';
import { inbox } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';

/** Keeps "我发起的" rows showing the assignment's current state and deadline. */
export async function updateInitiatedOf(tx: Executor, ctx: AppContext, a: AssignmentRow): Promise<void> {
  const final = assignmentWorkflow.states[a.state as keyof typeof assignmentWorkflow.states]?.final === true;
  await inbox.updateInitiatedItem(tx, 'assignment', a.id, {
    task: assignmentWorkflow.states[a.state as keyof typeof assignmentWorkflow.states]?.label ?? a.state,
    due_at: shanghaiEndOfDay(a.deadline).toISOString(),
    state: final ? 'done' : 'open',
    done_at: final ? ctx.now().toISOString() : null,
  });
}
