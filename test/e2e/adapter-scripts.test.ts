import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/paths.ts'

/**
 * One rule, one place: the Bash adapters keep no verdict or exit policy of their own. They map their
 * inputs to flags, call `steadystate run` (whose exit code is the job's result), `journal-facts`
 * (what they publish) and `rollback`, and never read a journal or judge a verdict themselves.
 */
const SCRIPTS = {
  octopus: join(REPO_ROOT, 'packages/octopus/scripts/run-experiment.sh'),
  gitlab: join(REPO_ROOT, 'packages/gitlab/bin/steadystate-gitlab'),
}

/** The script without comments: what runs. */
function code(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .filter((line) => line.trim() !== '')
}

describe.each(Object.entries(SCRIPTS))('the %s script', (_name, path) => {
  it('names no verdict or journal status: deciding on them is steadystate’s', () => {
    const words = /\b(held|deviated|not-tested|incomplete|interrupted|aborted|unfinished|completed)\b/i
    expect(code(path).filter((line) => words.test(line))).toEqual([])
  })

  it('never reads a journal itself (no jq, no inline Node, no JSON fields)', () => {
    const reads = /\bjq\b|JSON\.parse|\.steadystate|\bverdict\b|readFileSync/
    const lines = code(path)
    expect(lines.filter((line) => reads.test(line))).toEqual([])
    // The one inline Node.js allowed: installing steadystate on a worker without curl or wget, a
    // download that happens before any journal exists (Octopus's Steadystate.Install).
    const inlineNode = lines.flatMap((line, index) => (/node\s+-e/.test(line) ? [index] : []))
    for (const index of inlineNode) {
      const body = lines.slice(index, lines.findIndex((line, i) => i > index && /^\s*'/.test(line)) + 1)
      expect(body.join('\n'), 'inline Node.js other than the download fallback').toMatch(
        /fetch\(url\)[\s\S]*writeFileSync\(file/,
      )
      expect(lines.slice(Math.max(0, index - 8), index).some((line) => /^ss_download\(\)/.test(line))).toBe(
        true,
      )
    }
  })

  it('passes shellcheck', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', path], { encoding: 'utf8' })
    if (result.error !== undefined)
      throw new Error(`shellcheck could not run: run scripts/system-deps (${result.error.message})`)
    expect(result.stdout + result.stderr).toBe('')
  })
})
