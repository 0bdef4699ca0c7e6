import { endGroup, startGroup } from '@actions/core'
import { createLogger, formatEvent, type Logger } from '@steadystate/cli/job'
import type { RunEvent } from '@steadystate/core'

/**
 * The runner reads a line starting with `::` (v2) or containing `##[` (v1) as a command to it. Log
 * text comes partly from the system under test (outputs, error messages), so no line of it may be
 * one: a zero-width space breaks the marker without changing what a person reads.
 */
export function neutraliseCommands(text: string): string {
  return text.replace(/^(\s*)::/gm, '$1:\u200b:').replace(/##\[/g, '#\u200b#[')
}

/**
 * The CLI's plain log lines on stdout, with each phase of the run in a collapsible group. Results
 * that matter (the hypothesis outcome, an interruption, the verdict) close the group first, so they
 * stay visible.
 */
export function createActionLogger(write: (text: string) => void): Logger {
  const plain = createLogger('plain', { write: (text) => write(neutraliseCommands(text)), isTTY: false })
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
