import { knownExtensions, type PythonBridge } from '@steadystate/core'
import { parseCommandArgs, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts'
import { createRegistry } from '../registry.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = { json: { type: 'boolean' } }

export const DISCOVER_HELP = `Usage: steadystate discover [--json] [MODULE]

Lists what experiments can use: the provider types (process, http, python), every Python module
steadystate implements natively, with each function's arguments and defaults, and the Python bridge:
the interpreter that runs every other module (STEADYSTATE_PYTHON, else VIRTUAL_ENV, else python3 on
PATH) and the Chaos Toolkit extensions installed in it. A native module always wins over the bridge.
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
    description:
      'calls module + func with arguments; the modules below run natively, any other in Python (the bridge)',
  },
]

export async function discoverCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('discover', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(DISCOVER_HELP)
    return EXIT_OK
  }
  const registry = createRegistry()
  const wanted = positionals[0]
  const modules = registry.modules
    .list()
    .filter((definition) => wanted === undefined || definition.module.startsWith(wanted))
  if (wanted !== undefined && modules.length === 0) {
    io.stderr.write(
      `steadystate discover: no native module matches '${wanted}' (native: ${registry.modules.names().join(', ') || 'none'}; any other module runs in Python: see \`steadystate discover\`)\n`,
    )
    return EXIT_FAILED
  }
  // The bridge is described only in the full listing: it starts a Python for a moment.
  const python = wanted === undefined ? await describePython(registry.python, io) : undefined
  await registry.close()
  if (values.json === true) {
    const document = {
      providers: PROVIDER_TYPES,
      modules: modules.map(({ module, description, functions }) => ({ module, description, functions })),
      ...(python === undefined ? {} : { python }),
    }
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
    return EXIT_OK
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
  if (python !== undefined) lines.push('', ...pythonLines(python))
  io.stdout.write(`${lines.join('\n')}\n`)
  return EXIT_OK
}

type PythonFacts = Awaited<ReturnType<PythonBridge['describe']>>

function describePython(bridge: PythonBridge, io: CommandIO): Promise<PythonFacts> {
  return bridge.describe(io.env, io.cwd)
}

function pythonLines(python: PythonFacts): string[] {
  const lines = [
    'Python bridge (every other module of a python provider; native modules above always win):',
    `  interpreter  ${python.interpreter}`,
  ]
  const facts = python.description
  if (facts === undefined) {
    lines.push(`  not usable: ${python.problem ?? 'unknown'}`)
  } else {
    lines.push(
      `  python       ${facts.python} (${facts.executable})`,
      `  chaostoolkit-lib ${facts.chaoslib ?? 'not installed (not needed for your own modules and the standard library)'}`,
      facts.extensions.length === 0 ? '  extensions   none installed' : '  extensions:',
      ...facts.extensions.map((e) => `    ${e.name} ${e.version}  (${e.modules.join(', ') || 'no modules'})`),
    )
  }
  const known = knownExtensions()
    .map((entry) => `${entry.module} (${entry.package})`)
    .join(', ')
  lines.push(`  well-known extensions, each installed with pip install PACKAGE: ${known}`)
  return lines
}
