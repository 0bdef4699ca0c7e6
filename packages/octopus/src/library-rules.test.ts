import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkTemplateDirectory, slug, type DirectoryEntry } from './library-rules.ts'
import type { StepTemplate } from './step-template.ts'

const STEP_TEMPLATES = fileURLToPath(new URL('../../../step-templates', import.meta.url))
const FILE = 'steadystate-run-experiment.json'
const committed = readFileSync(join(STEP_TEMPLATES, FILE), 'utf8')
const committedTemplate = JSON.parse(committed) as StepTemplate

function entries(directory: string): DirectoryEntry[] {
  return readdirSync(directory).map((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? { name } : { name, text: readFileSync(path, 'utf8') }
  })
}

/** The template as loose JSON, so that a test can break it in ways the StepTemplate type forbids. */
interface LooseTemplate {
  [key: string]: unknown
  $Meta: Record<string, unknown>
  Parameters: Record<string, unknown>[]
  Packages: Record<string, unknown>[]
}

/** The committed template with one change, as a one-file directory. */
function changed(edit: (template: LooseTemplate) => void, file = FILE): DirectoryEntry[] {
  const template = JSON.parse(committed) as LooseTemplate
  edit(template)
  return [{ name: file, text: JSON.stringify(template, null, 2) }]
}

describe("the Octopus Library's checks", () => {
  it('pass for step-templates/ as committed', () => {
    expect(checkTemplateDirectory(entries(STEP_TEMPLATES))).toEqual([])
  })

  it('reject a BOM, invalid JSON and files the Library does not allow in step-templates/', () => {
    expect(
      checkTemplateDirectory([
        { name: FILE, text: `\uFEFF${committed}` },
        { name: 'broken.json', text: '{"Id": ' },
        { name: 'README.md', text: '# no' },
        { name: 'scripts' },
        { name: 'logos' },
        { name: 'x.ScriptBody.ps1', text: '' },
      ]),
    ).toEqual([
      `${FILE}: starts with a UTF-8 BOM, which the Library's JSON parsing rejects`,
      expect.stringMatching(/^broken\.json: is not valid JSON/),
      'README.md: only *.json and *.ScriptBody.ps1 files may be here',
      'scripts/: only logos/ and tests/ may be directories',
    ])
  })

  it('reject placeholder, malformed and reused GUIDs, for the template, its parameters and packages', () => {
    expect(checkTemplateDirectory(changed((t) => (t.Id = '00000000-0000-0000-0000-000000000000')))).toEqual([
      `${FILE}: Id 00000000-0000-0000-0000-000000000000 is a placeholder GUID`,
    ])
    expect(
      checkTemplateDirectory(changed((t) => (t.Id = 'abcdef00-ab00-cd00-ef00-000000abcdef'))),
    ).toHaveLength(1)
    expect(checkTemplateDirectory(changed((t) => (t.Parameters[1]!.Id = 'not-a-guid')))).toEqual([
      `${FILE}: parameter Steadystate.ExperimentPackage Id "not-a-guid" is not a GUID`,
    ])
    expect(checkTemplateDirectory(changed((t) => (t.Parameters[2]!.Id = t.Parameters[0]!.Id)))).toEqual([
      `${FILE}: parameter Steadystate.JournalFile reuses Id ${committedTemplate.Parameters[0]!.Id}`,
    ])
    expect(checkTemplateDirectory(changed((t) => (t.Packages[0]!.Id = undefined)))).toEqual([
      `${FILE}: package 'Steadystate.ExperimentPackage' Id undefined is not a GUID`,
    ])
  })

  it('reject two templates with the same Id or Name', () => {
    const copy = changed((t) => (t.Name = 'Other - Template'), 'other-template.json')
    const sameName = changed(
      (t) => (t.Id = 'ce3b4f0e-0000-4000-8000-000000000001'),
      'steadystate-run-experiment.json',
    )
    expect(checkTemplateDirectory([{ name: FILE, text: committed }, ...copy])).toEqual([
      `other-template.json: Id '${committedTemplate.Id}' is also ${FILE}'s`,
    ])
    expect(checkTemplateDirectory([{ name: FILE, text: committed }, ...sameName])).toEqual([
      `${FILE}: Name 'steadystate - Run Experiment' is also ${FILE}'s`,
    ])
  })

  it('require LastModifiedBy, an ISO $Meta.ExportedAt and $Meta.Type ActionTemplate', () => {
    expect(
      checkTemplateDirectory(
        changed((t) => {
          delete t.LastModifiedBy
          delete t.$Meta.ExportedAt
          t.$Meta.Type = 'StepTemplate'
        }),
      ),
    ).toEqual([
      `${FILE}: LastModifiedBy is missing`,
      `${FILE}: $Meta.ExportedAt is missing or not an ISO date`,
      `${FILE}: $Meta.Type is "StepTemplate", not "ActionTemplate"`,
    ])
  })

  it('limit Name to 200 characters and want the file named after it', () => {
    expect(checkTemplateDirectory(changed((t) => (t.Name = 'x'.repeat(201))))).toEqual([
      `${FILE}: Name is 201 characters, more than 200`,
    ])
    expect(checkTemplateDirectory(changed((t) => (t.Name = 'Chaos - Run')))).toEqual([
      `${FILE}: the file name should follow Name: chaos-run.json`,
    ])
    expect(slug('steadystate - Run Experiment')).toBe('steadystate-run-experiment')
  })

  it('need a logo for the category (the Library build reads logos/<category>.png), unless the template has one', () => {
    expect(checkTemplateDirectory(changed((t) => (t.Category = 'chaos')))).toEqual([
      `${FILE}: Category 'chaos' has no logo in the Library (step-templates/logos/chaos.png)`,
    ])
    expect(checkTemplateDirectory(changed((t) => (t.Category = 'K8s')))).toEqual([])
    expect(
      checkTemplateDirectory(changed((t) => ((t.Category = 'chaos'), (t.Logo = 'iVBORw0KGgo=')))),
    ).toEqual([])
  })

  it('forbid a fixed package feed, $-names, unprefixed names and non-string defaults', () => {
    expect(
      checkTemplateDirectory(
        changed((t) => {
          t.Packages[0]!.FeedId = 'feeds-builtin'
          t.Parameters[0]!.Name = '$Experiment'
          t.Parameters[2]!.DefaultValue = 3
        }),
      ),
    ).toEqual([
      `${FILE}: package 'Steadystate.ExperimentPackage' FeedId must be null or a variable, not "feeds-builtin"`,
      `${FILE}: parameter $Experiment: names must not start with $`,
      `${FILE}: parameter $Experiment: names carry a prefix (e.g. Template.$Experiment)`,
      `${FILE}: parameter Steadystate.JournalFile: DefaultValue must be a string or null`,
    ])
    expect(checkTemplateDirectory(changed((t) => (t.Packages[0]!.FeedId = '#{Feed}')))).toEqual([])
  })

  it('want an integer Version', () => {
    expect(checkTemplateDirectory(changed((t) => (t.Version = '1')))).toEqual([
      `${FILE}: Version must be an integer, bumped on every change`,
    ])
  })
})
