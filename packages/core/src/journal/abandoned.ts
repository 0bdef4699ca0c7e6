import type { Journal } from '@steadystate/model'
import { describeProgress } from '@steadystate/model'

/**
 * The journal a run leaves when it exits before finishing (a third SIGINT or SIGTERM): its last
 * checkpoint, with status `interrupted` (it was, and it will not go on) but the verdict still
 * `unfinished` and the progress kept, so `steadystate rollback` plays whatever is pending.
 */
export function abandonedJournal(checkpoint: Journal, why: string): Journal {
  const extras = checkpoint.steadystate
  const progress = extras?.progress
  if (checkpoint.status !== 'running' || extras === undefined || progress === undefined) return checkpoint
  const pending = progress.rollbacksPending
    ? 'its rollbacks have not all run, so a fault may still be in place: `steadystate rollback` on this journal plays them'
    : 'no rollbacks were pending'
  return {
    ...checkpoint,
    status: 'interrupted',
    steadystate: {
      ...extras,
      verdict: {
        kind: 'unfinished',
        summary: `The run exited before it finished (${why}), in ${describeProgress(progress)}: ${pending}.`,
      },
    },
  }
}
