import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadKubeConfig, parseBoolean } from './kubeconfig.ts'

const data = (name: string) => fileURLToPath(new URL(`testdata/${name}`, import.meta.url))

describe('loadKubeConfig', () => {
  it('merges several KUBECONFIG files like kubectl (first current-context wins)', () => {
    const { config, source } = loadKubeConfig({ KUBECONFIG: `${data('a.yaml')}:${data('b.yaml')}` })
    expect(config.getCurrentContext()).toBe('alpha')
    expect(config.getContexts().map((c) => c.name)).toEqual(['alpha', 'beta'])
    expect(source).toContain("context 'alpha'")
  })

  it('switches context with KUBERNETES_CONTEXT, from secrets before the environment', () => {
    const env = { KUBECONFIG: `${data('a.yaml')}:${data('b.yaml')}`, KUBERNETES_CONTEXT: 'alpha' }
    expect(loadKubeConfig(env, { KUBERNETES_CONTEXT: 'beta' }).config.getCurrentCluster()?.server).toBe(
      'https://beta.example:6443',
    )
    expect(() => loadKubeConfig({ ...env, KUBERNETES_CONTEXT: 'gamma' })).toThrow(
      /KUBERNETES_CONTEXT is 'gamma', but .* has no such context \(it has: alpha, beta\)/,
    )
  })

  it('names a missing or broken kubeconfig', () => {
    expect(() => loadKubeConfig({ KUBECONFIG: '/nowhere/config' })).toThrow(
      'KUBECONFIG names /nowhere/config, which does not exist',
    )
    expect(() => loadKubeConfig({ KUBECONFIG: data('broken.yaml') })).toThrow(
      /the kubeconfig .*broken\.yaml cannot be read/,
    )
  })

  it('explains the options when there is no configuration at all', () => {
    expect(() => loadKubeConfig({ HOME: '/nonexistent-home' })).toThrow(
      /no Kubernetes configuration found: set KUBECONFIG/,
    )
  })

  it('builds a configuration from KUBERNETES_HOST and a token', () => {
    const { config } = loadKubeConfig(
      { HOME: '/nonexistent-home' },
      { KUBERNETES_HOST: 'https://k8s.example', KUBERNETES_API_KEY: 't0k', KUBERNETES_VERIFY_SSL: 'false' },
    )
    expect(config.getCurrentCluster()).toMatchObject({ server: 'https://k8s.example', skipTLSVerify: true })
    expect(config.getCurrentUser()).toMatchObject({ token: 't0k' })
  })

  it('parses booleans for real (the reference treats "false" as true)', () => {
    expect(parseBoolean('false', true)).toBe(false)
    expect(parseBoolean('No', true)).toBe(false)
    expect(parseBoolean('true', false)).toBe(true)
    expect(parseBoolean(undefined, true)).toBe(true)
  })
})
