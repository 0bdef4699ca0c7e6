import { execFileSync } from 'node:child_process'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import { buildah, buildImage, imageConfig, runInContainer, type ImageConfig } from '../support/image.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { pdfImageCount, pdfText } from '../support/pdf.ts'

const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version

/** Process-only, and it checks what the image promises: the user, bash and openssl. */
const EXPERIMENT = {
  title: 'steadystate runs in its image',
  description: 'Checks the image from inside: non-root user, bash, openssl, a writable work directory',
  tags: ['image'],
  'steady-state-hypothesis': {
    title: 'the image is usable',
    probes: [
      {
        type: 'probe',
        name: 'runs-as-10001',
        tolerance: { type: 'regex', pattern: '^10001$', target: 'stdout' },
        provider: { type: 'process', path: 'id', arguments: ['-u'] },
      },
      {
        type: 'probe',
        name: 'openssl-works',
        tolerance: 0,
        provider: {
          type: 'process',
          path: 'bash',
          arguments: ['-c', 'openssl rand -hex 8 | grep -Eq "^[0-9a-f]{16}$"'],
        },
      },
    ],
  },
  method: [
    {
      type: 'action',
      name: 'write-a-file',
      provider: { type: 'process', path: 'bash', arguments: ['-c', 'echo 中文 written > marker.txt'] },
    },
  ],
}

describe('the container image, built from the Dockerfile with buildah', () => {
  let image: string
  let container: string

  beforeAll(async () => {
    // Minutes the first time on a machine (debootstrap, Node from npm, npm install), then cached.
    process.stderr.write('building the image with scripts/build-image (cached after the first time)…\n')
    image = await buildImage()
    container = (await buildah(['from', '--pull=never', image])).trim()
  }, 30 * 60_000)

  afterAll(async () => {
    if (container !== undefined) await buildah(['rm', container])
  })

  it('has no ENTRYPOINT or CMD, a numeric non-root user with a home, and the OCI labels', async () => {
    const { config, architecture } = await imageConfig(image)
    expect(image).toBe(`ghcr.io/steadystate/steadystate:${VERSION}`)
    expect(architecture).toBe('amd64')
    const emptyOrAbsent = (value: ImageConfig['Cmd']) =>
      value === undefined || value === null || value.length === 0
    expect(emptyOrAbsent(config.Entrypoint), JSON.stringify(config.Entrypoint)).toBe(true)
    expect(emptyOrAbsent(config.Cmd), JSON.stringify(config.Cmd)).toBe(true)
    expect(config.User).toBe('10001')
    expect(config.Env).toContain('HOME=/home/steadystate')
    expect(config.Labels).toMatchObject({
      'org.opencontainers.image.title': 'steadystate',
      'org.opencontainers.image.version': VERSION,
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.source': expect.stringMatching(/^https:\/\//),
      'org.opencontainers.image.revision': expect.any(String),
    })
  })

  it('runs steadystate --version and has bash, sh, grep, openssl and ICU for GitLab and Octopus', async () => {
    expect((await runInContainer(container, ['steadystate', '--version'])).stdout.trim()).toBe(VERSION)
    const tools = await runInContainer(container, [
      'bash',
      '-c',
      'id -u; id -g; test -w "$HOME" && echo home-writable; command -v sh grep openssl steadystate-gitlab; ' +
        'node --version; command -v npm || echo no-npm; ls /usr/lib/*-linux-gnu/libicuuc.so.72',
    ])
    expect(tools.code, tools.stderr).toBe(0)
    const lines = tools.stdout.trim().split('\n')
    expect(lines.slice(0, 3)).toEqual(['10001', '0', 'home-writable'])
    expect(lines).toEqual(
      expect.arrayContaining([
        '/usr/bin/sh',
        '/usr/bin/grep',
        '/usr/bin/openssl',
        '/usr/local/bin/steadystate-gitlab',
        'no-npm',
      ]),
    )
    expect(lines).toContainEqual(expect.stringMatching(/^v24\./))
    expect(lines).toContainEqual(expect.stringMatching(/libicuuc\.so\.72$/))
  })

  it('runs a process experiment as the image user; the host reads the journal, PDF and JUnit back', async () => {
    const work = tempDir('steadystate-image-')
    chmodSync(work, 0o777)
    writeFileSync(join(work, 'experiment.json'), JSON.stringify(EXPERIMENT))
    const result = await runInContainer(
      container,
      ['steadystate', 'run', 'experiment.json', '--report', 'report.pdf', '--junit', 'junit.xml'],
      { volumes: [`${work}:/builds/project`], workdir: '/builds/project', env: { CI: 'true' } },
    )
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(work, 'journal.json'))
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(journal.steady_states.before?.probes[0]?.output).toMatchObject({ stdout: '10001\n' })
    expect(readFileSync(join(work, 'marker.txt'), 'utf8')).toBe('中文 written\n')
    expect(readFileSync(join(work, 'junit.xml'), 'utf8')).toContain('runs-as-10001')
    // The PDF was drawn with the fonts the image keeps, its charts as vectors with real text.
    const text = pdfText(join(work, 'report.pdf'))
    expect(text).toContain('steadystate runs in its image')
    expect(text).toContain('seconds since the start of the run')
    expect(pdfImageCount(join(work, 'report.pdf'))).toBe(0)
    expect(result.stderr).not.toMatch(/charts drawn as tables|canvas/i)
    const fonts = execFileSync('pdffonts', [join(work, 'report.pdf')], { encoding: 'utf8' })
    expect(fonts).toMatch(/NotoSans-Regular/)
    expect(fonts).toMatch(/NotoSans-Bold/)
  })

  it('ships the GitLab helper, which writes the dotenv report inside the image', async () => {
    const work = tempDir('steadystate-image-')
    chmodSync(work, 0o777)
    writeFileSync(join(work, 'experiment.json'), JSON.stringify(EXPERIMENT))
    const result = await runInContainer(container, ['steadystate-gitlab'], {
      volumes: [`${work}:/builds/project`],
      workdir: '/builds/project',
      env: { CI: 'true', STEADYSTATE_GITLAB_EXPERIMENT: 'experiment.json' },
    })
    expect(result.code, result.stderr).toBe(0)
    expect(readFileSync(join(work, 'steadystate.env'), 'utf8')).toMatch(
      /^STEADYSTATE_STATUS=completed\nSTEADYSTATE_DEVIATED=false\nSTEADYSTATE_VERDICT=held\n/,
    )
    // The after_script of the component, in the image: nothing is pending after a finished run.
    const after = await runInContainer(container, ['steadystate-gitlab', 'after'], {
      volumes: [`${work}:/builds/project`],
      workdir: '/builds/project',
      env: { CI: 'true', STEADYSTATE_GITLAB_EXPERIMENT: 'experiment.json' },
    })
    expect(after.code, after.stderr).toBe(0)
    expect(after.stderr).toContain('nothing to roll back: the run finished (status completed)')
  })

  it('stays small: under 300 MiB on disk, without npm, C headers, native modules or unused font weights', async () => {
    const size = await runInContainer(
      container,
      [
        'bash',
        '-c',
        'du -sxm / | cut -f1; ls /usr/local/include 2>/dev/null | wc -l; find /opt/steadystate -name "*.node" | wc -l; ls /opt/steadystate/node_modules/@expo-google-fonts/noto-sans-sc',
      ],
      { user: '0' },
    )
    const [megabytes, headers, nativeModules, ...weights] = size.stdout.trim().split('\n')
    expect(Number(megabytes)).toBeLessThan(300)
    expect(headers).toBe('0')
    // The report's charts are drawn by JavaScript alone: no native addon to ship per CPU.
    expect(nativeModules).toBe('0')
    expect(weights.filter((name) => /^\d00/.test(name))).toEqual(['400Regular', '700Bold'])
  })
})
