// Writes the GitLab dotenv report (artifacts:reports:dotenv) of a steadystate run from its journal
// and prints the verdict kind for steadystate-gitlab. Later jobs get the values as variables:
//   STEADYSTATE_STATUS    the journal's status (completed, failed, aborted, interrupted)
//   STEADYSTATE_DEVIATED  true or false
//   STEADYSTATE_VERDICT   steadystate's verdict (held, deviated, not-tested, incomplete, failed, …)
// A journal that cannot be read (the CLI never started) gives "missing" and DEVIATED "unknown".
//
// Usage: node steadystate-gitlab-dotenv.mjs JOURNAL DOTENV
import { readFileSync, writeFileSync } from 'node:fs'

const [journalPath, dotenvPath] = process.argv.slice(2)
if (journalPath === undefined || dotenvPath === undefined) {
  console.error('usage: steadystate-gitlab-dotenv.mjs JOURNAL DOTENV')
  process.exit(2)
}

function readJournal(path) {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8'))
    return typeof value === 'object' && value !== null ? value : undefined
  } catch (error) {
    console.error(`steadystate-gitlab: no journal to report on (${error.message})`)
    return undefined
  }
}

// Chaos Toolkit journals have no steadystate verdict: derived as the report does.
function verdictOf(journal) {
  const kind = journal.steadystate?.verdict?.kind
  if (typeof kind === 'string') return kind
  if (['failed', 'aborted', 'interrupted'].includes(journal.status)) return journal.status
  return journal.deviated === true ? 'deviated' : 'held'
}

// GitLab rejects multi-line values and keys outside [A-Za-z0-9_] (the keys here are fixed).
const oneLine = (value) => String(value).replace(/[\r\n]+/g, ' ')

const journal = readJournal(journalPath)
const values =
  journal === undefined
    ? { STEADYSTATE_STATUS: 'missing', STEADYSTATE_DEVIATED: 'unknown', STEADYSTATE_VERDICT: 'missing' }
    : {
        STEADYSTATE_STATUS: oneLine(journal.status ?? 'unknown'),
        STEADYSTATE_DEVIATED: journal.deviated === true ? 'true' : 'false',
        STEADYSTATE_VERDICT: oneLine(verdictOf(journal)),
      }
const text = Object.entries(values)
  .map(([key, value]) => `${key}=${value}\n`)
  .join('')
writeFileSync(dotenvPath, text)
console.error(`dotenv report ${dotenvPath}: ${text.trim().replace(/\n/g, ', ')}`)
process.stdout.write(`${values.STEADYSTATE_VERDICT}\n`)
