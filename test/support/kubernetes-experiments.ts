const python = (module: string, func: string, args: Record<string, unknown>) => ({
  type: 'python',
  module,
  func,
  arguments: args,
})

/**
 * A Kubernetes fault a killed run leaves in place: the method scales Deployment `web` to 0 and holds
 * it for `holdSeconds`; the rollback scales it back to 2.
 */
export function scaleExperiment(namespace: string, holdSeconds: number): Record<string, unknown> {
  return {
    title: 'Web survives losing its pods',
    description: 'scale down, then back',
    method: [
      {
        type: 'action',
        name: 'scale-down',
        provider: python('chaosk8s.deployment.actions', 'scale_deployment', {
          name: 'web',
          replicas: 0,
          ns: namespace,
        }),
        pauses: { after: holdSeconds },
      },
    ],
    rollbacks: [
      {
        type: 'action',
        name: 'scale-up',
        provider: python('chaosk8s.deployment.actions', 'scale_deployment', {
          name: 'web',
          replicas: 2,
          ns: namespace,
        }),
      },
    ],
  }
}

/** A Lease held right now by another run (renewed just now, for 5 minutes): a lock a run must not take. */
export function heldLease(name: string, holder: string, origin: string): string {
  const now = new Date().toISOString().replace('Z', '000Z')
  return JSON.stringify({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, annotations: { 'steadystate.dev/origin': origin } },
    spec: { holderIdentity: holder, leaseDurationSeconds: 300, acquireTime: now, renewTime: now },
  })
}
