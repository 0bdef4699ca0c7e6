import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { conformanceJournals } from '../support/conformance-journals.ts'
import { skipWithoutCorpus } from '../support/corpus.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { pdfImageCount, pdfText as pageText, pixelsOfColour } from '../support/pdf.ts'

const FIXTURES = join(REPO_ROOT, 'packages/report/fixtures')
const SECRET = 'tok-3f9a1c-SECRET'
const ENV_SECRET = 'hunter2-db'

interface RawRun {
  activity: { name: string }
}
interface RawJournal {
  experiment: { title: string }
  steady_states?: {
    before: { probes: RawRun[] } | null
    after: { probes: RawRun[] } | null
    during?: { probes: RawRun[] }[]
  }
  run: RawRun[]
  rollbacks: RawRun[]
}

/** The PDF's text as poppler extracts it, whitespace removed: table cells may wrap long names. */
function pdfText(path: string): { text: string; compact: string } {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
  return { text, compact: text.replace(/\s+/g, '') }
}

const compact = (text: string) => text.replace(/\s+/g, '')

function activityNames(journal: RawJournal): string[] {
  const states = journal.steady_states
  return [
    ...(states?.before?.probes ?? []),
    ...(states?.after?.probes ?? []),
    ...journal.run,
    ...journal.rollbacks,
  ].map((run) => run.activity.name)
}

/** Checks that the text is well-formed XML: one root, balanced tags, quoted attributes, known entities. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  const stack: string[] = []
  let roots = 0
  const tag =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi
  for (const match of body.matchAll(tag)) {
    const [whole, closing, name, , selfClosing] = match
    if (name === undefined)
      throw new Error(`stray '${whole}' at ${match.index}: ${body.slice(match.index, match.index + 60)}`)
    if (closing === '/') {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}> at ${match.index}`)
    } else if (selfClosing !== '/') {
      if (stack.length === 0) roots++
      stack.push(name)
    } else if (stack.length === 0) roots++
  }
  expect(stack).toEqual([])
  expect(roots).toBe(1)
}

function countAttribute(xml: string, element: string, name: string): number {
  return Number(new RegExp(`<${element}\\b[^>]*\\s${name}="(\\d+)"`).exec(xml)?.[1] ?? Number.NaN)
}

beforeAll(() => {
  // poppler-utils: scripts/system-deps installs it (scripts/test runs that first).
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' })
})

describe('steadystate report: every conformance journal, every format', () => {
  const journals = conformanceJournals()
  const out = tempDir('steadystate-report-')

  it('covers the reference runs', () => {
    expect(journals.map((journal) => journal.name)).toEqual(
      expect.arrayContaining([
        'reference-runs/deviated-with-rollback',
        'reference-runs/failing-action-continues',
        'reference-runs/http-deviates',
      ]),
    )
  })

  it('covers the corpus journals, the 2018 shape among them', (context) => {
    skipWithoutCorpus(context)
    expect(journals.length).toBeGreaterThanOrEqual(6)
    expect(journals.some((journal) => journal.name.includes('chaos-report'))).toBe(true)
  })

  for (const { name, path } of journals) {
    it(name, async () => {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as RawJournal
      const base = join(out, name.replace(/[^\w.-]+/g, '_'))
      const results = await Promise.all(
        (['pdf', 'md', 'junit', 'html'] as const).map((format) =>
          runCli(['report', '--export-format', format, path, `${base}.${format}`]),
        ),
      )
      for (const result of results) expect(result.code, result.stderr).toBe(0)

      const pdf = pdfText(`${base}.pdf`)
      expect(pdf.compact).toContain(compact(raw.experiment.title))
      expect(pdf.text).toMatch(
        /STEADY STATE HELD|HELD, BUT INCOMPLETE|STEADY STATE DEVIATED|RUN FAILED|NOT TESTED/,
      )
      for (const activity of activityNames(raw)) expect(pdf.compact).toContain(compact(activity))

      const markdown = readFileSync(`${base}.md`, 'utf8')
      raw.run.forEach((run, index) => expect(markdown).toContain(`| ${index + 1} | ${run.activity.name} |`))

      const junit = readFileSync(`${base}.junit`, 'utf8')
      assertWellFormedXml(junit)
      // `during` checks are one case per probe, however many times it was checked.
      const duringProbes = new Set(
        (raw.steady_states?.during ?? []).flatMap((state) => state.probes.map((run) => run.activity.name)),
      )
      const probes =
        (raw.steady_states?.before?.probes.length ?? 0) +
        (raw.steady_states?.after?.probes.length ?? 0) +
        duringProbes.size
      expect(countAttribute(junit, 'testsuites', 'tests')).toBe(
        1 + probes + raw.run.length + raw.rollbacks.length,
      )

      expect(readFileSync(`${base}.html`, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/)
    })
  }
})

describe('steadystate report: what the PDF says', () => {
  let dir: string
  beforeAll(() => {
    dir = tempDir('steadystate-report-pdf-')
  })

  it('masks secrets a Chaos Toolkit journal kept in clear: inline, and from the environment', async () => {
    const pdf = join(dir, 'secret.pdf')
    const result = await runCli(['report', join(FIXTURES, 'chaos-inline-secret.json'), pdf], {
      env: { DB_PASSWORD: ENV_SECRET },
    })
    expect(result.code, result.stderr).toBe(0)
    const { text, compact: squeezed } = pdfText(pdf)
    expect(text).toContain('STEADY STATE DEVIATED')
    expect(text).toContain('Token *** can be rotated without downtime')
    expect(text).toContain('api.token, api.db_password (values are never printed)')
    for (const secret of [SECRET, ENV_SECRET]) expect(squeezed).not.toContain(secret)
    for (const format of ['md', 'junit', 'html']) {
      const path = join(dir, `secret.${format}`)
      await runCli(['report', '--export-format', format, join(FIXTURES, 'chaos-inline-secret.json'), path], {
        env: { DB_PASSWORD: ENV_SECRET },
      })
      const content = readFileSync(path, 'utf8')
      expect(content).not.toContain(SECRET)
      expect(content).not.toContain(ENV_SECRET)
    }
  })

  it('renders non-Latin titles and names with embedded fonts, and an interrupted run', async () => {
    const pdf = join(dir, 'i18n.pdf')
    expect((await runCli(['report', join(FIXTURES, 'interrupted-i18n.json'), pdf])).code).toBe(0)
    const { text } = pdfText(pdf)
    expect(text).toContain('RUN INTERRUPTED')
    expect(text).toContain('节点故障时服务保持可用 — Отказ узла')
    expect(text).toContain('ノードを再起動')
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    expect(fonts).toMatch(/NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/)
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/)
  })

  it('a run that did not finish: its first page says RUN DID NOT FINISH, what was in progress, rollbacks pending', async () => {
    const pdf = join(dir, 'unfinished.pdf')
    expect((await runCli(['report', join(FIXTURES, 'unfinished-killed.json'), pdf])).code).toBe(0)
    const firstPage = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', pdf, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ')
    expect(firstPage).toContain('RUN DID NOT FINISH')
    expect(firstPage).toContain("it was in the method, activity 'stop-cache-node'")
    expect(firstPage).toContain('Its rollbacks may not have run')
    expect(firstPage).not.toContain('STEADY STATE HELD')
  })

  it('shows Kubernetes recovery per victim, numbers pages and has bookmarks; every page renders', async () => {
    const pdf = join(dir, 'seed.pdf')
    expect((await runCli(['report', join(FIXTURES, 'seed-kubernetes.json'), pdf])).code).toBe(0)
    const { text } = pdfText(pdf)
    expect(text).toContain('Recovery')
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(text).toContain(`Page ${pages} of ${pages}`)
    // Bookmarks (the outline) name the sections.
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/Title \(Timeline\)/)
    const images = join(dir, 'pages')
    mkdirSync(images)
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(images, 'page')])
    expect(readdirSync(images)).toHaveLength(pages)
  })

  it('draws every chart as vectors with real text: timeline, durations, recovery and trends', async () => {
    const seed = join(dir, 'charts-seed.pdf')
    expect((await runCli(['report', join(FIXTURES, 'seed-kubernetes.json'), seed])).code).toBe(0)
    // No picture anywhere: the charts are paths and text on the page.
    expect(pdfImageCount(seed)).toBe(0)
    const text = pageText(seed)
    for (const label of [
      'seconds since the start of the run', // the timeline's axis
      'hypothesis probe', // its legend
      'terminate-db-pod', // a row of the timeline and of the durations chart
      'seconds after the pod was deleted', // the recovery chart's axis
      'my-app-2 › my-app-5d9c7b-x7k2p', // its victim and replacement
      'scheduled',
    ])
      expect(text).toContain(label)
    // The action's bars (orange, #ea580c) are painted on the page of the timeline and durations.
    const orange = pixelsOfColour(seed, '#ea580c')
    expect(orange[1]).toBeGreaterThan(20)

    const trends = join(dir, 'charts-trends.pdf')
    const journals = ['seed-kubernetes', 'chaos-inline-secret', 'interrupted-i18n'].map((name) =>
      join(FIXTURES, `${name}.json`),
    )
    expect((await runCli(['report', ...journals, trends])).code).toBe(0)
    expect(pdfImageCount(trends)).toBe(0)
    const first = pageText(trends).split('\f')[0] ?? ''
    for (const label of [
      'run duration (s)',
      'Method duration and recovery time',
      'method duration (s)',
      'slowest pod recovery (s)',
      '#1 2024-03-02 14:05',
    ])
      expect(first).toContain(label)
  })

  it('charts the metrics a run measured and its safeguard checks, in every format', async () => {
    // A real run of test/prometheus/experiments/metrics-report.json, safeguard checks added.
    const journal = join(FIXTURES, 'metrics-prometheus.json')
    const pdf = join(dir, 'metrics.pdf')
    expect((await runCli(['report', journal, pdf])).code).toBe(0)
    expect(pdfImageCount(pdf)).toBe(0)
    const pages = pageText(pdf).split('\f')
    const metricsPage = pages.findIndex((page) => page.includes('Metrics'))
    const charts = compact(pages.slice(metricsPage).join(''))
    for (const label of [
      'checkout-error-ratio', // a hypothesis probe's chart, checked before and after the method
      'chaosprometheus.probesquery_interval:fixture_error_ratio', // a range query's caption
      '{service="search"}', // its series, told apart by the label that differs
      'tolerancevalues_within(max0.05)', // a tolerance drawn as a bound
      'tolerancerange[1,10]:highest',
      'PromQLguard:fixture_error_ratio>0.05', // what a guard counted
      'safeguard·checkout-errors-below-30-percent', // a safeguard's checks over the run
      'secondssincethestartoftherun',
    ])
      expect(charts).toContain(label)
    // The method's band is shaded behind the metric charts (a few anti-aliased pixels elsewhere).
    const shading = pixelsOfColour(pdf, '#fff7ed')
    expect(Math.max(...shading.slice(0, metricsPage))).toBeLessThan(100)
    expect(shading[metricsPage]).toBeGreaterThan(5000)
    // The safeguards' table, and their checks on the timeline.
    expect(charts).toContain('checkout-errors-below-30-percent50never0.25')
    expect(compact(pages.join(''))).toContain('safeguardcheck:goon')
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/Title \(Metrics\)/)

    const tables = join(dir, 'metrics-tables.pdf')
    expect((await runCli(['report', '--no-charts', journal, tables])).code).toBe(0)
    expect(compact(pageText(tables))).toContain('{service="checkout"}90.02–0.250.25at+4.050s0')

    const html = join(dir, 'metrics.html')
    expect((await runCli(['report', journal, html])).code).toBe(0)
    const page = readFileSync(html, 'utf8')
    expect(page).toContain('<h3>error-ratios-during-the-fault</h3>')
    expect(page).toContain('<text')
    expect(page).toContain('{service=&#34;search&#34;}')
    expect(page).toContain('<h2>Safeguards</h2>')

    const markdown = await runCli(['report', journal, '-'])
    expect(markdown.stdout).toContain('## Metrics')
    expect(markdown.stdout).toContain(
      '| error-ratios-during-the-fault | `{service="search"}` | 9 | 0.01 | 0.01 at +4.050 s | 0 |',
    )
    expect(markdown.stdout).toContain('| checkout-errors-below-30-percent | 5 | 0 | never | `0.25` |')
  })

  it('makes one report of several journals, trends first', async () => {
    const pdf = join(dir, 'trends.pdf')
    const journals = ['seed-kubernetes', 'chaos-inline-secret', 'interrupted-i18n'].map((name) =>
      join(FIXTURES, `${name}.json`),
    )
    const result = await runCli(['report', '--title', 'Last three runs', ...journals, pdf])
    expect(result.code, result.stderr).toBe(0)
    const { text } = pdfText(pdf)
    expect(text.indexOf('Last three runs')).toBeLessThan(text.indexOf('Do we remain available'))
    expect(text).toContain('3 runs: 1 held, 2 did not.')
    expect(text).not.toContain(SECRET)
  })

  it('renders a 5,000-run continuous-hypothesis journal, problems listed, under 5 MB', async () => {
    const journal = join(dir, 'long.json')
    execFileSync(process.execPath, [join(REPO_ROOT, 'bench/long-journal.mjs'), journal, '5000'])
    const pdf = join(dir, 'long.pdf')
    const result = await runCli(['report', journal, pdf])
    expect(result.code, result.stderr).toBe(0)
    expect(statSync(pdf).size).toBeLessThan(5 * 1024 * 1024)
    const { text } = pdfText(pdf)
    expect(text).toMatch(/During the method: \d+ checks, 12 problems/)
    expect(text).toContain('Hypothesis during the method (checks that did not pass)')
  })

  it('rejects a missing output and an unknown format as usage errors', async () => {
    const journal = join(FIXTURES, 'seed-kubernetes.json')
    expect((await runCli(['report', journal])).code).toBe(2)
    expect((await runCli(['report', '--export-format', 'docx', journal, join(dir, 'x.docx')])).code).toBe(2)
    expect((await runCli(['report', join(dir, 'missing.json'), join(dir, 'x.pdf')])).code).toBe(1)
  })
})

describe('steadystate run --report/--junit', () => {
  function example(): { dir: string; env: Record<string, string> } {
    const dir = tempDir()
    const appDir = join(dir, 'app')
    execFileSync(join(REPO_ROOT, 'examples/local/setup.sh'), {
      env: { ...process.env, EXAMPLE_APP_DIR: appDir },
    })
    return { dir, env: { EXAMPLE_APP_DIR: appDir } }
  }

  it('writes the journal, then the PDF and JUnit from it', async () => {
    const { dir, env } = example()
    const args = [
      'run',
      join(REPO_ROOT, 'examples/local/experiment.json'),
      '--journal-path',
      join(dir, 'journal.json'),
    ]
    const result = await runCli(
      [...args, '--report', join(dir, 'report.pdf'), '--junit', join(dir, 'junit.xml')],
      {
        cwd: dir,
        env,
      },
    )
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(dir, 'journal.json'))
    const { text, compact: squeezed } = pdfText(join(dir, 'report.pdf'))
    expect(text).toContain('STEADY STATE HELD')
    expect(squeezed).toContain(compact(journal.experiment.title as string))
    for (const name of activityNames(journal as unknown as RawJournal))
      expect(squeezed).toContain(compact(name))
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8')
    assertWellFormedXml(junit)
    expect([
      countAttribute(junit, 'testsuites', 'tests'),
      countAttribute(junit, 'testsuites', 'failures'),
    ]).toEqual([8, 0])
  })

  it('marks dry-run activities skipped in JUnit', async () => {
    const { dir, env } = example()
    const result = await runCli(
      [
        'run',
        join(REPO_ROOT, 'examples/local/experiment.json'),
        '--dry',
        'actions',
        '--junit',
        join(dir, 'junit.xml'),
      ],
      { cwd: dir, env },
    )
    expect(result.code, result.stderr).toBe(0)
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8')
    expect(countAttribute(junit, 'testsuites', 'skipped')).toBe(3)
    expect(junit.match(/<skipped message="dry run \(--dry actions\): not executed"\/>/g)).toHaveLength(3)
  })

  it('keeps the journal and the exit code when the report cannot be written', async () => {
    const { dir, env } = example()
    // A folder that cannot be created (a file is in the way); a missing one would be created.
    writeFileSync(join(dir, 'not-a-dir'), '')
    const result = await runCli(
      [
        'run',
        join(REPO_ROOT, 'examples/local/experiment.json'),
        '--report',
        join(dir, 'not-a-dir/report.pdf'),
      ],
      { cwd: dir, env },
    )
    expect(result.code).toBe(0)
    expect(existsSync(join(dir, 'journal.json'))).toBe(true)
    expect(result.stderr).toMatch(/the pdf report could not be written to .*not-a-dir\/report\.pdf/)
  })

  it('reports an experiment that cannot be loaded', async () => {
    const dir = tempDir()
    const result = await runCli(['run', join(dir, 'missing.json'), '--report', 'report.md'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('**Verdict: RUN ABORTED**')
  })
})
