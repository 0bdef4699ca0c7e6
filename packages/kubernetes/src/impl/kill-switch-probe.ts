import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import { checkKillSwitches } from '../kill-switch/check.ts'
import { str } from './context.ts'

/**
 * `steadystate.safeguards.kubernetes.kill_switch_released`: true while no kill switch in scope is
 * pulled; false (and the reason in the log) when one is. A switch it cannot read fails the probe:
 * not knowing is no reason to go on.
 */
export const killSwitchReleased: ModuleFunctionImpl = async (args, context) => {
  const timeout = args.timeout ?? 10
  if (typeof timeout !== 'number' || !(timeout > 0))
    throw new ActivityFailedError(`timeout ${JSON.stringify(timeout)} must be a positive number of seconds`)
  const verdict = await checkKillSwitches({
    env: context.env,
    secrets: context.scopedSecrets ?? {},
    namespaces: [str(args, 'ns') ?? 'default'],
    globalNamespace: str(args, 'global_ns'),
    name: str(args, 'name'),
    key: str(args, 'key'),
    signal: context.signal,
    timeoutMs: timeout * 1000,
  })
  switch (verdict.kind) {
    case 'clear':
      return true
    case 'pulled':
      context.log.warn(verdict.message)
      return false
    case 'unreadable':
      throw new ActivityFailedError(verdict.message)
  }
}
