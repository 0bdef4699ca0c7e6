import { declared } from '../../../test-support/providers.ts'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ActivityFailedError } from '../../errors.ts'
import { ModuleRegistry } from '../modules.ts'
import { pythonProvider } from '../python.ts'
import { testContext } from '../../../test-support/provider-context.ts'
import { PythonBridge } from './bridge.ts'
import { processEnds, userModuleDir } from '../../../test-support/python-bridge.ts'

const dir = userModuleDir()
const env = { ...process.env, PYTHONPATH: dir, STEADYSTATE_PYTHON: 'python3' }
const bridge = new PythonBridge()
const provider = pythonProvider(new ModuleRegistry(), bridge)
afterAll(() => bridge.close())

function call(func: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const context = testContext({
    env,
    configuration: { region: 'eu' },
    secrets: { aws: { key: 'k1' }, other: { x: 'y' } },
  })
  const result = provider.run(
    declared.python({ type: 'python', module: 'usermod', func, arguments: args, ...extra }),
    context,
  )
  return { result, context }
}

async function failure(promise: Promise<unknown>): Promise<ActivityFailedError> {
  const error = await promise.then(
    () => undefined,
    (problem: unknown) => problem,
  )
  if (!(error instanceof ActivityFailedError))
    throw new Error(`expected ActivityFailed, got ${String(error)}`)
  return error
}

describe('the Python bridge runs functions as chaostoolkit-lib does', () => {
  it('returns what the function returns, with the reference journal encoder’s conversions', async () => {
    expect(await call('echo', { value: { a: [1, 'two', null, true] } }).result).toEqual({
      a: [1, 'two', null, true],
    })
    const { result, context } = call('odd_values')
    expect(await result).toEqual({
      date: '2024-01-02',
      when: '2024-01-02T03:04:05+00:00',
      decimal: '1.10',
      uuid: '00000000-0000-0000-0000-000000000001',
      tuple: [1, 2],
      '1': 'int key',
      set: [1, 2, 3],
      bytes: 'café',
      object: 'an object',
      nan: 'NaN',
    })
    // What the reference's encoder cannot write is converted, and the log says so.
    expect(context.logs.join('\n')).toMatch(/holds a set, written as a list at set/)
    expect(context.logs.join('\n')).toMatch(/bytes, decoded as UTF-8 at bytes/)
    expect(context.logs.join('\n')).toMatch(/an object of type Exception, written as its str\(\) at object/)
  })

  it('injects configuration when declared, and the listed secret scopes merged', async () => {
    expect(await call('injected', { a: 1 }, { secrets: ['aws'] }).result).toEqual({
      a: 1,
      configuration: { region: 'eu' },
      secrets: { key: 'k1' },
    })
    // No `secrets` on the provider: the function's default stays.
    expect(await call('injected', { a: 2 }).result).toEqual({
      a: 2,
      configuration: { region: 'eu' },
      secrets: null,
    })
    // A function that declares neither gets neither.
    expect(await call('without_injection', { a: 3 }, { secrets: ['aws'] }).result).toBe(3)
  })

  it('fails with the reference’s text and traceback-shaped exception lines', async () => {
    const { result, context } = call('boom', { message: 'it broke' })
    const error = await failure(result)
    expect(error.message).toBe('RuntimeError: it broke')
    expect(error.traceback?.at(-1)).toBe('chaoslib.exceptions.ActivityFailed: RuntimeError: it broke\n')
    expect(error.traceback).toContain('RuntimeError: it broke\n')
    expect(error.traceback?.join('')).toMatch(/usermod\.py", line \d+, in boom/)
    // Its print and its logging went to the log, not into the protocol.
    expect(context.logs).toContain('python: printed before failing')
    expect(context.logs).toContain('python: WARNING usermod: about to fail')
    expect((await failure(call('custom').result)).message).toBe('usermod.CustomError: custom failure')
    expect((await failure(call('exits').result)).message).toBe('SystemExit: 3')
    // The worker survives all of these.
    expect(await call('echo', { value: 'still here' }).result).toBe('still here')
  })

  it('keeps prints, raw writes to fd 1 and children’s output off the protocol', async () => {
    const { result, context } = call('noisy')
    expect(await result).toBe('quiet answer')
    expect(context.logs).toEqual(
      expect.arrayContaining(['python: to stdout', 'python: raw to fd 1', 'python: from a child']),
    )
  })

  it('runs calls side by side (background activities), as the reference’s thread pool does', async () => {
    const waiting = call('waits_for_other').result
    expect(await call('releases_other').result).toBe('released')
    expect(await waiting).toBe('saw the other call')
  })

  it('runs in the working directory without putting it on sys.path, like chaos', async () => {
    const own = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const context = testContext({ env, cwd: '/tmp' })
    const output = await own.run(
      declared.python({ type: 'python', module: 'usermod', func: 'cwd_and_path' }),
      context,
    )
    await own.close?.()
    expect(output).toEqual({ cwd: '/tmp', path0: dir })
  })

  it('stops the worker and what it started when the activity is aborted; the next call gets a new one', async () => {
    const pidFile = join(dir, 'child.pid')
    // The worker takes the environment of its first use: this one needs CHILD_PID_FILE.
    const own = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const ownEnv = { ...env, CHILD_PID_FILE: pidFile }
    const pid = () =>
      own.run(
        declared.python({ type: 'python', module: 'usermod', func: 'pid' }),
        testContext({ env: ownEnv }),
      )
    const before = await pid()
    const controller = new AbortController()
    const context = testContext({ env: ownEnv, signal: controller.signal })
    const running = own.run(
      declared.python({
        type: 'python',
        module: 'usermod',
        func: 'sleeps_with_child',
        arguments: { seconds: 300 },
      }),
      context,
    )
    while (!existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20))
    const child = Number(readFileSync(pidFile, 'utf8'))
    controller.abort('SIGTERM')
    const error = await failure(running)
    expect(error.message).toMatch(
      /^stopped the Python worker running 'usermod.sleeps_with_child' and its processes \(SIGTERM\)/,
    )
    expect(await processEnds(child)).toBe(true)
    const after = await pid()
    await own.close?.()
    expect(after).not.toBe(before)
  })

  it('also stops a process the function started outside the worker’s process group (its own session)', async () => {
    const pidFile = join(dir, 'detached.pid')
    const own = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const controller = new AbortController()
    const context = testContext({ env: { ...env, CHILD_PID_FILE: pidFile }, signal: controller.signal })
    const running = own.run(
      declared.python({
        type: 'python',
        module: 'usermod',
        func: 'sleeps_with_detached_child',
        arguments: { seconds: 300 },
      }),
      context,
    )
    while (!existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20))
    const child = Number(readFileSync(pidFile, 'utf8'))
    controller.abort('SIGTERM')
    expect((await failure(running)).message).toMatch(/^stopped the Python worker/)
    await own.close?.()
    expect(await processEnds(child)).toBe(true)
  })
})

describe('validation asks the worker, with the reference’s messages', () => {
  const context = { env, cwd: dir, activityName: 'my-activity', activityType: 'action' as const }
  const validate = (module: string, func: string, args: Record<string, unknown> = {}) =>
    provider.validate(
      declared.python({ type: 'python', module, func, arguments: args }),
      'method[0].provider',
      context,
    )

  it('accepts what binds, standard library included', async () => {
    expect(await validate('usermod', 'required', { a: 1, b: 2 })).toEqual([])
    expect(await validate('usermod', 'keywords', { anything: 1 })).toEqual([])
    expect(await validate('os.path', 'exists', { path: '/' })).toEqual([])
    // configuration and secrets are injected, never required from the arguments.
    expect(await validate('usermod', 'injected', { a: 1 })).toEqual([])
  })

  it('says which arguments are missing or unknown, which function or module is not there', async () => {
    expect((await validate('usermod', 'required', { a: 1, z: 2 })).map((i) => [i.path, i.message])).toEqual([
      ['method[0].provider.arguments', "required argument 'b' is missing from activity 'required'"],
      [
        'method[0].provider.arguments.z',
        "argument 'z' is not part of the function signature in activity 'required'",
      ],
    ])
    expect((await validate('usermod', 'not_a_function'))[0]?.message).toBe(
      "The python module 'usermod' does not expose a function called 'not_a_function' in action 'my-activity'",
    )
    expect((await validate('mine.of.my.own', 'f'))[0]?.message).toMatch(
      /^could not find Python module 'mine.of.my.own' in activity 'my-activity': Python cannot import it \(ModuleNotFoundError: No module named 'mine'\): if it is a module of your own, put its folder on PYTHONPATH/,
    )
  })

  it('names the package to install for a known extension, once per validation', async () => {
    const said = new Set<string>()
    const once = (key: string): boolean => !said.has(key) && said.add(key).has(key)
    const issues = [
      ...(await provider.validate(
        declared.python({ type: 'python', module: 'chaosaws.ec2.actions', func: 'stop_instance' }),
        'a',
        { ...context, once },
      )),
      ...(await provider.validate(
        declared.python({ type: 'python', module: 'chaosaws.ec2.probes', func: 'x' }),
        'b',
        {
          ...context,
          once,
        },
      )),
    ]
    expect(issues.map((issue) => issue.message)).toEqual([
      "could not find Python module 'chaosaws.ec2.actions' in activity 'my-activity': Python cannot import it (ModuleNotFoundError: No module named 'chaosaws'): pip install chaostoolkit-aws",
      "could not find Python module 'chaosaws.ec2.probes' in activity 'my-activity': Python cannot import it (ModuleNotFoundError: No module named 'chaosaws'): chaostoolkit-aws is needed (see its pip install above)",
    ])
  })

  it('without a Python, or with the bridge off, says so and what to install', async () => {
    const off = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const [issue] = await off.validate(declared.python({ module: 'chaosk6.probes', func: 'http' }), 'p', {
      ...context,
      env: { ...env, STEADYSTATE_PYTHON: 'none' },
    })
    expect(issue?.message).toBe(
      "could not find Python module 'chaosk6.probes' in activity 'my-activity': steadystate does not implement it natively, and the Python bridge is off (STEADYSTATE_PYTHON=none)",
    )
    const missing = pythonProvider(new ModuleRegistry(), new PythonBridge())
    const [none] = await missing.validate(declared.python({ module: 'chaosk6.probes', func: 'http' }), 'p', {
      ...context,
      env: { PATH: '/nonexistent' },
    })
    expect(none?.message).toBe(
      "could not find Python module 'chaosk6.probes' in activity 'my-activity': steadystate does not implement it natively, and no Python found (STEADYSTATE_PYTHON is not set, no VIRTUAL_ENV, no python3 on PATH): install Python 3.8 or later, then pip install chaostoolkit-k6, and set STEADYSTATE_PYTHON to that python or activate its virtualenv",
    )
  })
})
