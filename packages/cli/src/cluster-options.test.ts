import { SteadystateError } from '@steadystate/core'
import { describe, expect, it } from 'vitest'
import { parseCommandArgs } from './args.ts'
import {
  CLUSTER_HELP,
  CLUSTER_OPTIONS,
  clusterOptionsProblem,
  readClusterOptions,
} from './cluster-options.ts'

const read = (...args: string[]) => readClusterOptions(parseCommandArgs('run', args, CLUSTER_OPTIONS).values)

function usageError(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof SteadystateError && error.code === 'USAGE') return error.message
    throw error
  }
  throw new Error('no usage error')
}

describe('--kill-switch-interval', () => {
  it('is the seconds between two reads of the kill switches; absent, the run decides (environment, else 5)', () => {
    expect(read('--kill-switch-interval', '2.5').killSwitchIntervalSeconds).toBe(2.5)
    expect(read().killSwitchIntervalSeconds).toBeUndefined()
    expect(CLUSTER_HELP).toMatch(
      /--kill-switch-interval SECS {3}while the run goes on, read its kill switches again every SECS\n {32}\(default: STEADYSTATE_KILL_SWITCH_INTERVAL, else 5\)/,
    )
  })

  it('refuses a value that is not a positive number of seconds, naming the flag', () => {
    for (const value of ['0', '-1', 'often', '', 'Infinity'])
      expect(usageError(() => read(`--kill-switch-interval=${value}`))).toBe(
        `--kill-switch-interval ${JSON.stringify(value)} must be a positive number of seconds`,
      )
  })

  it('is checked for library hosts too (an adapter calling runJob)', () => {
    expect(clusterOptionsProblem({ killSwitchIntervalSeconds: 0 })).toBe(
      '--kill-switch-interval 0 must be a positive number of seconds',
    )
    expect(clusterOptionsProblem({ killSwitchIntervalSeconds: Number.NaN })).toBe(
      '--kill-switch-interval NaN must be a positive number of seconds',
    )
    expect(clusterOptionsProblem({ killSwitchIntervalSeconds: 0.5 })).toBeUndefined()
  })
})
