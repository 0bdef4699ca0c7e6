import { info, setFailed, summary, warning } from '@actions/core'
import { rollbackJob } from '@steadystate/cli'
import type { ActivityRun } from '@steadystate/model'
import { engineEnvironment } from './job-options.ts'
import { createActionLogger } from './log.ts'
import { maskSecrets } from './mask.ts'
import { readMainStepInputs } from './state.ts'

/**
 * The post step (`post-if: always()`, so it also runs after a cancellation): `steadystate rollback`
 * on the main step's journal. When the main step was killed before its rollbacks finished (the job
 * cancelled past its grace period, or timed out), the journal says they are pending, and they are
 * played now and appended to it; otherwise there is nothing to do.
 */
export async function post(): Promise<void> {
  const inputs = readMainStepInputs()
  if (inputs === undefined) {
    info('steadystate: the main step ran no experiment; nothing to roll back')
    return
  }
  const write = (text: string): void => void process.stdout.write(text)
  const result = await rollbackJob({
    journalPath: inputs.journalPath,
    // The file the main step ran: unlike the journal's copy, its secrets are not redacted.
    experiment: inputs.experiment,
    varFiles: inputs.varFiles,
    vars: inputs.vars,
    by: 'the GitHub Action post step',
    io: {
      cwd: inputs.workingDirectory,
      env: engineEnvironment(process.env, inputs),
      stdout: { write, isTTY: false },
      signal: new AbortController().signal,
    },
    logger: createActionLogger(write),
    onSecrets: maskSecrets,
  })
  switch (result.outcome) {
    case 'nothing-pending':
      info(`steadystate: ${result.message}`)
      return
    case 'usage':
    case 'not-run':
      setFailed(`the rollbacks the main step left pending could not be played: ${result.message}`)
      return
    case 'rolled-back': {
      warning(
        `The main step stopped before its rollbacks had all run (the job was cancelled or timed out); the post step played ${result.played} of them and added them to ${inputs.journalPath}.`,
        { title: 'Rolled back in the post step' },
      )
      await writePostSummary(result.journal.rollbacks.slice(-result.played), inputs.journalPath)
      if (result.failed > 0)
        setFailed(`${result.failed} rollback(s) failed in the post step: check the system by hand`)
    }
  }
}

async function writePostSummary(runs: readonly ActivityRun[], journalPath: string): Promise<void> {
  if ((process.env.GITHUB_STEP_SUMMARY ?? '') === '') return
  const rows = runs.map((run) =>
    // An empty cell would be written as an unclosed <td>.
    [run.activity.name, run.status ?? '-', run.exception?.at(-1)?.trim() || '-'].map(escapeHtml),
  )
  await summary
    .addHeading('Rollbacks played by the post step', 3)
    .addRaw('The main step stopped before its rollbacks had all run; these were still pending.\n\n', true)
    .addTable([
      [
        { data: 'Rollback', header: true },
        { data: 'Status', header: true },
        { data: 'Error', header: true },
      ],
      ...rows,
    ])
    .addRaw(`Journal: \`${journalPath}\`\n`, true)
    .write()
}

/** Summary table cells are HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
