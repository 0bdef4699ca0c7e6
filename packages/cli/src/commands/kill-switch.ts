import { hostname, userInfo } from 'node:os'
import { errorMessage, withDeadline } from '@steadystate/core'
import {
  checkKillSwitches,
  describeRef,
  KubeClient,
  killSwitchRef,
  loadKubeConfig,
  pullKillSwitch,
  releaseKillSwitch,
  type KillSwitchState,
} from '@steadystate/kubernetes/kill-switch'
import { listValue, parseCommandArgs, positiveNumber, stringValue, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = {
  namespace: { type: 'string', short: 'n', multiple: true },
  reason: { type: 'string' },
  by: { type: 'string' },
  name: { type: 'string' },
  key: { type: 'string' },
  timeout: { type: 'string' },
}

export const KILL_SWITCH_HELP = `Usage: steadystate kill-switch set|clear|status [options]

The Kubernetes kill switch: the key "stop" of the ConfigMap "steadystate-kill-switch". While it is
set, steadystate runs that target the namespace stop at their next check, and new ones are refused.
A switch in the namespace named by STEADYSTATE_KILL_SWITCH_NAMESPACE stops every run.

  set      pull the lever: set the key to --reason (the ConfigMap is created if needed)
  clear    release it: remove the key (the ConfigMap stays)
  status   say whether a run targeting the namespace(s) may start: the namespaces' switches and
           the global one. Exit 0 released, 1 pulled or unreadable (not knowing counts as pulled)

Options:
  -n, --namespace NS   the namespace (default: the kubeconfig context's, else default); status
                       takes several
  --reason TEXT        why (set; default: "pulled with steadystate kill-switch set")
  --by TEXT            who, noted on the ConfigMap (default: USER@HOST)
  --name NAME  --key KEY   another ConfigMap or key (default: steadystate-kill-switch, stop)
  --timeout SECS       how long to wait for the cluster (default: 30)

Kubernetes access comes from KUBECONFIG (or ~/.kube/config, in-cluster, KUBERNETES_HOST) as for
runs. Reading needs get on the ConfigMap, pulling and releasing get and patch (and create, the first
time): deploy/rbac/kill-switch.yaml.
`

type Verb = 'set' | 'clear' | 'status'

/** `steadystate kill-switch set|clear|status`: see KILL_SWITCH_HELP. */
export async function killSwitchCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('kill-switch', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(KILL_SWITCH_HELP)
    return EXIT_OK
  }
  const [verb, ...extra] = positionals
  if ((verb !== 'set' && verb !== 'clear' && verb !== 'status') || extra.length > 0) {
    io.stderr.write(`steadystate kill-switch: expected set, clear or status\n\n${KILL_SWITCH_HELP}`)
    return EXIT_USAGE
  }
  const namespaces = listValue(values, 'namespace')
  if (verb !== 'status' && namespaces.length > 1) {
    io.stderr.write(`steadystate kill-switch ${verb}: one --namespace at a time\n`)
    return EXIT_USAGE
  }
  const timeoutMs = (positiveNumber('timeout', stringValue(values, 'timeout')) ?? 30) * 1000
  const deadline = withDeadline(io.signal, timeoutMs)
  try {
    return await act(verb, { values, namespaces, io, signal: deadline.signal })
  } catch (error) {
    const reason =
      deadline.signal.aborted && !io.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : ''
    io.stderr.write(
      `steadystate kill-switch ${verb}: ${reason || errorMessage(error)}${leverHint(verb, error)}\n`,
    )
    return EXIT_FAILED
  } finally {
    deadline.clear()
  }
}

interface Request {
  values: Record<string, string | boolean | string[] | undefined>
  namespaces: string[]
  io: CommandIO
  signal: AbortSignal
}

async function act(verb: Verb, request: Request): Promise<number> {
  const { values, io, signal } = request
  const { config } = loadKubeConfig(io.env)
  const fallback = config.getContextObject(config.getCurrentContext())?.namespace ?? 'default'
  const namespaces = request.namespaces.length > 0 ? request.namespaces : [fallback]
  const name = stringValue(values, 'name')
  const key = stringValue(values, 'key')
  const ref = killSwitchRef(namespaces[0] ?? fallback, name, key)
  const by = stringValue(values, 'by') ?? whoAmI(io)
  switch (verb) {
    case 'set': {
      const reason = stringValue(values, 'reason') ?? 'pulled with steadystate kill-switch set'
      const state = await pullKillSwitch(new KubeClient(config), ref, { reason, by, now: new Date(), signal })
      io.stdout.write(`kill switch pulled: ${describe(state)}\n`)
      io.stdout.write(
        `runs targeting namespace ${ref.namespace} stop at their next check, and new ones are refused, ` +
          `until \`steadystate kill-switch clear --namespace ${ref.namespace}\`\n`,
      )
      return EXIT_OK
    }
    case 'clear': {
      const before = await releaseKillSwitch(new KubeClient(config), ref, { by, now: new Date(), signal })
      io.stdout.write(
        before.kind === 'pulled'
          ? `kill switch released (${describeRef(ref)}); it was pulled: ${describe(before)}\n`
          : `the kill switch was not pulled (${describeRef(ref)}): nothing to release\n`,
      )
      return EXIT_OK
    }
    case 'status':
      return status(namespaces, { name, key, io, signal })
  }
}

async function status(
  namespaces: string[],
  options: { name: string | undefined; key: string | undefined; io: CommandIO; signal: AbortSignal },
): Promise<number> {
  const verdict = await checkKillSwitches({ env: options.io.env, namespaces, ...options })
  switch (verdict.kind) {
    case 'clear':
      options.io.stdout.write(`released: ${verdict.checked.map(describeRef).join('; ')}\n`)
      return EXIT_OK
    case 'pulled':
      options.io.stdout.write(`pulled: ${verdict.message}\n`)
      return EXIT_FAILED
    case 'unreadable':
      options.io.stderr.write(`steadystate kill-switch status: ${verdict.message}\n`)
      return EXIT_FAILED
  }
}

function describe(state: KillSwitchState): string {
  if (state.kind === 'released') return `released (${describeRef(state.ref)})`
  const who = `${state.by === undefined ? '' : ` by ${state.by}`}${state.at === undefined ? '' : ` at ${state.at}`}`
  return `${JSON.stringify(state.reason)}${who} (${describeRef(state.ref)})`
}

function whoAmI(io: CommandIO): string {
  const user = io.env.USER ?? io.env.USERNAME ?? safeUserName()
  return `${user}@${hostname()}`
}

function safeUserName(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

/** A refused write names the role that grants it. */
function leverHint(verb: Verb, error: unknown): string {
  if (verb === 'status' || !(error instanceof Error) || !/ 403 /.test(error.message)) return ''
  return ' (pulling and releasing the kill switch needs the Role steadystate-kill-switch-lever in deploy/rbac/kill-switch.yaml)'
}
