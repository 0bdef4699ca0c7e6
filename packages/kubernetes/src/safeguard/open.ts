import type { SafeguardOpening, SafeguardRequest } from '@steadystate/core'
import { openForRecovery } from './open-recovery.ts'
import { openForRun } from './open-run.ts'
import type { ClusterSafeguardSettings } from './settings.ts'
import { targetsOf, type Target } from './targets.ts'
import { openKillSwitch } from './kill-switch-guard.ts'
import { KillSwitchSafeguard } from './kill-switch-safeguard.ts'
import type { KillSwitchWatch } from './kill-switch-watch.ts'

/** Opens the Kubernetes safeguards of a run or of a recovery (see SafeguardProvider). */
export async function openKubernetesSafeguard(
  request: SafeguardRequest,
  settings: ClusterSafeguardSettings,
): Promise<SafeguardOpening> {
  const targets = targetsOf(request.calls)
  switch (request.mode.kind) {
    case 'recovery':
      return openForRecovery(request, settings, request.mode.journal, targets)
    case 'run': {
      // The kill switch first: a pulled one refuses before any lock is taken or waited for.
      const killSwitch = await openKillSwitch(request, settings.killSwitchIntervalSeconds)
      if (killSwitch.kind === 'refused') return killSwitch
      const watch = killSwitch.kind === 'watching' ? killSwitch.watch : undefined
      const opening = await openLocksAndRecords(request, settings, targets, watch)
      if (opening.kind !== 'held') await watch?.stop()
      return opening
    }
  }
}

async function openLocksAndRecords(
  request: SafeguardRequest,
  settings: ClusterSafeguardSettings,
  targets: readonly Target[],
  watch: KillSwitchWatch | undefined,
): Promise<SafeguardOpening> {
  const watchOnly = (): SafeguardOpening =>
    watch === undefined
      ? { kind: 'not-applicable' }
      : { kind: 'held', safeguard: new KillSwitchSafeguard(watch) }
  if (targets.length === 0) return watchOnly()
  if (settings.disabled) {
    request.log.warn(
      `--no-cluster-record: no record of pending rollbacks and no lock in the cluster for ${targets.flatMap((t) => t.activities).join(', ')}; if this runner is lost mid-run, only its journal can roll the fault back`,
    )
    return watchOnly()
  }
  return openForRun(request, settings, targets, watch)
}
