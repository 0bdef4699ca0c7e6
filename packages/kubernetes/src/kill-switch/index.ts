/**
 * `@steadystate/kubernetes/kill-switch`: the kill switch without the engine, for the CLI (the
 * `kill-switch` command, and the check that refuses a run while the switch is pulled).
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
