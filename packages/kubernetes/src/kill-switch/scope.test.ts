import { describe, expect, it } from 'vitest'
import { checkKillSwitches, pulledMessage, scope } from './check.ts'
import { killSwitchRef } from './kill-switch.ts'
import { killSwitchNamespaces } from './scope.ts'

const k8s = (module: string, args: Record<string, unknown> = {}) => ({
  type: 'probe',
  name: module,
  provider: { type: 'python', module, func: 'f', arguments: args },
})

describe('killSwitchNamespaces', () => {
  it('collects the namespaces of every Kubernetes activity, safeguard probes included', () => {
    const experiment = {
      'steady-state-hypothesis': { probes: [k8s('chaosk8s.pod.probes', { ns: 'shop' })] },
      method: [
        k8s('chaosk8s.pod.actions', { ns: '${target}' }),
        k8s('chaosk8s.node.actions', { label_selector: 'x' }),
        k8s('chaosk8s.deployment.probes'),
        { type: 'action', name: 'http', provider: { type: 'http', url: 'http://x' } },
        { ref: 'elsewhere' },
      ],
      rollbacks: [k8s('chaosk8s.namespace.actions', { name: 'tmp' })],
      controls: [
        {
          name: 'safeguard',
          provider: {
            type: 'python',
            module: 'chaosaddons.controls.safeguards',
            arguments: { probes: [k8s('steadystate.safeguards.kubernetes', { ns: 'payments' })] },
          },
        },
      ],
    }
    expect(killSwitchNamespaces(experiment, { target: 'checkout' })).toEqual({
      namespaces: ['shop', 'checkout', 'default', 'payments'],
      unresolved: [],
    })
  })

  it('lists the placeholders it cannot fill, rather than checking a wrong namespace', () => {
    const experiment = { method: [k8s('chaosk8s.pod.actions', { ns: 'team-${team}' })] }
    expect(killSwitchNamespaces(experiment, {})).toEqual({ namespaces: [], unresolved: ['team-${team}'] })
    expect(killSwitchNamespaces('not an experiment', {})).toEqual({ namespaces: [], unresolved: [] })
  })
})

describe('the kill switch check', () => {
  it('adds the global namespace once, from the environment or the caller', () => {
    const base = { namespaces: ['shop', 'ops'], signal: new AbortController().signal }
    expect(scope({ ...base, env: { STEADYSTATE_KILL_SWITCH_NAMESPACE: 'ops' } })).toEqual([
      killSwitchRef('shop'),
      killSwitchRef('ops'),
    ])
    expect(
      scope({ ...base, env: {}, globalNamespace: 'steadystate', name: 'lever', key: 'halt' }).map(
        (ref) => `${ref.namespace}/${ref.name}/${ref.key}`,
      ),
    ).toEqual(['shop/lever/halt', 'ops/lever/halt', 'steadystate/lever/halt'])
  })

  it('has nothing to read when nothing is in scope, and refuses when it cannot read', async () => {
    const signal = new AbortController().signal
    expect(await checkKillSwitches({ env: {}, namespaces: [], signal })).toEqual({
      kind: 'clear',
      checked: [],
    })
    const verdict = await checkKillSwitches({
      env: { KUBECONFIG: '/nonexistent/kubeconfig' },
      namespaces: ['shop'],
      signal,
    })
    expect(verdict).toEqual({
      kind: 'unreadable',
      ref: killSwitchRef('shop'),
      message:
        'cannot read the kill switch (ConfigMap steadystate-kill-switch, key stop, in namespace shop): ' +
        'KUBECONFIG names /nonexistent/kubeconfig, which does not exist; not knowing whether it is pulled ' +
        'counts as pulled (the runner needs get on that ConfigMap: deploy/rbac/kill-switch.yaml)',
    })
  })

  it('says who pulled the switch, when, why, and how to release it', () => {
    expect(
      pulledMessage({
        kind: 'pulled',
        ref: killSwitchRef('shop'),
        reason: 'incident 4711',
        by: 'alice@laptop',
        at: '2024-05-01T10:00:00.000Z',
      }),
    ).toBe(
      'the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace shop): ' +
        '"incident 4711" by alice@laptop at 2024-05-01T10:00:00.000Z; runs stop and new ones are refused ' +
        'until it is released (steadystate kill-switch clear --namespace shop)',
    )
  })
})
