import type { SafeguardRequest } from '@steadystate/core'
import type { ErrorCode } from '@steadystate/model'
import { checkKillSwitches, type KillSwitchVerdict } from '../kill-switch/check.ts'
import { killSwitchNamespaces } from '../kill-switch/scope.ts'
import { clientOf } from './connect.ts'
import { globalNamespaceSet } from './kill-switch-scope.ts'
import { KillSwitchWatch } from './kill-switch-watch.ts'
import { DEFAULT_KILL_SWITCH_INTERVAL_SECONDS, KILL_SWITCH_INTERVAL_ENV } from './settings.ts'
import { kubernetesFunction, type Connection } from './targets.ts'

export type KillSwitchOpening =
  /** No Kubernetes namespace in the experiment and no global switch: nothing to check. */
  | { kind: 'out-of-scope' }
  | { kind: 'refused'; code: ErrorCode; message: string }
  /** Every switch in scope was released: the watch reads them again while the run goes on. */
  | { kind: 'watching'; watch: KillSwitchWatch }

/**
 * Before a run (see `@steadystate/kubernetes/kill-switch`): the namespaces its experiment targets
 * and the global one; a namespace it cannot resolve refuses, a switch pulled or unreadable refuses
 * (fail closed), else the run goes on and a watch reads the switches every few seconds: every
 * `flagSeconds` (`--kill-switch-interval`, checked by the host) when given, else as the environment says.
 */
export async function openKillSwitch(
  request: SafeguardRequest,
  flagSeconds: number | undefined,
): Promise<KillSwitchOpening> {
  const interval = flagSeconds ?? intervalSeconds(request.env[KILL_SWITCH_INTERVAL_ENV])
  if (typeof interval === 'string') return { kind: 'refused', code: 'USAGE', message: interval }
  const { namespaces, unresolved } = killSwitchNamespaces(request.experiment, request.configuration)
  if (unresolved.length > 0)
    return {
      kind: 'refused',
      code: 'KILL_SWITCH',
      message: `cannot tell which kill switch to check: the namespace ${unresolved.map((ns) => JSON.stringify(ns)).join(', ')} names configuration the run does not have; nothing was run`,
    }
  if (namespaces.length === 0 && !globalNamespaceSet(request.env)) return { kind: 'out-of-scope' }
  const connections = connectionsOf(request)
  const check = async (signal: AbortSignal): Promise<KillSwitchVerdict> => {
    let verdict: KillSwitchVerdict = { kind: 'clear', checked: [] }
    for (const connection of connections) {
      verdict = await checkKillSwitches({
        env: request.env,
        secrets: connection.secrets,
        namespaces,
        signal,
        connect: () => clientOf(request, connection),
      })
      if (verdict.kind !== 'clear') return verdict
    }
    return verdict
  }
  const verdict = await check(request.signal)
  if (request.signal.aborted)
    return {
      kind: 'refused',
      code: 'INTERRUPTED',
      message: 'interrupted while reading the kill switch; nothing was run',
    }
  switch (verdict.kind) {
    case 'pulled':
    case 'unreadable':
      return { kind: 'refused', code: 'KILL_SWITCH', message: `nothing was run: ${verdict.message}` }
    case 'clear': {
      const where = [...new Set(verdict.checked.map((ref) => ref.namespace))].join(', ')
      request.log.info(
        `kill switch released (namespaces ${where}); read again every ${interval} s while the run goes on`,
      )
      return { kind: 'watching', watch: new KillSwitchWatch(check, interval, request.log) }
    }
  }
}

/** STEADYSTATE_KILL_SWITCH_INTERVAL in seconds, or what is wrong with it. */
function intervalSeconds(value: string | undefined): number | string {
  if (value === undefined || value.trim() === '') return DEFAULT_KILL_SWITCH_INTERVAL_SECONDS
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds > 0
    ? seconds
    : `${KILL_SWITCH_INTERVAL_ENV}=${JSON.stringify(value)} must be a positive number of seconds; nothing was run`
}

/** The ways the run reaches its clusters: the secrets of its Kubernetes calls (the environment's when none). */
function connectionsOf(request: SafeguardRequest): Connection[] {
  const connections = new Map<string, Connection>()
  for (const call of request.calls) {
    if (kubernetesFunction(call) === undefined) continue
    const key = JSON.stringify(call.secrets)
    connections.set(key, { secrets: call.secrets, key })
  }
  return connections.size === 0 ? [{ secrets: {}, key: '{}' }] : [...connections.values()]
}
