import type { JsonValue } from '@steadystate/model'
import { ModuleRegistry } from '../providers/modules.ts'
import { ProviderRegistry } from '../providers/registry.ts'
import { ActivityFailedError } from '../errors.ts'

/** A registry with a small native test module, `steadystate.testing`, recording its calls. */
export function testRegistry(): {
  registry: ProviderRegistry
  calls: { func: string; args: Record<string, unknown> }[]
} {
  const calls: { func: string; args: Record<string, unknown> }[] = []
  const modules = new ModuleRegistry().register({
    module: 'steadystate.testing',
    description: 'functions for the engine tests',
    functions: [
      {
        name: 'value',
        kind: 'probe',
        description: 'returns its argument',
        arguments: [{ name: 'value', type: 'any', required: true }],
      },
      {
        name: 'fail',
        kind: 'action',
        description: 'always fails',
        arguments: [{ name: 'message', type: 'string', required: false, default: 'boom' }],
      },
      {
        name: 'sleep',
        kind: 'action',
        description: 'waits',
        arguments: [{ name: 'seconds', type: 'number', required: true }],
      },
      {
        name: 'linger',
        kind: 'action',
        description: 'leaves work running in the background until it is stopped',
        arguments: [],
      },
      {
        name: 'secret',
        kind: 'probe',
        description: 'returns the scoped secrets it was given',
        arguments: [],
      },
    ],
    load: () =>
      Promise.resolve({
        functions: {
          value: (args) => {
            calls.push({ func: 'value', args })
            return Promise.resolve(args.value as JsonValue)
          },
          fail: (args) => {
            calls.push({ func: 'fail', args })
            return Promise.reject(new ActivityFailedError(String(args.message)))
          },
          sleep: (args, context) => {
            calls.push({ func: 'sleep', args })
            return new Promise((resolve, reject) => {
              const timer = setTimeout(() => resolve(true), Number(args.seconds) * 1000)
              context.signal.addEventListener('abort', () => {
                clearTimeout(timer)
                reject(new ActivityFailedError('stopped'))
              })
            })
          },
          linger: (args, context) => {
            calls.push({ func: 'linger', args })
            context.defer(
              'lingering work',
              (signal) =>
                // Ends only when it is told to stop, as a measurement that never completes.
                new Promise<void>((resolve) =>
                  signal.addEventListener('abort', () => {
                    calls.push({ func: 'linger-stopped', args: { reason: String(signal.reason) } })
                    resolve()
                  }),
                ),
            )
            return Promise.resolve(true)
          },
          secret: (_args, context) => Promise.resolve((context.scopedSecrets ?? null) as JsonValue),
        },
        dryRun: { fail: () => Promise.resolve('would fail') },
      }),
  })
  return { registry: new ProviderRegistry(modules), calls }
}

export function probe(name: string, value: JsonValue, tolerance?: JsonValue): Record<string, unknown> {
  return {
    type: 'probe',
    name,
    ...(tolerance === undefined ? {} : { tolerance }),
    provider: { type: 'python', module: 'steadystate.testing', func: 'value', arguments: { value } },
  }
}

export function action(
  name: string,
  func = 'value',
  args: Record<string, unknown> = { value: name },
): Record<string, unknown> {
  return {
    type: 'action',
    name,
    provider: { type: 'python', module: 'steadystate.testing', func, arguments: args },
  }
}

/** An experiment of the test module's activities: a hypothesis that holds, then `parts` over it. */
export function testExperiment(parts: Record<string, unknown>): Record<string, unknown> {
  return {
    title: 'test',
    description: 'engine semantics',
    'steady-state-hypothesis': { title: 'ok', probes: [probe('is-ok', 'ok', 'ok')] },
    ...parts,
  }
}
