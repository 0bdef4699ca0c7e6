import { isAbsolute, relative } from 'node:path'
import { error, notice, setOutput, summary, warning, type AnnotationProperties } from '@actions/core'
import type { RunJobResult } from '@steadystate/cli'
import type { Annotation } from './annotations.ts'
import type { ActionInputs } from './inputs.ts'

/** A step summary over 1 MiB is rejected whole; the report's Markdown stays under this. */
const SUMMARY_MARKDOWN_LIMIT = 1_000_000

/** The step's outputs, from the journal and what was written ('' for what was not). */
export function setRunOutputs(result: RunJobResult): void {
  const { journal } = result
  setOutput('status', journal.status)
  setOutput('deviated', String(journal.deviated))
  setOutput('verdict', journal.steadystate?.verdict.kind ?? '')
  setOutput('journal-path', result.journalPath)
  setOutput('report-path', result.reportPath ?? '')
  setOutput('junit-path', result.junitPath ?? '')
}

/**
 * The job summary: the report's Markdown (verdict, facts, hypothesis, method and rollback tables),
 * a note when the job passes although the steady state did not hold, and where the files are.
 */
export async function writeJobSummary(
  result: RunJobResult,
  inputs: ActionInputs,
  failing: boolean,
  workspace: string,
): Promise<void> {
  if ((process.env.GITHUB_STEP_SUMMARY ?? '') === '') return
  // Loaded after the run: the report code is not needed to start one.
  const { renderMarkdownSummary } = await import('@steadystate/report')
  const verdict = result.journal.steadystate?.verdict.kind
  const lenient =
    !failing && verdict !== undefined && verdict !== 'held'
      ? `> [!NOTE]\n> This step passes although the verdict is **${verdict}**, because \`fail-on-deviation\` is false.\n\n`
      : ''
  const files = [
    ['Journal', result.journalPath],
    ['Report', result.reportPath],
    ['JUnit', result.junitPath],
  ].flatMap(([name, path]) => (path === undefined ? [] : [`${name}: \`${shown(path, workspace)}\``]))
  await summary
    .addRaw(lenient)
    .addRaw(renderMarkdownSummary(result.journal, { limitBytes: SUMMARY_MARKDOWN_LIMIT }), true)
    .addRaw(`\n${files.join(' · ')}${inputs.dry === undefined ? '' : ` · dry run (${inputs.dry})`}\n`)
    .write()
}

/** Annotations, attached to the experiment file when it is in the repository. */
export function emitAnnotations(
  annotations: readonly Annotation[],
  inputs: ActionInputs,
  workspace: string,
): void {
  const file = isAbsolute(inputs.experiment) ? relative(workspace, inputs.experiment) : undefined
  const properties = (title: string): AnnotationProperties =>
    file === undefined || file.startsWith('..') ? { title } : { title, file }
  for (const annotation of annotations) {
    const emit = { error, warning, notice }[annotation.level]
    emit(annotation.message, properties(annotation.title))
  }
}

function shown(path: string, workspace: string): string {
  const inside = relative(workspace, path)
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside
}
