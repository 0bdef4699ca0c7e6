import type { ModuleFunctionSpec } from '@steadystate/core'
import { KILL_SWITCH_KEY, KILL_SWITCH_NAME } from '../kill-switch/kill-switch.ts'
import { NS, opt, probe } from './spec.ts'

/** steadystate's Kubernetes stop source: the kill switch, as a probe (tolerance: true). */
export const KILL_SWITCH_PROBES: ModuleFunctionSpec[] = [
  probe(
    'kill_switch_released',
    'true while the kill switch (a ConfigMap key) is not set in the namespace, nor in the global namespace; tolerance: true',
    [
      NS,
      opt('name', 'string', KILL_SWITCH_NAME, 'the ConfigMap'),
      opt('key', 'string', KILL_SWITCH_KEY, 'the key that, when set, means stop'),
      opt(
        'global_ns',
        'string',
        null,
        'a namespace whose switch stops every run (default: $STEADYSTATE_KILL_SWITCH_NAMESPACE)',
      ),
      opt('timeout', 'number', 10, 'seconds to read the switches; no answer in time fails'),
    ],
  ),
]
