// Fills the GitHub Action's Marketplace repository from this one. The Marketplace lists an action
// from a repository that holds the action alone, metadata at its root and no workflow files; this
// repository is a monorepo with workflows, so the release copies the action there:
//
//   action.yml   this one, with runs.main/post pointing at dist/ instead of packages/github-action/dist/
//   dist/        the committed bundle (packages/github-action/dist), as it is
//   README.md    docs/github-action.md, `uses:` naming that repository, links pointing back here
//   LICENSE
//
// Everything else in DIR except .git is removed first, so a file dropped here disappears there.
//
//   node scripts/action-repository.mjs DIR --repository OWNER/NAME --source OWNER/NAME --ref v0.1.0
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { posix } from 'node:path'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './cli-files.mjs'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repository: { type: 'string' },
    source: { type: 'string', default: 'steadystate/steadystate' },
    ref: { type: 'string' },
  },
})
const [target] = positionals
const ref = values.ref ?? ''
if (target === undefined || values.repository === undefined || !/^v\d+\.\d+\.\d+$/.test(ref)) {
  console.error(
    'usage: node scripts/action-repository.mjs DIR --repository OWNER/NAME [--source OWNER/NAME] --ref vX.Y.Z',
  )
  process.exit(2)
}
const major = ref.split('.')[0]
const DIST = 'packages/github-action/dist/'

mkdirSync(target, { recursive: true })
for (const entry of readdirSync(target)) {
  if (entry !== '.git') rmSync(join(target, entry), { recursive: true, force: true })
}

const metadata = readFileSync(join(ROOT, 'action.yml'), 'utf8')
const moved = metadata.replaceAll(`: ${DIST}`, ': dist/')
if ((moved.match(/: dist\//g) ?? []).length !== 2) {
  console.error(`action.yml: expected runs.main and runs.post under ${DIST}`)
  process.exit(1)
}
writeFileSync(join(target, 'action.yml'), moved)
cpSync(join(ROOT, DIST), join(target, 'dist'), { recursive: true })
cpSync(join(ROOT, 'LICENSE'), join(target, 'LICENSE'))

/** A link of docs/github-action.md, made absolute: to this repository's file at the release tag. */
function absolute(link) {
  if (/^(https?:|mailto:|#)/.test(link)) return link
  const path = posix.normalize(posix.join('docs', link))
  const kind = path.endsWith('/') || !/\.\w+$/.test(path) ? 'tree' : 'blob'
  return `https://github.com/${values.source}/${kind}/${ref}/${path}`
}
const guide = readFileSync(join(ROOT, 'docs/github-action.md'), 'utf8')
  .replace(/\]\(([^)\s]+)\)/g, (_, link) => `](${absolute(link)})`)
  // The placeholder, with the comment that explains it, becomes the real name and major tag.
  .replace(
    /your-org\/steadystate@v0( # where this repository lives[^\n]*)?/g,
    `${values.repository}@${major}`,
  )
const origin = `> Published from [${values.source}](https://github.com/${values.source}) at ${ref}: the engine, its other channels (CLI, Octopus, GitLab, container image), issues and pull requests live there.\n`
const [title, ...rest] = guide.split('\n')
writeFileSync(join(target, 'README.md'), [title, '', origin, ...rest].join('\n'))

for (const required of ['action.yml', 'dist/index.js', 'dist/post.js', 'README.md', 'LICENSE']) {
  if (!existsSync(join(target, required))) throw new Error(`${required} is missing from ${resolve(target)}`)
}
process.stdout.write(`${resolve(target)}: ${values.repository}@${ref} (${major}) from ${values.source}\n`)
