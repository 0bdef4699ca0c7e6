import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadManifest, manifestFormat, objectArg } from './manifest.ts'

describe('loadManifest', () => {
  let cwd: string
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'manifest-'))
    mkdirSync(join(cwd, 'specs'))
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }
    writeFileSync(join(cwd, 'specs/web.json'), JSON.stringify(deployment))
    writeFileSync(
      join(cwd, 'specs/web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    enabled: yes\n',
    )
    writeFileSync(join(cwd, 'specs/svc.yml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n')
    writeFileSync(join(cwd, 'specs/two.yaml'), 'kind: Service\n---\nkind: Service\n')
    writeFileSync(join(cwd, 'specs/list.yaml'), '- kind: Service\n')
    writeFileSync(join(cwd, 'specs/evil.yaml'), 'kind: !!python/object:os.system Service\n')
    writeFileSync(join(cwd, 'specs/broken.json'), '{"kind": ')
    writeFileSync(join(cwd, 'specs/web.txt'), '{}')
  })

  it('reads JSON and YAML relative to the working directory', async () => {
    expect(await loadManifest('specs/web.json', cwd, 'Deployment')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
    })
    expect(await loadManifest(join(cwd, 'specs/svc.yml'), '/nowhere', 'Service')).toMatchObject({
      metadata: { name: 'svc' },
    })
  })

  it('reads YAML like PyYAML safe_load: YAML 1.1 booleans', async () => {
    const manifest = await loadManifest('specs/web.yaml', cwd)
    expect(manifest.metadata).toEqual({ name: 'web', labels: { enabled: true } })
  })

  it('refuses other extensions, missing files, other kinds and anything but one mapping', async () => {
    await expect(loadManifest('specs/web.txt', cwd)).rejects.toThrow(
      'cannot process specs/web.txt: spec_path must end in .json, .yaml or .yml',
    )
    await expect(loadManifest('specs/none.json', cwd)).rejects.toThrow(
      /cannot read spec_path 'specs\/none\.json' \(.*specs\/none\.json\): ENOENT/,
    )
    await expect(loadManifest('specs/svc.yml', cwd, 'Deployment')).rejects.toThrow(
      'specs/svc.yml describes a "Service", but this action creates a Deployment',
    )
    await expect(loadManifest('specs/list.yaml', cwd)).rejects.toThrow('must hold one Kubernetes object')
    await expect(loadManifest('specs/two.yaml', cwd)).rejects.toThrow(/specs\/two\.yaml: invalid YAML/)
    await expect(loadManifest('specs/broken.json', cwd)).rejects.toThrow(/specs\/broken\.json: invalid JSON/)
  })

  it('never interprets custom tags', async () => {
    await expect(loadManifest('specs/evil.yaml', cwd)).rejects.toThrow(/unsupported tag/)
  })
})

describe('manifestFormat and objectArg', () => {
  it('goes by the extension only', () => {
    expect(manifestFormat('a/b.JSON')).toBe('json')
    expect(manifestFormat('b.yml')).toBe('yaml')
    expect(manifestFormat('b.yaml.bak')).toBeUndefined()
  })

  it('accepts mappings only', () => {
    expect(objectArg({ spec: { a: 1 } }, 'spec')).toEqual({ a: 1 })
    expect(objectArg({ spec: null }, 'spec')).toBeUndefined()
    expect(() => objectArg({ spec: [1] }, 'spec')).toThrow("argument 'spec' must be a mapping, got [1]")
  })
})
