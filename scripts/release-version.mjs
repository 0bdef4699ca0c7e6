// Checks, before anything is published, that a release tag names the version every channel ships:
// packages/cli/package.json (the npm package, the image tag, the tarball), the GitLab component's
// default image tag, and every pinned reference in the tracked files users read or paste (docs,
// deploy/, examples/, templates/, the Octopus template): the image, the component, the npm
// package, the release tarball. Prints each mismatch with its file and line, and exits 1 on any.
//
//   node scripts/release-version.mjs v0.1.0
//
// In GitHub Actions it also writes `version=0.1.0` and `major=v0` to $GITHUB_OUTPUT.
import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJson, ROOT } from './cli-files.mjs'

const tag = process.argv[2] ?? ''
const match = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag)
if (match === null) {
  console.error(`release tag '${tag}' is not v<major>.<minor>.<patch> (e.g. v0.1.0)`)
  process.exit(2)
}
const version = tag.slice(1)
const problems = []

const cliVersion = readJson(join(ROOT, 'packages/cli/package.json')).version
if (cliVersion !== version)
  problems.push(`packages/cli/package.json: version is ${cliVersion}, the tag says ${version}`)

// Read as text, so that the check runs before dependencies are installed.
const component = readFileSync(join(ROOT, 'templates/run.yml'), 'utf8')
const imageVersion = /^ {4}image-version:\n {6}default: ['"]?([^'"\s]+)/m.exec(component)?.[1] ?? '(none)'
if (imageVersion !== version)
  problems.push(
    `templates/run.yml: the image-version input defaults to ${imageVersion}, the tag says ${version}`,
  )

/** Pinned references to a released version, whatever file they are in. */
const PINS = [
  /ghcr\.io\/steadystate\/steadystate:(\d+\.\d+\.\d+)/g,
  /\/run@(\d+\.\d+\.\d+)\b/g,
  /@steadystate\/cli@(\d+\.\d+\.\d+)/g,
  /releases\/download\/v(\d+\.\d+\.\d+)\//g,
  /\bsteadystate-(?:cli-)?(\d+\.\d+\.\d+)\.t(?:ar\.)?gz\b/g,
]
const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(md|ya?ml|json|sh|ts|mjs)$/.test(file))
  .filter(
    (file) =>
      !/^(test|bench)\/|\.test\.ts$|(^|\/)pnpm-lock\.yaml$|^packages\/github-action\/dist\//.test(file),
  )
for (const file of files) {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
  lines.forEach((line, index) => {
    for (const pattern of PINS) {
      for (const found of line.matchAll(pattern)) {
        if (found[1] !== version) problems.push(`${file}:${index + 1}: ${found[0]} (the tag says ${version})`)
      }
    }
  })
}

if (problems.length > 0) {
  console.error(
    `release ${tag}: ${problems.length} place(s) name another version:\n  ${problems.join('\n  ')}`,
  )
  process.exit(1)
}
if (process.env.GITHUB_OUTPUT !== undefined) {
  appendFileSync(process.env.GITHUB_OUTPUT, `version=${version}\nmajor=v${match[1]}\n`)
}
console.log(`release ${tag}: every channel ships ${version}`)
