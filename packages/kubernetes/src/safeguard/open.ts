import type { SafeguardOpening, SafeguardRequest } from '@steadystate/core'
import { openForRecovery } from './open-recovery.ts'
import { openForRun } from './open-run.ts'
import type { ClusterSafeguardSettings } from './settings.ts'
import { targetsOf } from './targets.ts'

/** Opens the Kubernetes safeguards of a run or of a recovery (see SafeguardProvider). */
export async function openKubernetesSafeguard(
  request: SafeguardRequest,
  settings: ClusterSafeguardSettings,
): Promise<SafeguardOpening> {
  const targets = targetsOf(request.calls)
  switch (request.mode.kind) {
    case 'recovery':
      return openForRecovery(request, settings, request.mode.journal, targets)
    case 'run':
      if (targets.length === 0) return { kind: 'not-applicable' }
      if (settings.disabled) {
        request.log.warn(
          `--no-cluster-record: no record of pending rollbacks and no lock in the cluster for ${targets.flatMap((t) => t.activities).join(', ')}; if this runner is lost mid-run, only its journal can roll the fault back`,
        )
        return { kind: 'not-applicable' }
      }
      return openForRun(request, settings, targets)
  }
}
