import { SteadystateError } from '@steadystate/core'
import { EXIT_FAILED, EXIT_USAGE } from './exit-codes.ts'
import { discoverCommand, DISCOVER_HELP } from './commands/discover.ts'
import { journalFactsCommand } from './commands/journal-facts.ts'
import { recoverCommand } from './commands/recover.ts'
import { rollbackCommand } from './commands/rollback.ts'
import { runCommand, type CommandIO } from './commands/run.ts'
import { validateCommand } from './commands/validate.ts'
import { VERSION } from './version.ts'

export type { CommandIO } from './commands/run.ts'

const HELP = `steadystate ${VERSION}: run Chaos Toolkit experiments, natively

Usage: steadystate <command> [options]

Commands:
  run EXPERIMENT        run an experiment and write journal.json (as chaos run)
  rollback JOURNAL      play the rollbacks a run left pending (killed, or exited before they ran)
  recover               play the rollbacks of abandoned Kubernetes runs, from their records in the cluster
  journal-facts JOURNAL print a journal's status, verdict and paths for CI (dotenv, JSON, …)
  validate EXPERIMENT   check an experiment and list every problem (as chaos validate)
  discover [MODULE]     list the providers and native modules experiments can use
  report JOURNAL... OUT render a PDF, Markdown, JUnit or HTML report from journals (as chaos report)
  kill-switch VERB      set, clear or read (status) the Kubernetes kill switch

Run \`steadystate <command> --help\` for a command's options.
`

/** chaos's global flags, accepted so existing scripts keep working; those with a value take one. */
const IGNORED_GLOBAL_FLAGS = new Set(['--no-version-check', '--verbose', '--no-log-file'])
const IGNORED_GLOBAL_WITH_VALUE = new Set(['--log-file', '--log-file-level'])

/** The command `argv` names (`run`, `validate`, …), after the global flags main accepts. */
export function commandName(argv: readonly string[]): string | undefined {
  let index = 0
  while (argv[index]?.startsWith('-') === true) {
    const flag = argv[index] ?? ''
    index += flag === '--change-dir' || flag === '--settings' || IGNORED_GLOBAL_WITH_VALUE.has(flag) ? 2 : 1
  }
  return argv[index]
}

/** Parses the command line, runs the command, and is the one place errors become exit codes. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const args = [...argv]
  let cwd = io.cwd
  let settingsPath: string | undefined
  while (args[0]?.startsWith('-') === true) {
    const flag = args.shift() ?? ''
    if (flag === '--version' || flag === '-V') {
      io.stdout.write(`${VERSION}\n`)
      return 0
    }
    if (flag === '--help' || flag === '-h') {
      io.stdout.write(HELP)
      return 0
    }
    if (flag === '--change-dir') cwd = args.shift() ?? cwd
    else if (flag === '--settings') settingsPath = args.shift()
    else if (IGNORED_GLOBAL_WITH_VALUE.has(flag)) args.shift()
    else if (!IGNORED_GLOBAL_FLAGS.has(flag)) {
      io.stderr.write(`steadystate: unknown option ${flag}\n\n${HELP}`)
      return EXIT_USAGE
    }
  }
  if (cwd !== io.cwd) process.chdir(cwd)
  const commandIO = {
    ...io,
    cwd: process.cwd(),
    ...(settingsPath === undefined ? {} : { settingsPath }),
  }
  const [command, ...rest] = args
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, commandIO)
      case 'rollback':
        return await rollbackCommand(rest, commandIO)
      case 'recover':
        return await recoverCommand(rest, commandIO)
      case 'journal-facts':
        return await journalFactsCommand(rest, commandIO)
      case 'validate':
        return await validateCommand(rest, commandIO)
      case 'discover':
        return await discoverCommand(rest, commandIO)
      case 'report':
        // Loaded on demand: the report code (pdfkit, charts) must not slow down every `run`.
        return await (await import('./commands/report.ts')).reportCommand(rest, commandIO)
      case 'kill-switch':
        return await (await import('./commands/kill-switch.ts')).killSwitchCommand(rest, commandIO)
      case undefined:
        io.stderr.write(HELP)
        return EXIT_USAGE
      default:
        io.stderr.write(
          `steadystate: unknown command '${command}'\n\n${command === 'info' ? DISCOVER_HELP : HELP}`,
        )
        return EXIT_USAGE
    }
  } catch (error) {
    if (error instanceof SteadystateError && error.code === 'USAGE') {
      io.stderr.write(`${error.message}${error.hint === undefined ? '' : ` (${error.hint})`}\n`)
      return EXIT_USAGE
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.stderr.write(
      `steadystate: internal error: ${message}\nThis is a bug in steadystate ${VERSION}; please report it with the command you ran.\n`,
    )
    return EXIT_FAILED
  }
}
