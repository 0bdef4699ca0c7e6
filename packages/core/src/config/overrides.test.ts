import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SteadystateError } from '../errors.ts'
import { resolveConfiguration } from './configuration.ts'
import { loadOverrides, parseDotEnv, parseVar } from './overrides.ts'
import { resolveSecrets } from './secrets.ts'
import { normalizeConfiguration, normalizeSecrets } from '../experiment/normalize-config.ts'

describe('--var', () => {
  it('parses name=value and typed name:type=value', () => {
    expect(parseVar('a=b=c')).toEqual(['a', 'b=c'])
    expect(parseVar('n:int=42')).toEqual(['n', 42])
    expect(parseVar('f:float=0.5')).toEqual(['f', 0.5])
    expect(parseVar('b:bool=no')).toEqual(['b', false])
    expect(parseVar('j:json={"x":[1]}')).toEqual(['j', { x: [1] }])
  })
  it('names the flag and the problem on bad input', () => {
    expect(() => parseVar('novalue')).toThrow(/--var "novalue": expected name=value/)
    expect(() => parseVar('n:int=abc')).toThrow(/--var n:int: "abc" is not an integer/)
    expect(() => parseVar('n:date=1')).toThrow(SteadystateError)
  })
})

describe('var files', () => {
  it('merges JSON/YAML files and .env files, --var last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vars-'))
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({ configuration: { x: 1, y: 1 }, secrets: { s: { t: 'one' } } }),
    )
    writeFileSync(join(dir, 'b.yaml'), 'configuration:\n  y: 2\nsecrets:\n  s:\n    u: two\n')
    writeFileSync(join(dir, 'c.env'), '# comment\nexport API_KEY="abc def"\nREGION=eu # trailing\n')
    const overrides = await loadOverrides(
      [join(dir, 'a.json'), join(dir, 'b.yaml'), join(dir, 'c.env')],
      ['x:int=3'],
    )
    expect(overrides.configuration).toEqual({ x: 3, y: 2 })
    expect(overrides.secrets).toEqual({ s: { u: 'two' } })
    expect(overrides.env).toEqual({ API_KEY: 'abc def', REGION: 'eu' })
  })
  it('rejects a missing file naming it', async () => {
    await expect(loadOverrides(['/nonexistent/vars.json'], [])).rejects.toThrow(
      /--var-file \/nonexistent\/vars.json: cannot read it/,
    )
  })
  it('parses .env lines strictly', () => {
    expect(() => parseDotEnv('not a pair', 'x.env')).toThrow(/x.env: line 1 is not KEY=VALUE/)
  })
})

describe('configuration and secrets', () => {
  it('resolves env entries with defaults and env_var_type, and only overrides declared keys', () => {
    const resolved = resolveConfiguration(
      normalizeConfiguration({
        plain: 'v',
        port: { type: 'env', key: 'PORT', env_var_type: 'int' },
        fallback: { type: 'env', key: 'UNSET', default: '5', env_var_type: 'int' },
        flag: { type: 'env', key: 'FLAG', env_var_type: 'bool' },
        replaced: 'old',
      }),
      { PORT: '8080', FLAG: 'No' },
      { replaced: 'new', undeclared: 'dropped' },
    )
    expect(resolved.values).toEqual({ plain: 'v', port: 8080, fallback: 5, flag: false, replaced: 'new' })
    expect(resolved.problems).toEqual([])
  })
  it("reports a missing environment variable with the reference's message", () => {
    const resolved = resolveConfiguration(normalizeConfiguration({ url: { type: 'env', key: 'NOPE' } }), {})
    expect(resolved.problems).toEqual([
      {
        path: 'configuration.url',
        message: 'Configuration makes reference to an environment key that does not exist: NOPE',
      },
    ])
  })
  it('resolves secrets from env (no default) and says Vault is not supported', () => {
    const resolved = resolveSecrets(
      normalizeSecrets({
        k8s: {
          token: { type: 'env', key: 'TOKEN' },
          inline: 'x',
          nested: { deep: { type: 'env', key: 'DEEP' } },
        },
        v: { p: { type: 'vault', path: 'a' } },
      }),
      { TOKEN: 't0k3n' },
    )
    expect(resolved.values.k8s).toEqual({ token: 't0k3n', inline: 'x', nested: {} })
    expect(resolved.problems.map((p) => p.message)).toEqual([
      'Secrets make reference to an environment key that does not exist: DEEP',
      expect.stringMatching(/Vault secrets are not supported/),
    ])
  })
})
