import { endGroup, startGroup } from '@actions/core'
import { createLogger, formatEvent, type Logger } from '@steadystate/cli'
import type { RunEvent } from '@steadystate/core'

/**
 * The CLI's plain log lines on stdout, with each phase of the run in a collapsible group. The CLI's
 * logger makes every line inert for the runner (no workflow command can come from the system
 * under test, see the CLI's `output/ci-safe.ts`); the group markers are the action's own. Results
 * that matter (the hypothesis outcome, an interruption, the verdict) close the group first, so they
 * stay visible.
 */
export function createActionLogger(write: (text: string) => void): Logger {
  const plain = createLogger('plain', { write, isTTY: false })
  let open = false
  const close = (): void => {
    if (open) endGroup()
    open = false
  }
  return {
    ...plain,
    event(event) {
      if (event.type === 'phase-started') {
        close()
        startGroup(formatEvent(event)[0]?.text ?? event.title)
        open = true
        return
      }
      if (closesGroup(event)) close()
      plain.event(event)
    },
  }
}

function closesGroup(event: RunEvent): boolean {
  if (event.type === 'hypothesis-finished') return event.phase !== 'during'
  return event.type === 'interrupted' || event.type === 'rollbacks-decided' || event.type === 'run-finished'
}
