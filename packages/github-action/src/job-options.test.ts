import { createLogger } from '@steadystate/cli'
import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS, parseInputs, type RawInputs } from './inputs.ts'
import { jobOptions } from './job-options.ts'

const WORKSPACE = '/home/runner/work/app/app'

/** The cluster options `runJob` gets for these inputs: what `steadystate run`'s flags would say. */
function clusterOptions(raw: RawInputs) {
  const parsed = parseInputs({ ...INPUT_DEFAULTS, experiment: 'e.json', ...raw }, WORKSPACE)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  const nowhere = { write: () => undefined, isTTY: false }
  const io = { cwd: WORKSPACE, env: {}, stdout: nowhere, signal: new AbortController().signal }
  const logger = createLogger('plain', nowhere)
  return jobOptions(parsed.inputs, io, logger, new URL('file:///action/dist/')).cluster
}

describe('jobOptions: the inputs, passed through as the flags of a run', () => {
  it('passes lock, lock-timeout and kill-switch-interval as --lock, --lock-timeout and --kill-switch-interval', () => {
    expect(clusterOptions({ lock: 'shop', 'lock-timeout': '30', 'kill-switch-interval': '2' })).toEqual({
      lock: 'shop',
      lockTimeoutSeconds: 30,
      killSwitchIntervalSeconds: 2,
    })
  })

  it('leaves the kill-switch interval to the CLI when the input is empty (STEADYSTATE_KILL_SWITCH_INTERVAL, else 5)', () => {
    expect(clusterOptions({ 'kill-switch-interval': '' })?.killSwitchIntervalSeconds).toBeUndefined()
  })
})
