import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { errorMessage, writeFileSafely } from '@steadystate/core'
import { choice, parseCommandArgs, stringValue, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts'
import { readJournalFile } from '../read-journal.ts'
import { FACT_FORMATS, formatFacts, inertLine, journalFacts, type JournalFacts } from '../journal-facts.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = {
  format: { type: 'string' },
  get: { type: 'string' },
  report: { type: 'string' },
  junit: { type: 'string' },
  output: { type: 'string' },
}

export const JOURNAL_FACTS_HELP = `Usage: steadystate journal-facts [options] JOURNAL

Prints what CI publishes about a run, from its journal: status, deviated, verdict (steadystate's,
or derived by the same rules from a Chaos Toolkit journal), summary, whether rollbacks are pending,
and the paths. Exit 0; 1 when the journal is missing or unreadable (the facts then say "missing").

Options:
  --format F      json (default) | dotenv (GitLab reports:dotenv) | github-output ($GITHUB_OUTPUT)
                  | octopus (output variables as service messages, and the verdict highlighted)
  --get NAME      print one fact only (status, verdict, message, rollbacksPending, … as in json)
  --report PATH   --junit PATH   also give these paths (empty when the file is not there)
  --output FILE   write to FILE instead of stdout
`

/** The facts' names, as the json format gives them. */
function factNames(): (keyof JournalFacts)[] {
  return Object.keys(journalFacts(undefined, { journal: '' })) as (keyof JournalFacts)[]
}

/** `steadystate journal-facts JOURNAL`: the facts adapters publish, in the format they publish. */
export async function journalFactsCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('journal-facts', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(JOURNAL_FACTS_HELP)
    return EXIT_OK
  }
  const [path, ...extra] = positionals
  if (path === undefined || extra.length > 0) {
    io.stderr.write('steadystate journal-facts: expected one JOURNAL\n')
    return EXIT_USAGE
  }
  const format = choice('format', stringValue(values, 'format'), FACT_FORMATS) ?? 'json'
  const get = stringValue(values, 'get')
  if (get !== undefined && !(factNames() as string[]).includes(get)) {
    io.stderr.write(`--get ${JSON.stringify(get)} is not one of: ${factNames().join(', ')}\n`)
    return EXIT_USAGE
  }
  const journalPath = resolve(io.cwd, path)
  const existing = (name: string): string | undefined => {
    const given = stringValue(values, name)
    return given !== undefined && existsSync(resolve(io.cwd, given)) ? resolve(io.cwd, given) : undefined
  }
  const read = await readJournalFile(journalPath)
  const journal = typeof read === 'string' ? undefined : read
  if (typeof read === 'string') io.stderr.write(`steadystate journal-facts: ${read}\n`)
  const facts = journalFacts(journal, {
    journal: journalPath,
    report: existing('report'),
    junit: existing('junit'),
  })
  const text =
    get === undefined
      ? formatFacts(facts, format)
      : `${inertLine(String(facts[get as keyof JournalFacts] ?? ''))}\n`
  const output = stringValue(values, 'output')
  if (output === undefined) io.stdout.write(text)
  else {
    try {
      await writeFileSafely(resolve(io.cwd, output), text)
    } catch (error) {
      io.stderr.write(`steadystate journal-facts: cannot write ${output}: ${errorMessage(error)}\n`)
      return EXIT_FAILED
    }
  }
  return journal === undefined ? EXIT_FAILED : EXIT_OK
}
