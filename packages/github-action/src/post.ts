import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { info, setFailed, summary, warning } from '@actions/core'
import { runJob } from '@steadystate/cli/job'
import type { Journal } from '@steadystate/model'
import { engineEnvironment, jobOptions } from './job-options.ts'
import { createActionLogger } from './log.ts'
import { readMainStepState } from './state.ts'

/**
 * The post step (`post-if: always()`, so it also runs after a cancellation). When the main step was
 * killed between the start of the method and the end of its rollbacks, it plays the experiment's
 * rollbacks (engine: `runRollbacksOnly`) and writes their journal beside the main one, as
 * `<journal>.post-rollbacks.json`. Otherwise it does nothing.
 */
export async function post(distDirectory: URL): Promise<void> {
  const state = readMainStepState()
  if (state === undefined || state.rollbacks !== 'pending') {
    info(
      state === undefined
        ? 'steadystate: the main step ran no experiment; nothing to roll back'
        : 'steadystate: the main step finished its run, rollbacks included; nothing to do',
    )
    return
  }
  const inputs = { ...state.inputs, reportPath: undefined, junitPath: undefined }
  warning(
    `The main step was stopped during the ${state.phase} phase before its rollbacks finished (the job was cancelled or timed out); running the experiment's rollbacks now.`,
    { title: 'Rolling back in the post step' },
  )
  const write = (text: string): void => void process.stdout.write(text)
  const logger = createActionLogger(write, () => undefined)
  const journalPath = postJournalPath(state.inputs.journalPath)
  const io = {
    cwd: inputs.workingDirectory,
    env: engineEnvironment(process.env, inputs),
    stdout: { write, isTTY: false },
    signal: new AbortController().signal,
  }
  const { journal } = await runJob({
    ...jobOptions({ ...inputs, journalPath }, io, logger, distDirectory),
    rollbacksOnly: {
      interruption: {
        signal: 'SIGKILL',
        phase: state.phase,
        reason: 'the main step was stopped before its rollbacks finished; the post step ran them',
      },
      deviated: readJournal(state.inputs.journalPath)?.deviated === true,
    },
  })
  const failed = journal.rollbacks.filter((run) => run.status === 'failed')
  await writePostSummary(journal, journalPath)
  if (journal.status === 'aborted')
    setFailed(`the rollbacks could not run: ${journal.steadystate?.error?.message ?? 'see the log'}`)
  else if (failed.length > 0)
    setFailed(`${failed.length} rollback(s) failed in the post step: check the system by hand`)
}

/** `journal.json` → `journal.post-rollbacks.json`, beside it. */
export function postJournalPath(journalPath: string): string {
  const extension = extname(journalPath)
  return `${journalPath.slice(0, journalPath.length - extension.length)}.post-rollbacks${extension || '.json'}`
}

/** The main step's last journal checkpoint, for whether it had deviated. */
function readJournal(path: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Journal
  } catch {
    return undefined
  }
}

async function writePostSummary(journal: Journal, journalPath: string): Promise<void> {
  if ((process.env.GITHUB_STEP_SUMMARY ?? '') === '') return
  const rows = journal.rollbacks.map((run) =>
    // An empty cell would be written as an unclosed <td>.
    [run.activity.name, run.status ?? '-', run.exception?.at(-1)?.trim() || '-'].map(escapeHtml),
  )
  await summary
    .addHeading('Rollbacks run by the post step', 3)
    .addRaw(`${journal.steadystate?.rollbacks.reason ?? ''}\n\n`, true)
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
