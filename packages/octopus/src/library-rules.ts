import { LIBRARY_CATEGORY_LOGOS } from './library-logos.ts'
import { errorMessage, isRecord } from '@steadystate/model'

/**
 * The checks the Octopus community Library applies to `step-templates/` (its jasmine specs, its
 * gulpfile's jsonlint and logo lookup, and the review rules of its README and CONTRIBUTING), as
 * pure functions returning problems, so that this repository's `step-templates/` would pass them.
 */

/** An entry of the `step-templates/` directory; `text` for files, absent for directories. */
export interface DirectoryEntry {
  name: string
  text?: string
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** The Library's spec rejects the all-zero GUID and the placeholder its CONTRIBUTING shows. */
const PLACEHOLDER_IDS = new Set([
  '00000000-0000-0000-0000-000000000000',
  'abcdef00-ab00-cd00-ef00-000000abcdef',
])
const MAX_NAME_LENGTH = 200
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** Problems with the directory as a whole: stray files, duplicate names or Ids, and each template's. */
export function checkTemplateDirectory(entries: readonly DirectoryEntry[]): string[] {
  const problems: string[] = []
  const names = new Map<string, string>()
  const ids = new Map<string, string>()
  for (const entry of entries) {
    if (entry.text === undefined) {
      if (entry.name !== 'logos' && entry.name !== 'tests')
        problems.push(`${entry.name}/: only logos/ and tests/ may be directories`)
      continue
    }
    if (!entry.name.endsWith('.json')) {
      if (!entry.name.endsWith('.ScriptBody.ps1'))
        problems.push(`${entry.name}: only *.json and *.ScriptBody.ps1 files may be here`)
      continue
    }
    const template = parseTemplate(entry.name, entry.text, problems)
    if (template === undefined) continue
    problems.push(...checkTemplate(entry.name, template))
    for (const [seen, key] of [
      [names, 'Name'],
      [ids, 'Id'],
    ] as const) {
      const value = template[key]
      if (typeof value !== 'string') continue
      const other = seen.get(value)
      if (other !== undefined) problems.push(`${entry.name}: ${key} '${value}' is also ${other}'s`)
      seen.set(value, entry.name)
    }
  }
  return problems
}

function parseTemplate(file: string, text: string, problems: string[]): Record<string, unknown> | undefined {
  if (text.startsWith('\uFEFF')) {
    problems.push(`${file}: starts with a UTF-8 BOM, which the Library's JSON parsing rejects`)
    return undefined
  }
  try {
    const value: unknown = JSON.parse(text)
    if (isRecord(value)) return value
    problems.push(`${file}: is not a JSON object`)
  } catch (error) {
    problems.push(`${file}: is not valid JSON (${errorMessage(error)})`)
  }
  return undefined
}

/** Problems with one parsed template. */
export function checkTemplate(file: string, template: Record<string, unknown>): string[] {
  const problems: string[] = []
  const say = (message: string): void => {
    problems.push(`${file}: ${message}`)
  }
  const meta = isRecord(template.$Meta) ? template.$Meta : {}
  if (typeof template.LastModifiedBy !== 'string' || template.LastModifiedBy === '')
    say('LastModifiedBy is missing')
  if (typeof meta.ExportedAt !== 'string' || !ISO_DATE.test(meta.ExportedAt))
    say('$Meta.ExportedAt is missing or not an ISO date')
  if (meta.Type !== 'ActionTemplate') say(`$Meta.Type is ${JSON.stringify(meta.Type)}, not "ActionTemplate"`)
  const name = template.Name
  if (typeof name !== 'string' || name === '') say('Name is missing')
  else if (name.length > MAX_NAME_LENGTH)
    say(`Name is ${name.length} characters, more than ${MAX_NAME_LENGTH}`)
  else if (slug(name) !== file.replace(/\.json$/, ''))
    say(`the file name should follow Name: ${slug(name)}.json`)
  checkId('Id', template.Id, say)
  if (!Number.isInteger(template.Version) || (template.Version as number) < 0)
    say('Version must be an integer, bumped on every change')
  checkCategory(template, say)
  checkPackages(template.Packages, say)
  checkParameters(template, say)
  return problems
}

function checkId(what: string, id: unknown, say: (message: string) => void): void {
  if (typeof id !== 'string' || !GUID.test(id)) say(`${what} ${JSON.stringify(id)} is not a GUID`)
  else if (PLACEHOLDER_IDS.has(id.toLowerCase())) say(`${what} ${id} is a placeholder GUID`)
}

/** The Library's build lower-cases Category and embeds logos/<category>.png unless the template has a Logo. */
function checkCategory(template: Record<string, unknown>, say: (message: string) => void): void {
  const category = typeof template.Category === 'string' ? template.Category.toLowerCase() : 'other'
  if (category === '') say('Category is empty')
  else if (typeof template.Logo !== 'string' && !LIBRARY_CATEGORY_LOGOS.has(category))
    say(`Category '${category}' has no logo in the Library (step-templates/logos/${category}.png)`)
}

function checkPackages(packages: unknown, say: (message: string) => void): void {
  if (packages === undefined) return
  if (!Array.isArray(packages)) {
    say('Packages is not an array')
    return
  }
  for (const item of packages as unknown[]) {
    const reference = isRecord(item) ? item : {}
    checkId(`package '${String(reference.Name)}' Id`, reference.Id, say)
    const feed = reference.FeedId
    if (feed !== undefined && feed !== null && !(typeof feed === 'string' && feed.startsWith('#')))
      say(
        `package '${String(reference.Name)}' FeedId must be null or a variable, not ${JSON.stringify(feed)}`,
      )
  }
}

function checkParameters(template: Record<string, unknown>, say: (message: string) => void): void {
  const parameters = Array.isArray(template.Parameters) ? (template.Parameters as unknown[]) : []
  const ids = new Set([String(template.Id)])
  for (const item of parameters) {
    const parameter = isRecord(item) ? item : {}
    const name = String(parameter.Name)
    checkId(`parameter ${name} Id`, parameter.Id, say)
    if (ids.has(String(parameter.Id))) say(`parameter ${name} reuses Id ${String(parameter.Id)}`)
    ids.add(String(parameter.Id))
    if (name.startsWith('$')) say(`parameter ${name}: names must not start with $`)
    if (!name.includes('.')) say(`parameter ${name}: names carry a prefix (e.g. Template.${name})`)
    if (parameter.DefaultValue !== null && typeof parameter.DefaultValue !== 'string')
      say(`parameter ${name}: DefaultValue must be a string or null`)
  }
}

/** "steadystate - Run Experiment" → "steadystate-run-experiment", the Library's file naming. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
