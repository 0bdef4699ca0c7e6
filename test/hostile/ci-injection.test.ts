import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { marked } from 'marked'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../support/cli.ts'
import { outputVariables, parseServiceMessages } from '../support/calamari.ts'
import { node24Path, runStep as runActionStep } from '../support/github-runner.ts'
import { runStep as runOctopusStep } from '../support/octopus.ts'
import { parseWorkflowCommands } from '../support/workflow-commands.ts'

/**
 * Nothing the system under test prints can speak to the CI system: text with workflow commands,
 * Octopus service messages and HTML in it reaches the log and the job summary as text only. The
 * hostile text comes in the probe's output and, with real line breaks in it, in the names and
 * titles of an experiment (which may itself come from a URL).
 */

const b64 = (text: string) => Buffer.from(text).toString('base64')

/** Every character the runner's TrimStart() removes before it looks for `::`, and the line breaks. */
const RUNNER_STRIPPED = [
  '\t',
  '\v',
  '\f',
  ' ',
  '\u0085',
  '\u00a0',
  '\u1680',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
]

const WORKFLOW_COMMANDS = [
  '::set-output name=pwned::yes',
  '::add-mask::pwned-mask',
  '::stop-commands::pwned-token',
  '::save-state name=pwned::yes',
  '##[set-output name=pwned;]yes',
]

/** Lines of workflow commands behind each stripped prefix, after \n, \r and \r\n. */
function hostileWorkflowText(): string {
  const lines = RUNNER_STRIPPED.flatMap((prefix) => WORKFLOW_COMMANDS.map((command) => `${prefix}${command}`))
  return ['before', ...lines, 'cr\r::set-output name=pwned::cr', 'crlf\r\n::error::pwned'].join('\n')
}

const OCTOPUS_MESSAGES = [
  `##octopus[setVariable name='${b64('Pwned')}' value='${b64('yes')}']`,
  `text ##octopus[setVariable name='${b64('PwnedMidLine')}' value='${b64('yes')}'] text`,
  `##octopus [setVariable name='${b64('PwnedSpaced')}' value='${b64('yes')}']`,
  `##octo\npus[setVariable name='${b64('PwnedSplit')}' value='${b64('yes')}']`,
  `##octopus[setVariable name='${b64('PwnedUnclosed')}' \nvalue='${b64('yes')}']`,
  `##octopus[stdout-highlight]`,
].join('\n')

/** The HTML, entities and code-span breakouts a job summary must show as text. */
const HOSTILE_MARKDOWN = [
  '<h1>forged heading</h1>',
  '<a href="javascript:alert(1)">click</a>',
  '<img src="https://attacker.example/track.png">',
  '`` `<script>alert(1)</script>` ``',
  '&lt;b&gt;entity&lt;/b&gt; &#60;i&#62;',
  '[link](javascript:alert(1)) ![img](https://attacker.example/x.png)',
  '| pipe | table |',
  '\u202eReversed',
].join(' ')

function hostileExperiment(text: string): Record<string, unknown> {
  const echo = {
    type: 'process',
    path: process.execPath,
    arguments: ['-e', `process.stdout.write(${JSON.stringify(text)})`],
  }
  return {
    title: `hostile title\n${text}`,
    description: text,
    'steady-state-hypothesis': {
      title: `hostile hypothesis ${text}`,
      probes: [
        {
          type: 'probe',
          name: `prints hostile text\n${text}`,
          tolerance: { type: 'regex', pattern: '^never$', target: 'stdout' },
          provider: echo,
        },
      ],
    },
    method: [{ type: 'action', name: `hostile action\n${text}`, provider: echo }],
    rollbacks: [],
  }
}

beforeAll(() => {
  expect(node24Path()).toMatch(/node$/)
})

describe('untrusted text and the GitHub runner', () => {
  it('issues no workflow command and renders no raw HTML in the job summary', async () => {
    const workspace = tempDir('steadystate-hostile-gha-')
    const text = `${hostileWorkflowText()}\n${HOSTILE_MARKDOWN}`
    writeFileSync(join(workspace, 'experiment.json'), JSON.stringify(hostileExperiment(text)))
    const result = await runActionStep('main', {
      workspace,
      inputs: {
        experiment: 'experiment.json',
        'report-path': '',
        'hypothesis-strategy': 'after-method-only',
      },
    })
    // The hostile text did reach the log (as text), and the run deviated as it should.
    expect(result.stdout).toContain('set-output name=pwned')
    expect(result.outputs.verdict).toBe('deviated')
    for (const ignorable of [false, true]) {
      const commands = parseWorkflowCommands(result.stdout, { ignorable })
      expect(commands.length).toBeGreaterThan(0)
      for (const command of commands) {
        expect(['group', 'endgroup', 'error', 'warning', 'notice'], command.line).toContain(command.name)
        expect(command.line.startsWith(`::${command.name}`), command.line).toBe(true)
      }
    }
    expectNoRawHtml(result.summary)
    expect(result.summary).toContain('Verdict: STEADY STATE DEVIATED')
  })
})

describe('untrusted text in a report written to standard output (a CI log)', () => {
  it('issues no workflow command and no service message, in any format', async () => {
    const cwd = tempDir('steadystate-hostile-stdout-')
    const text = `${hostileWorkflowText()}\n${OCTOPUS_MESSAGES}`
    writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(hostileExperiment(text)))
    await runCli(['run', 'experiment.json'], { cwd })
    for (const format of ['md', 'junit', 'html']) {
      const report = await runCli(['report', '--export-format', format, 'journal.json', '-'], { cwd })
      expect(report.code, report.stderr).toBe(0)
      expect(report.stdout).toContain('set-output name=pwned')
      expect(parseWorkflowCommands(report.stdout, { ignorable: true }), format).toEqual([])
      expect(parseServiceMessages(report.stdout), format).toEqual([])
    }
  })
})

describe('untrusted text and Octopus (Calamari stand-ins)', () => {
  it('sets no output variable and switches no log level', async () => {
    const cwd = tempDir('steadystate-hostile-octopus-')
    const run = await runOctopusStep({
      cwd,
      variables: {
        'Steadystate.Experiment': JSON.stringify(hostileExperiment(OCTOPUS_MESSAGES)),
        'Steadystate.ReportFile': 'report.md',
        'Steadystate.FailOnDeviation': 'False',
      },
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain('setVariable name=')
    const variables = outputVariables(run.stdout)
    expect(Object.keys(variables).sort()).toEqual([
      'Deviated',
      'JournalPath',
      'RollbacksPending',
      'Status',
      'Summary',
      'Verdict',
    ])
    expect(variables.Verdict).toBe('not-tested')
    // The step's own log-level switches only: the highlighted verdict (the policy's note that the
    // verdict passes is a line of steadystate's own log).
    const levels = parseServiceMessages(run.stdout)
      .filter((message) => message.name.startsWith('stdout-'))
      .map((message) => message.name)
    expect(levels).toEqual(['stdout-highlight', 'stdout-default'])
    expectNoRawHtml(readFileSync(join(cwd, 'report.md'), 'utf8'))
  })
})

/** Tags Markdown itself produces for a summary; anything else came through as raw HTML. */
const MARKDOWN_TAGS = new Set([
  'h2',
  'h3',
  'h4',
  'p',
  'strong',
  'em',
  'code',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'ul',
  'li',
  'blockquote',
  'br',
  'a',
])

function expectNoRawHtml(markdown: string): void {
  const html = marked.parse(markdown, { async: false, gfm: true })
  for (const match of html.matchAll(/<\/?([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
    const tag = (match[1] ?? '').toLowerCase()
    expect(MARKDOWN_TAGS.has(tag), `raw <${tag}> in:\n${html}`).toBe(true)
    // Links only as Markdown autolinks of plain URLs, never a script.
    if (tag === 'a' && match[0].startsWith('<a')) expect(match[2]).toMatch(/^ href="https?:\/\/[^"]*"$/)
  }
  expect(html).not.toMatch(/javascript:alert\(1\)"/)
  expect(html).not.toContain('\u202e')
}

describe('the runner-faithful and Calamari-faithful parsers', () => {
  it('find the hostile commands in raw text (so the checks above can fail)', () => {
    const raw = parseWorkflowCommands(hostileWorkflowText())
    // The first stop-commands pauses the rest: set-output and add-mask come before it.
    expect(raw.map((command) => command.name)).toEqual(['set-output', 'add-mask', 'stop-commands'])
    const afterStop = parseWorkflowCommands(
      hostileWorkflowText().replace(/::stop-commands::pwned-token/g, ''),
    )
    // v2 and legacy v1 behind every prefix, and the line after a lone CR.
    const outputs = afterStop.filter((command) => command.name === 'set-output')
    expect(outputs).toHaveLength(RUNNER_STRIPPED.length * 2 + 1)
    expect(parseWorkflowCommands(':\u200b:set-output name=x::y', { ignorable: true })).toEqual([])
    expect(parseWorkflowCommands('\u200b::set-output name=x::y', { ignorable: true })).toHaveLength(0)
    expect(Object.keys(outputVariables(OCTOPUS_MESSAGES)).sort()).toEqual([
      'Pwned',
      'PwnedMidLine',
      'PwnedSpaced',
      'PwnedSplit',
      'PwnedUnclosed',
    ])
  })
})
