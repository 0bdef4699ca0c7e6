import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readGuardrails } from '../select/guardrails.ts'
import { appliedObject, loadBody } from './custom-body.ts'
import { guardCustomObject, selectedNamespaces } from './custom-guard.ts'
import { customResource, customTarget } from './custom-objects.ts'
import { collectionPath, objectPath } from './objects.ts'

describe('custom object paths', () => {
  it('are the CustomObjectsApi paths, namespaced or cluster-wide', () => {
    const target = customTarget(
      { group: 'chaos-mesh.org', version: 'v1alpha1', plural: 'networkchaos', ns: 'shop' },
      true,
    )
    expect(objectPath(target.resource, 'web-delay', target.ns)).toBe(
      '/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos/web-delay',
    )
    expect(target.gvr).toBe('networkchaos.chaos-mesh.org/v1alpha1')
    const cluster = customResource('example.com', 'v1', 'widgets', false)
    expect(collectionPath(cluster, undefined)).toBe('/apis/example.com/v1/widgets')
    expect(() => customTarget({ group: 'g', version: 'v1' }, true)).toThrow("argument 'plural' is required")
  })
})

describe('bodies of custom object calls', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crd-body-'))
  writeFileSync(join(dir, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n')
  writeFileSync(join(dir, 'patch.json'), '[{"op": "replace", "path": "/spec/size", "value": 2}]')
  writeFileSync(join(dir, 'scalar.yaml'), 'just text\n')

  it('take `resource`, else the file `resource_as_yaml_file` (YAML or JSON) relative to the working directory', async () => {
    expect(await loadBody({ resource: { a: 1 } }, dir, 'object')).toEqual({ a: 1 })
    expect(await loadBody({ resource_as_yaml_file: 'widget.yaml' }, dir, 'object')).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    })
    expect(await loadBody({ resource_as_yaml_file: 'patch.json' }, dir, 'patch')).toEqual([
      { op: 'replace', path: '/spec/size', value: 2 },
    ])
  })

  it('fail clearly when missing, absent or of the wrong shape', async () => {
    await expect(loadBody({}, dir, 'object')).rejects.toThrow(
      "Either 'resource' or 'resource_as_yaml_file' must be set",
    )
    await expect(loadBody({ resource_as_yaml_file: 'nope.yaml' }, dir, 'object')).rejects.toThrow(
      `Path 'nope.yaml' is not a valid resource file (${join(dir, 'nope.yaml')})`,
    )
    await expect(loadBody({ resource_as_yaml_file: 'patch.json' }, dir, 'object')).rejects.toThrow(
      "'patch.json' must be one object (a mapping)",
    )
    await expect(loadBody({ resource_as_yaml_file: 'scalar.yaml' }, dir, 'patch')).rejects.toThrow(
      "'scalar.yaml' must be a JSON Patch (a list of operations) or a mapping (a merge patch)",
    )
  })

  it('of apply_from_json / apply_from_yaml are text (or a mapping) with apiVersion and kind', async () => {
    expect(await appliedObject({ resource: '{"apiVersion": "v1", "kind": "ConfigMap"}' }, 'json')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
    })
    expect(await appliedObject({ resource: 'apiVersion: v1\nkind: ConfigMap\n' }, 'yaml')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
    })
    await expect(appliedObject({ resource: 'kind: ConfigMap' }, 'yaml')).rejects.toThrow(
      'missing apiVersion in resource',
    )
    await expect(appliedObject({ resource: '{"apiVersion": "v1"}' }, 'json')).rejects.toThrow(
      'missing kind in resource',
    )
    await expect(appliedObject({ resource: 'apiVersion: [' }, 'json')).rejects.toThrow(
      "argument 'resource' is not valid json",
    )
    await expect(appliedObject({ resource: null }, 'yaml')).rejects.toThrow("argument 'resource' is required")
  })
})

describe('the namespace guardrail on custom objects', () => {
  const guardrails = readGuardrails({}, {})
  const chaos = (spec: Record<string, unknown>) => ({
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'NetworkChaos',
    spec,
  })

  it('finds every namespace a Chaos Mesh selector names, at any depth', () => {
    expect(
      selectedNamespaces({
        spec: {
          selector: { namespaces: ['a'], pods: { b: ['p'] } },
          target: { selector: { namespaces: ['c'] } },
          templates: [{ networkChaos: { selector: { namespaces: ['d'] } } }],
        },
      }).sort(),
    ).toEqual(['a', 'b', 'c', 'd'])
  })

  it('refuses the object’s namespace, and for Chaos Mesh the namespaces it targets, when protected', () => {
    expect(() => guardCustomObject('kube-system', {}, guardrails)).toThrow(
      "namespace 'kube-system' is protected",
    )
    expect(() =>
      guardCustomObject('shop', chaos({ target: { selector: { namespaces: ['kube-system'] } } }), guardrails),
    ).toThrow("namespace 'kube-system' is protected")
    expect(() =>
      guardCustomObject('shop', chaos({ selector: { pods: { 'kube-public': ['x'] } } }), guardrails),
    ).toThrow("namespace 'kube-public' is protected")
    // Other kinds' selectors are theirs to interpret.
    expect(() =>
      guardCustomObject(
        'shop',
        { apiVersion: 'example.com/v1', spec: { selector: { namespaces: ['kube-system'] } } },
        guardrails,
      ),
    ).not.toThrow()
    const allowed = readGuardrails({ steadystate_guardrails: { allow_namespaces: ['kube-system'] } }, {})
    expect(() =>
      guardCustomObject('kube-system', chaos({ selector: { namespaces: ['kube-system'] } }), allowed),
    ).not.toThrow()
  })
})
