import {
  errorMessage,
  formatIssue,
  loadExperiment,
  loadOverrides,
  normalizeExperiment,
  Redactor,
  resolveInputs,
  validateExperiment,
} from '@steadystate/core'
import type { Experiment } from '@steadystate/model'
import { listValue, parseCommandArgs, stringValue, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts'
import { loadGlobalInputs } from '../global-inputs.ts'
import { loaderAuth } from '../loader-auth.ts'
import { chooseFormat, createLogger, redactingLogger } from '../output/logger.ts'
import { createRegistry } from '../registry.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = {
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  'no-verify-tls': { type: 'boolean' },
  'log-format': { type: 'string' },
  'control-file': { type: 'string', multiple: true },
  settings: { type: 'string' },
  'skip-unknown-controls': { type: 'boolean' },
}

export const VALIDATE_HELP = `Usage: steadystate validate [options] EXPERIMENT

Checks an experiment the way \`chaos validate\` does, but reports every problem at once, each with the
JSON path of the field (e.g. method[2].provider.path). Exit code 0 when valid, 1 otherwise,
130/143 when stopped by SIGINT/SIGTERM.

Options:
  --var NAME[:TYPE]=VALUE   configuration override, as for run (repeatable)
  --var-file FILE           JSON/YAML or .env var file, as for run (repeatable)
  --settings FILE           Chaos Toolkit settings whose controls are checked too, as for run
                            (default: ~/.chaostoolkit/settings.yaml when it exists)
  --control-file FILE       global controls, checked as for run (repeatable)
  --skip-unknown-controls   a control steadystate cannot honour is a warning, not a problem
                            (as run --skip-unknown-controls would run without it)
  --log-format F            pretty | plain | json

Environment:
  STEADYSTATE_MAX_EXPERIMENT_BYTES   largest experiment read, in bytes (default 10 MiB)
`

export async function validateCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(VALIDATE_HELP)
    return EXIT_OK
  }
  const format = chooseFormat(stringValue(values, 'log-format'), io.stderr, io.env)
  const plain = createLogger(format, format === 'json' ? io.stdout : io.stderr)
  const source = positionals[0]
  if (source === undefined) {
    plain.error('steadystate validate: missing EXPERIMENT (a path or URL)')
    return 2
  }
  const overrides = await loadOverrides(listValue(values, 'var-file'), listValue(values, 'var'))
  let experiment: Experiment
  try {
    experiment = normalizeExperiment(
      (
        await loadExperiment(source, {
          signal: io.signal,
          env: io.env,
          verifyTls: values['no-verify-tls'] !== true,
          ...loaderAuth(io.env),
        })
      ).experiment,
    )
  } catch (error) {
    redactingLogger(plain, new Redactor(overrides.sensitive)).error(errorMessage(error))
    return EXIT_FAILED
  }
  // Problems can quote literals of the experiment, its secrets among them.
  const inputs = resolveInputs(experiment, io.env, overrides)
  const logger = redactingLogger(plain, new Redactor(inputs.secretValues))
  // The settings' and control files' controls are honoured or refused as `run` would.
  const globals = await loadGlobalInputs({
    settingsPath: stringValue(values, 'settings') ?? io.settingsPath,
    controlFiles: listValue(values, 'control-file'),
    io,
    logger,
  })
  const registry = createRegistry()
  const issues = await validateExperiment(experiment, {
    registry,
    env: io.env,
    cwd: io.cwd,
    overrides,
    inputs,
    source,
    skipUnknownControls: values['skip-unknown-controls'] === true,
    globalControls: globals.controls,
  }).finally(() => registry.close())
  for (const warning of issues.filter((issue) => issue.severity === 'warning'))
    logger.warn(formatIssue(warning))
  const errors = issues.filter((issue) => issue.severity === 'error')
  if (errors.length === 0) {
    logger.success(`${source}: experiment syntax and semantic look valid`)
    return EXIT_OK
  }
  logger.error(
    `${source} is not a valid experiment (${errors.length} problem${errors.length === 1 ? '' : 's'}):`,
  )
  for (const issue of errors) logger.error(`  ${formatIssue(issue)}`)
  return EXIT_FAILED
}
