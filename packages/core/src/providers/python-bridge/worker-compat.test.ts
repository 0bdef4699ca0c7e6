import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { declared } from '../../../test-support/providers.ts'
import { describe, expect, it } from 'vitest'
import { ModuleRegistry } from '../modules.ts'
import { pythonProvider } from '../python.ts'
import { testContext } from '../../../test-support/provider-context.ts'
import { PythonBridge } from './bridge.ts'
import { workerSource } from './worker-source.ts'

/** Pythons of the given minor versions found on this machine (pyenv's folders), for real runs. */
function pyenvPython(minor: string): string | undefined {
  const root = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions')
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).find((name) => name.startsWith(`${minor}.`))
  const path = version === undefined ? undefined : join(root, version, 'bin', `python${minor}`)
  return path !== undefined && existsSync(path) ? path : undefined
}

describe('the worker runs on Python 3.8 and later, and refuses older ones clearly', () => {
  it('parses as Python 3.8 (the grammar of the oldest supported version)', () => {
    const checked = execFileSync(
      'python3',
      ['-c', 'import ast, sys; ast.parse(sys.stdin.read(), feature_version=(3, 8)); print("ok")'],
      { input: workerSource(), encoding: 'utf8' },
    )
    expect(checked.trim()).toBe('ok')
  })

  const python38 = pyenvPython('3.8')
  const python37 = pyenvPython('3.7')
  // Machines of this project's kind have pyenv's Pythons; elsewhere the grammar check above stands.
  it.runIf(python38 !== undefined)('runs a standard-library function on a real Python 3.8', async () => {
    const provider = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const context = testContext({ env: { ...process.env, STEADYSTATE_PYTHON: python38 } })
    const output = await provider.run(
      declared.python({ type: 'python', module: 'os.path', func: 'isdir', arguments: { s: '/' } }),
      context,
    )
    await provider.close?.()
    expect(output).toBe(true)
  })

  it.runIf(python37 !== undefined)('refuses Python 3.7 with the version it found', async () => {
    const provider = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const [issue] = await provider.validate(
      declared.python({ type: 'python', module: 'os.path', func: 'isdir' }),
      'p',
      {
        env: { ...process.env, STEADYSTATE_PYTHON: python37 },
        cwd: '/',
        activityName: 'a',
        activityType: 'probe',
      },
    )
    expect(issue?.message).toMatch(/is Python 3\.7\.\d+; the bridge needs Python 3\.8 or later$/)
  })
})
