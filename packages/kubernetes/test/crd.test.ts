import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useNamespace } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { applyCrds, deleteHeldFault, markInjected } from './crds.ts'
import { dryRunK8s, getObject, specFile } from './objects.ts'

const ACTIONS = 'chaosk8s.crd.actions'
const PROBES = 'chaosk8s.crd.probes'
const WIDGETS = { group: 'test.steadystate.dev', version: 'v1', plural: 'widgets' }
const GADGETS = { group: 'test.steadystate.dev', version: 'v1', plural: 'gadgets' }

interface Widget {
  kind: string
  metadata: { name: string; namespace?: string; resourceVersion: string }
  spec: { size?: number; colour?: string; tags?: string[] }
}

function widget(name: string, spec: Widget['spec']): Record<string, unknown> {
  return { apiVersion: 'test.steadystate.dev/v1', kind: 'Widget', metadata: { name }, spec }
}

describe('chaosk8s.crd against a real API server, with CustomResourceDefinitions of our own', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'crd')
  const call = (module: string, func: string, args: Record<string, unknown>) =>
    callK8s(kubeconfig, module, func, args)
  const stored = (name: string) =>
    getObject<Widget>(kubeconfig, [
      '-n',
      namespace(),
      'get',
      'widgets.test.steadystate.dev',
      name,
      '--show-managed-fields',
    ])
  beforeAll(async () => {
    await applyCrds(kubeconfig, 'widgets')
    await applyCrds(kubeconfig, 'chaos-mesh')
  })

  it('create_custom_object from a mapping or a YAML file, get_custom_object, list_custom_objects; an existing object gives the 409 Status', async () => {
    const ns = namespace()
    const created = await call(ACTIONS, 'create_custom_object', {
      ...WIDGETS,
      ns,
      resource: widget('w1', { size: 1, colour: 'red' }),
    })
    expect(created.output).toMatchObject({ kind: 'Widget', metadata: { name: 'w1', namespace: ns } })
    expect(created.logs).toContain(`created widgets.test.steadystate.dev 'w1' in namespace '${ns}'`)
    const file = specFile(
      'apiVersion: test.steadystate.dev/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {size: 2}\n',
      'yaml',
    )
    await call(ACTIONS, 'create_custom_object', { ...WIDGETS, ns, resource_as_yaml_file: file })
    expect((await stored('w2'))?.spec).toEqual({ size: 2 })

    const got = await call(PROBES, 'get_custom_object', { ...WIDGETS, ns, name: 'w1' })
    expect(got.output).toEqual(await stored('w1'))
    const listed = (await call(PROBES, 'list_custom_objects', { ...WIDGETS, ns })).output as unknown as {
      kind: string
      items: Widget[]
    }
    expect(listed.kind).toBe('WidgetList')
    expect(listed.items.map((item) => item.metadata.name)).toEqual(['w1', 'w2'])

    const again = await call(ACTIONS, 'create_custom_object', {
      ...WIDGETS,
      ns,
      resource: widget('w1', { size: 9 }),
    })
    expect(again.output).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409 })
    expect(again.logs.join('\n')).toMatch(
      /warn: widgets\.test\.steadystate\.dev 'w1' in namespace '.*' already exists/,
    )
    expect((await stored('w1'))?.spec.size).toBe(1)
    expect(again.logs.filter((line) => line.startsWith('created'))).toEqual([])
    await expect(
      call(ACTIONS, 'create_custom_object', { ...WIDGETS, ns: 'kube-system', resource: widget('w3', {}) }),
    ).rejects.toThrow("namespace 'kube-system' is protected")
  })

  it('patch_custom_object (JSON Patch or merge patch) and replace_custom_object return the object; refusals say why', async () => {
    const ns = namespace()
    await call(ACTIONS, 'create_custom_object', {
      ...WIDGETS,
      ns,
      resource: widget('w', { size: 1, tags: ['a'] }),
    })
    const jsonPatch = await call(ACTIONS, 'patch_custom_object', {
      ...WIDGETS,
      ns,
      name: 'w',
      resource: [{ op: 'replace', path: '/spec/size', value: 3 }],
    })
    expect((jsonPatch.output as unknown as Widget).spec).toEqual({ size: 3, tags: ['a'] })
    const mergePatch = await call(ACTIONS, 'patch_custom_object', {
      ...WIDGETS,
      ns,
      name: 'w',
      resource: { spec: { colour: 'blue' } },
    })
    expect((mergePatch.output as unknown as Widget).spec).toEqual({ size: 3, tags: ['a'], colour: 'blue' })
    await expect(
      call(ACTIONS, 'patch_custom_object', { ...WIDGETS, ns, name: 'w', resource: { spec: { size: -1 } } }),
    ).rejects.toThrow(
      /^Failed to patch custom resource object: Kubernetes API PATCH .* failed: 422 Invalid: .*spec\.size/,
    )
    await expect(
      call(ACTIONS, 'patch_custom_object', { ...WIDGETS, ns, name: 'nope', resource: { spec: {} } }),
    ).rejects.toThrow(
      `Failed to patch custom resource object: widgets.test.steadystate.dev 'nope' in namespace '${ns}' was not found`,
    )

    const current = await stored('w')
    const replaced = await call(ACTIONS, 'replace_custom_object', {
      ...WIDGETS,
      ns,
      name: 'w',
      resource: {
        ...widget('w', { size: 7 }),
        metadata: { name: 'w', resourceVersion: current?.metadata.resourceVersion },
      },
    })
    expect((replaced.output as unknown as Widget).spec).toEqual({ size: 7 })
    expect((await stored('w'))?.spec).toEqual({ size: 7 })
  })

  it('delete_custom_object, with a dry run; missing objects and unknown types are named', async () => {
    const ns = namespace()
    await call(ACTIONS, 'create_custom_object', { ...WIDGETS, ns, resource: widget('w', { size: 1 }) })
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'delete_custom_object', { ...WIDGETS, ns, name: 'w' })).toBe(
      `would delete widgets.test.steadystate.dev 'w' in namespace '${ns}' (the API server accepted it in a dry run)`,
    )
    expect(await stored('w')).toBeDefined()
    const deleted = await call(ACTIONS, 'delete_custom_object', { ...WIDGETS, ns, name: 'w' })
    expect(deleted.output).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'w' } })
    expect(await stored('w')).toBeUndefined()
    await expect(call(ACTIONS, 'delete_custom_object', { ...WIDGETS, ns, name: 'w' })).rejects.toThrow(
      `Failed to delete custom resource object: widgets.test.steadystate.dev 'w' in namespace '${ns}' was not found`,
    )
    await expect(
      call(PROBES, 'list_custom_objects', { ...WIDGETS, plural: 'sprockets', ns }),
    ).rejects.toThrow(
      'Failed to list custom resource object: the API server does not serve sprockets.test.steadystate.dev/v1: is its CustomResourceDefinition installed?',
    )
  })

  it('the cluster-scoped variants', async () => {
    const name = `g-${randomBytes(3).toString('hex')}`
    const gadget = {
      apiVersion: 'test.steadystate.dev/v1',
      kind: 'Gadget',
      metadata: { name },
      spec: { on: true },
    }
    expect(
      await dryRunK8s(kubeconfig, ACTIONS, 'create_cluster_custom_object', { ...GADGETS, resource: gadget }),
    ).toBe(`would create gadgets.test.steadystate.dev '${name}' (the API server accepted it in a dry run)`)
    expect(await getObject(kubeconfig, ['get', 'gadgets.test.steadystate.dev', name])).toBeUndefined()
    await call(ACTIONS, 'create_cluster_custom_object', { ...GADGETS, resource: gadget })
    expect((await call(PROBES, 'get_cluster_custom_object', { ...GADGETS, name })).output).toMatchObject({
      spec: { on: true },
    })
    const patched = await call(ACTIONS, 'patch_cluster_custom_object', {
      ...GADGETS,
      name,
      resource: [{ op: 'add', path: '/spec/level', value: 2 }],
    })
    expect(patched.output).toMatchObject({ spec: { on: true, level: 2 } })
    const listed = (await call(PROBES, 'list_cluster_custom_objects', GADGETS)).output as unknown as {
      items: Widget[]
    }
    expect(listed.items.map((item) => item.metadata.name)).toContain(name)
    const current = await getObject<Widget>(kubeconfig, ['get', 'gadgets.test.steadystate.dev', name])
    await call(ACTIONS, 'replace_cluster_custom_object', {
      ...GADGETS,
      name,
      resource: {
        ...gadget,
        metadata: { name, resourceVersion: current?.metadata.resourceVersion },
        spec: { on: false },
      },
    })
    expect((await call(PROBES, 'get_cluster_custom_object', { ...GADGETS, name })).output).toMatchObject({
      spec: { on: false },
    })
    await call(ACTIONS, 'delete_cluster_custom_object', { ...GADGETS, name })
    expect(await getObject(kubeconfig, ['get', 'gadgets.test.steadystate.dev', name])).toBeUndefined()
  })

  it('apply_from_yaml / apply_from_json find the resource through discovery (irregular plurals, core kinds)', async () => {
    const ns = namespace()
    const chaos = [
      'apiVersion: chaos-mesh.org/v1alpha1',
      'kind: NetworkChaos',
      `metadata: {name: applied, namespace: ${ns}}`,
      'spec: {action: delay, mode: one, selector: {labelSelectors: {app: web}}, delay: {latency: 10ms}}',
    ].join('\n')
    const applied = await call(ACTIONS, 'apply_from_yaml', { resource: chaos })
    expect(applied.output).toMatchObject({
      kind: 'NetworkChaos',
      metadata: { name: 'applied', namespace: ns },
    })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'networkchaos', 'applied'])).toBeDefined()
    const configMap = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied', namespace: ns },
      data: { a: '1' },
    })
    expect((await call(ACTIONS, 'apply_from_json', { resource: configMap })).output).toMatchObject({
      kind: 'ConfigMap',
      data: { a: '1' },
    })
    await expect(
      call(ACTIONS, 'apply_from_yaml', {
        resource: chaos.replace(`namespace: ${ns}`, 'namespace: kube-system'),
      }),
    ).rejects.toThrow("namespace 'kube-system' is protected")
    await expect(
      call(ACTIONS, 'apply_from_yaml', {
        resource: chaos.replace('labelSelectors: {app: web}', 'namespaces: [kube-system]'),
      }),
    ).rejects.toThrow("namespace 'kube-system' is protected")
    await expect(
      call(ACTIONS, 'apply_from_yaml', {
        resource: 'apiVersion: chaos-mesh.org/v1alpha1\nkind: TimeTravel\n',
      }),
    ).rejects.toThrow("the API server has no kind 'TimeTravel' in apiVersion 'chaos-mesh.org/v1alpha1'")
    await expect(
      call(ACTIONS, 'apply_from_json', { resource: '{"apiVersion": "nowhere.dev/v9", "kind": "X"}' }),
    ).rejects.toThrow("the API server does not serve apiVersion 'nowhere.dev/v9'")
    // Deleting it through chaosk8s.crd (as public experiments do) also waits until Chaos Mesh lets it go.
    await markInjected(kubeconfig, ns, 'networkchaos', 'applied')
    const { result, returnedBeforeRelease } = await deleteHeldFault(
      kubeconfig,
      ns,
      'networkchaos',
      'applied',
      () =>
        call(ACTIONS, 'delete_custom_object', {
          group: 'chaos-mesh.org',
          version: 'v1alpha1',
          plural: 'networkchaos',
          name: 'applied',
          ns,
        }),
    )
    expect(returnedBeforeRelease).toBe(false)
    expect(result.output).toMatchObject({ metadata: { name: 'applied' } })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'networkchaos', 'applied'])).toBeUndefined()
  })
})
