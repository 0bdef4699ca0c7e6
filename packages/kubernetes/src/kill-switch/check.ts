import { withDeadline } from '@steadystate/core'
import { loadKubeConfig } from '../client/kubeconfig.ts'
import { KubeClient } from '../client/rest.ts'
import {
  describeRef,
  GLOBAL_NAMESPACE_ENV,
  killSwitchRef,
  readKillSwitch,
  type KillSwitchRef,
  type KillSwitchState,
} from './kill-switch.ts'

/** A check that has no answer in this long cannot tell, and so refuses (fails closed). */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000

export interface KillSwitchCheckOptions {
  env: Readonly<Record<string, string | undefined>>
  /** Kubernetes settings from the experiment's secrets (KUBERNETES_HOST, …), as chaosk8s reads them. */
  secrets?: Record<string, unknown>
  /** The namespaces the run targets; the global namespace (STEADYSTATE_KILL_SWITCH_NAMESPACE) is added. */
  namespaces: readonly string[]
  /** The global namespace, instead of the environment's. */
  globalNamespace?: string | undefined
  name?: string | undefined
  key?: string | undefined
  signal: AbortSignal
  timeoutMs?: number
  /** The client to read with (a run's own); by default one from `env` and `secrets`. */
  connect?: () => KubeClient
}

export type PulledKillSwitch = Extract<KillSwitchState, { kind: 'pulled' }>

export type KillSwitchVerdict =
  /** Every switch in scope is released (`checked` may be empty: nothing was in scope). */
  | { kind: 'clear'; checked: KillSwitchRef[] }
  | { kind: 'pulled'; state: PulledKillSwitch; message: string }
  /** A switch could not be read (forbidden, cluster unreachable, no answer in time): refuse. */
  | { kind: 'unreadable'; ref: KillSwitchRef; message: string }

/**
 * Reads every kill switch in scope: one in each target namespace and the global one. The Kubernetes
 * safeguard calls it before a run starts (refusing the run unless the verdict is `clear`) and every
 * few seconds while it runs (see safeguard/kill-switch-guard.ts); the `steadystate kill-switch
 * status` command and the `steadystate.safeguards.kubernetes` probe call it too.
 */
export async function checkKillSwitches(options: KillSwitchCheckOptions): Promise<KillSwitchVerdict> {
  const refs = scope(options)
  if (refs.length === 0) return { kind: 'clear', checked: [] }
  const deadline = withDeadline(options.signal, options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS)
  try {
    let client: KubeClient
    try {
      client = options.connect?.() ?? new KubeClient(loadKubeConfig(options.env, options.secrets).config)
    } catch (error) {
      return unreadable(refs[0] as KillSwitchRef, error)
    }
    for (const ref of refs) {
      let state: KillSwitchState
      try {
        state = await readKillSwitch(client, ref, deadline.signal)
      } catch (error) {
        return unreadable(ref, deadline.signal.aborted && !options.signal.aborted ? timedOut(options) : error)
      }
      if (state.kind === 'pulled') return { kind: 'pulled', state, message: pulledMessage(state) }
    }
    return { kind: 'clear', checked: refs }
  } finally {
    deadline.clear()
  }
}

/** The switches in scope, each namespace once, the global one last. */
export function scope(options: KillSwitchCheckOptions): KillSwitchRef[] {
  const global = options.globalNamespace ?? nonEmpty(options.env[GLOBAL_NAMESPACE_ENV])
  const namespaces = [...new Set([...options.namespaces, ...(global === undefined ? [] : [global])])]
  return namespaces.map((namespace) => killSwitchRef(namespace, options.name, options.key))
}

export function pulledMessage(state: PulledKillSwitch): string {
  const who = [
    state.by === undefined ? '' : ` by ${state.by}`,
    state.at === undefined ? '' : ` at ${state.at}`,
  ]
  return (
    `the kill switch is pulled (${describeRef(state.ref)}): ${JSON.stringify(state.reason)}${who.join('')}; ` +
    `runs stop and new ones are refused until it is released ` +
    `(steadystate kill-switch clear --namespace ${state.ref.namespace})`
  )
}

function unreadable(ref: KillSwitchRef, error: unknown): KillSwitchVerdict {
  const reason = error instanceof Error ? error.message : String(error)
  return {
    kind: 'unreadable',
    ref,
    message:
      `cannot read the kill switch (${describeRef(ref)}): ${reason}; not knowing whether it is pulled ` +
      `counts as pulled (the runner needs get on that ConfigMap: deploy/rbac/kill-switch.yaml)`,
  }
}

function timedOut(options: KillSwitchCheckOptions): Error {
  return new Error(`no answer within ${(options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS) / 1000} s`)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
