import { parseCommandArgs, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts'
import { createRegistry } from '../registry.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = { json: { type: 'boolean' } }

export const DISCOVER_HELP = `Usage: steadystate discover [--json] [MODULE]

Lists what experiments can use: the provider types (process, http, python) and every Python module
steadystate implements natively, with each function's arguments and defaults.
`

const PROVIDER_TYPES = [
  {
    type: 'process',
    description:
      'runs a program: path, arguments (list or shell string), timeout; returns {status, stdout, stderr}',
  },
  {
    type: 'http',
    description:
      'sends a request: url, method, headers, arguments, timeout, verify_tls; returns {status, headers, body}',
  },
  {
    type: 'python',
    description: 'calls module + func with arguments; the modules below are implemented natively',
  },
]

export function discoverCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('discover', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(DISCOVER_HELP)
    return Promise.resolve(EXIT_OK)
  }
  const registry = createRegistry()
  const wanted = positionals[0]
  const modules = registry.modules
    .list()
    .filter((definition) => wanted === undefined || definition.module.startsWith(wanted))
  if (wanted !== undefined && modules.length === 0) {
    io.stderr.write(
      `steadystate discover: no module matches '${wanted}' (known: ${registry.modules.names().join(', ') || 'none'})\n`,
    )
    return Promise.resolve(EXIT_FAILED)
  }
  if (values.json === true) {
    const document = {
      providers: PROVIDER_TYPES,
      modules: modules.map(({ module, description, functions }) => ({ module, description, functions })),
    }
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
    return Promise.resolve(EXIT_OK)
  }
  const lines = [
    'Provider types:',
    ...PROVIDER_TYPES.map((p) => `  ${p.type.padEnd(8)} ${p.description}`),
    '',
  ]
  lines.push(
    modules.length === 0 ? 'No native Python modules in this build.' : 'Python modules (type: python):',
  )
  for (const definition of modules) {
    lines.push(`  ${definition.module}  ${definition.description}`)
    for (const fn of definition.functions) {
      const args = fn.arguments
        .map((a) =>
          a.required ? `${a.name}: ${a.type}` : `${a.name}: ${a.type} = ${JSON.stringify(a.default ?? null)}`,
        )
        .join(', ')
      lines.push(`    ${fn.kind.padEnd(6)} ${fn.name}(${args})`, `           ${fn.description}`)
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`)
  return Promise.resolve(EXIT_OK)
}
