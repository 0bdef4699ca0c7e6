/**
 * `@steadystate/kubernetes/kill-switch`: the kill switch without the engine, for the CLI's
 * `kill-switch` command. Runs honour it through the Kubernetes safeguard provider
 * (safeguard/kill-switch-guard.ts), which refuses a run at start in this order, before anything of
 * the experiment runs, then reads the switches again while it runs:
 * 1. `killSwitchNamespaces(experiment, configuration)`: the namespaces it targets. A non-empty
 *    `unresolved` (a `${name}` the configuration cannot fill) refuses: the check would read the
 *    wrong switch.
 * 2. `checkKillSwitches({ env, secrets, namespaces, signal })`: those namespaces' switches and the
 *    global one (`STEADYSTATE_KILL_SWITCH_NAMESPACE`). It never throws for the cluster's answers:
 *    the verdict is `clear` (run), `pulled` or `unreadable` (refuse; `message` says why and how to
 *    release, for the log and the journal). An experiment with no Kubernetes activity and no global
 *    namespace set checks nothing and is `clear`, without loading a kubeconfig.
 */
export {
  KILL_SWITCH_NAME,
  KILL_SWITCH_KEY,
  GLOBAL_NAMESPACE_ENV,
  ANNOTATIONS,
  killSwitchRef,
  describeRef,
  readKillSwitch,
  pullKillSwitch,
  releaseKillSwitch,
  type KillSwitchRef,
  type KillSwitchState,
} from './kill-switch.ts'
export {
  checkKillSwitches,
  pulledMessage,
  DEFAULT_CHECK_TIMEOUT_MS,
  type KillSwitchCheckOptions,
  type KillSwitchVerdict,
  type PulledKillSwitch,
} from './check.ts'
export { killSwitchNamespaces } from './scope.ts'
export { loadKubeConfig } from '../client/kubeconfig.ts'
export { KubeClient } from '../client/rest.ts'
export { KubernetesApiError, KubernetesConfigError, KubernetesUnreachableError } from '../client/errors.ts'
