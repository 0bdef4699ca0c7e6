import { execFile, execFileSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import { pathOf } from '../support/commands.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { releaseFiles, type ReleaseFiles } from '../support/release.ts'

/**
 * What a release publishes of the CLI (scripts/package.mjs), installed and run as a user would:
 * the npm package from its packed file, the self-contained tarball with nothing but Node.js.
 */

const run = promisify(execFile)

/** The commands the example experiment (examples/local) and the tarball's launcher call. */
const EXAMPLE_COMMANDS = ['sh', 'test', 'cat', 'rm', 'cp', 'readlink']

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

async function outcome(command: string, args: string[], options: Parameters<typeof run>[2] = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { ...options, encoding: 'utf8' })
    return { code: 0, stdout, stderr } satisfies Outcome
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string }
    if (typeof failure.code !== 'number') throw error
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' }
  }
}

/** A fresh directory with the example experiment and its simulated app (examples/local/setup.sh). */
function exampleDirectory(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir('steadystate-installed-')
  cpSync(join(REPO_ROOT, 'examples/local/experiment.json'), join(cwd, 'experiment.json'))
  const env = { EXAMPLE_APP_DIR: join(cwd, 'app') }
  execFileSync('bash', [join(REPO_ROOT, 'examples/local/setup.sh')], { env: { ...process.env, ...env } })
  return { cwd, env }
}

/** The example held, and the PDF has its title and the embedded Noto fonts. */
function expectExampleReport(cwd: string, result: Outcome): void {
  expect(result.code, result.stderr).toBe(0)
  const journal = readJournal(join(cwd, 'journal.json'))
  expect(journal.status).toBe('completed')
  expect(journal.steadystate?.verdict.kind).toBe('held')
  const pdf = join(cwd, 'report.pdf')
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
  expect(text).toContain('The app keeps its configuration')
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
  for (const font of ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSansMono-Regular'])
    expect(fonts).toContain(font)
}

/** `npm install`s the packed package into a new, empty directory; returns that directory. */
async function installPacked(tarball: string, prefix: string): Promise<string> {
  const directory = tempDir(prefix)
  const install = await outcome(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--prefix', directory, tarball],
    { cwd: directory },
  )
  expect(install.code, install.stderr).toBe(0)
  return directory
}

const RUN_EXAMPLE = ['run', 'experiment.json', '--report', 'report.pdf', '--junit', 'junit.xml']

describe('what a release publishes of the CLI (scripts/package.mjs)', () => {
  let release: ReleaseFiles
  beforeAll(async () => {
    release = await releaseFiles()
  }, 120_000)

  it('npm publish --dry-run lists the bundle, its launcher, its fonts, LICENSE and README, and nothing else', async () => {
    const result = await outcome('npm', ['publish', '--dry-run', '--json', release.npm], { cwd: tempDir() })
    expect(result.code, result.stderr).toBe(0)
    const published = (
      JSON.parse(result.stdout) as Record<
        string,
        { name: string; version: string; files: { path: string }[] }
      >
    )['@steadystate/cli']
    expect(published).toMatchObject({ name: '@steadystate/cli', version: release.version })
    const paths = published!.files.map((file) => file.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'LICENSE',
        'README.md',
        'bin/steadystate.js',
        'dist/cli.js',
        'dist/index.js',
        'dist/index.d.ts',
        'node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
        'node_modules/@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
        'node_modules/@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
        'node_modules/@expo-google-fonts/noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf',
        'node_modules/@expo-google-fonts/noto-sans/LICENSE_FONT',
      ]),
    )
    const unexpected = paths.filter(
      (path) =>
        !/^(package\.json|LICENSE|README\.md|bin\/steadystate\.js)$/.test(path) &&
        !/^dist\/(cli|index|chunks\/[\w.-]+)\.js(\.LEGAL\.txt)?$/.test(path) &&
        path !== 'dist/index.d.ts' &&
        !/^node_modules\/@expo-google-fonts\/noto-sans(-mono)?\/(package\.json|LICENSE_FONT|\w+\/[\w-]+\.ttf)$/.test(
          path,
        ),
    )
    expect(unexpected).toEqual([])
    expect(result.stderr).toMatch(/with tag latest and public access \(dry-run\)/)
  })

  it('has a manifest without workspace packages, public and with provenance, a command and a library', () => {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', release.npm, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>
    expect(manifest).toMatchObject({
      name: '@steadystate/cli',
      version: release.version,
      license: 'Apache-2.0',
      bin: { steadystate: './bin/steadystate.js' },
      engines: { node: '>=20.10' },
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './package.json': './package.json',
      },
      publishConfig: { access: 'public', provenance: true },
      bundleDependencies: ['@expo-google-fonts/noto-sans', '@expo-google-fonts/noto-sans-mono'],
      repository: { url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/) },
    })
    const dependencies = manifest.dependencies as Record<string, string>
    expect(Object.keys(dependencies).filter((name) => name.startsWith('@steadystate/'))).toEqual([])
    for (const version of Object.values(dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(Object.keys(dependencies)).not.toContain('@expo-google-fonts/noto-sans-sc')
  })

  it('installs from the packed file into an empty directory with nothing but the npm registry, and runs the example with a PDF', async () => {
    const prefix = await installPacked(release.npm, 'steadystate-npm-install-')
    const { cwd, env } = exampleDirectory()
    const result = await outcome(join(prefix, 'node_modules/.bin/steadystate'), RUN_EXAMPLE, {
      cwd,
      env: { ...process.env, ...env, CI: 'true' },
    })
    expectExampleReport(cwd, result)
    expect(result.stderr).not.toMatch(/charts drawn as tables/)
  })

  it('is a library too: importing it runs nothing and gives the API, with types a TypeScript consumer compiles against', async () => {
    const prefix = await installPacked(release.npm, 'steadystate-npm-library-')
    writeFileSync(join(prefix, 'package.json'), JSON.stringify({ type: 'module', private: true }))
    const imported = await outcome(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('@steadystate/cli'); console.log(JSON.stringify({ keys: Object.keys(m), status: m.journalFacts(undefined, { journal: 'journal.json' }).status }))",
      ],
      { cwd: prefix },
    )
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stderr).toBe('')
    const api = JSON.parse(imported.stdout) as { keys: string[]; status: string }
    expect(api.keys).toEqual(
      expect.arrayContaining([
        'runJob',
        'rollbackJob',
        'journalFacts',
        'formatFacts',
        'exitCodeFor',
        'VERSION',
      ]),
    )
    expect(api.status).toBe('missing')

    // The declarations stand alone (no @steadystate/* import), and they are real types: the
    // expected error below would itself be an error if the import were untyped.
    writeFileSync(
      join(prefix, 'consumer.ts'),
      [
        "import { FACT_FORMATS, formatFacts, journalFacts, runJob, type RunJobOptions } from '@steadystate/cli'",
        "export const facts: string = formatFacts(journalFacts(undefined, { journal: 'journal.json' }), FACT_FORMATS[0])",
        'export const run: (options: RunJobOptions) => Promise<unknown> = runJob',
        '// @ts-expect-error: a journal path is a string',
        'journalFacts(undefined, { journal: 42 })',
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(prefix, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    )
    const tsc = await outcome(process.execPath, [
      join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      prefix,
    ])
    expect(tsc.code, tsc.stdout).toBe(0)
    const declarations = readFileSync(join(prefix, 'node_modules/@steadystate/cli/dist/index.d.ts'), 'utf8')
    expect(declarations).not.toMatch(/from ['"]@steadystate\//)
  })

  it('SHA256SUMS checks both files', async () => {
    const result = await outcome('sha256sum', ['--check', release.checksums], { cwd: dirname(release.npm) })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.trim().split('\n').sort()).toEqual(
      [`${basename(release.npm)}: OK`, `${basename(release.standalone)}: OK`].sort(),
    )
  })

  describe.for([20, 24])('the self-contained tarball on Node.js %i, with nothing else installed', (major) => {
    it('unpacks and runs the example experiment with a PDF through its launcher, also through a symlink', async () => {
      const node = (await run(join(REPO_ROOT, 'scripts/node-of'), [String(major)])).stdout.trim()
      const installed = tempDir('steadystate-standalone-')
      execFileSync('tar', ['-xzf', release.standalone, '-C', installed])
      const launcher = join(installed, `steadystate-${release.version}/bin/steadystate`)
      const bin = pathOf(EXAMPLE_COMMANDS, { node, steadystate: launcher })
      const env = { PATH: bin, HOME: installed, CI: 'true' }
      const version = await outcome('steadystate', ['--version'], { env })
      expect(version).toMatchObject({ code: 0, stdout: `${release.version}\n` })
      const nodeVersion = await outcome('node', ['--version'], { env })
      expect(nodeVersion.stdout).toMatch(new RegExp(`^v${major}\\.`))
      const { cwd, env: exampleEnv } = exampleDirectory()
      expectExampleReport(
        cwd,
        await outcome('steadystate', RUN_EXAMPLE, { cwd, env: { ...env, ...exampleEnv } }),
      )
    })
  })

  it('says in one line that Node.js 20.10 or newer is needed, when the node found is older or missing', async () => {
    const installed = tempDir('steadystate-standalone-')
    execFileSync('tar', ['-xzf', release.standalone, '-C', installed])
    const launcher = join(installed, `steadystate-${release.version}/bin/steadystate`)
    const old = join(tempDir('old-node-'), 'node')
    writeFileSync(old, '#!/bin/sh\necho v20.9.0\n', { mode: 0o755 })
    const tooOld = await outcome(launcher, ['--version'], {
      env: { PATH: pathOf(EXAMPLE_COMMANDS, { node: old }) },
    })
    expect(tooOld).toEqual({
      code: 1,
      stdout: '',
      stderr: `steadystate: Node.js 20.10 or newer is needed to run it, 'node' is v20.9.0\n`,
    })
    const none = await outcome(launcher, ['--version'], { env: { PATH: pathOf(EXAMPLE_COMMANDS) } })
    expect(none).toEqual({
      code: 127,
      stdout: '',
      stderr: `steadystate: Node.js 20.10 or newer is needed to run it, and 'node' was not found\n`,
    })
    expect(readFileSync(launcher, 'utf8')).toMatch(/^#!\/bin\/sh\n/)
  })
})
