import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  describeFileError,
  detectFormat,
  parseText,
  SteadystateError,
  type Environment,
  type GlobalControlSource,
} from '@steadystate/core'
import { isJsonObject, type JsonObject, type JsonValue } from '@steadystate/model'

/** A Chaos Toolkit settings file as steadystate reads it. */
export interface LoadedSettings {
  path: string
  /** Its whole content: Python controls whose hooks take `settings` get it, as in the reference. */
  document: JsonObject
  /** Its `controls`: global controls, honoured or refused like the experiment's. */
  controls: GlobalControlSource
  /** Its `notifications` as written (see notifications.ts). */
  notifications: JsonValue | undefined
  /** Top-level keys steadystate does not use, for one warning (see the README). */
  ignoredKeys: string[]
}

const USED_KEYS = new Set(['controls', 'notifications'])

/** Where the Chaos Toolkit looks for its settings when `--settings` is not given. */
export function defaultSettingsPath(env: Environment): string {
  return join(env.HOME ?? homedir(), '.chaostoolkit', 'settings.yaml')
}

/**
 * The settings file: the one named (which must exist and parse), else the Chaos Toolkit's default
 * location when a file is there, else none. A settings file that cannot be read or parsed is a
 * usage error: it may declare safety controls, so the run does not go on without it.
 */
export async function loadSettings(
  named: string | undefined,
  env: Environment,
  cwd: string,
): Promise<LoadedSettings | undefined> {
  const path = named === undefined ? defaultSettingsPath(env) : resolve(cwd, named)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (named === undefined) return undefined
    throw new SteadystateError('USAGE', `--settings ${named}: ${describeFileError(error)}`)
  }
  const document = await readDocument(path, text, named === undefined ? path : `--settings ${named}`)
  return {
    path,
    document,
    controls: { file: path, controls: document.controls },
    notifications: document.notifications,
    ignoredKeys: Object.keys(document).filter((key) => !USED_KEYS.has(key)),
  }
}

/** A `--control-file`: a mapping of names to controls, as the Chaos Toolkit reads it. */
export async function loadControlFile(named: string, cwd: string): Promise<GlobalControlSource> {
  const path = resolve(cwd, named)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new SteadystateError('USAGE', `--control-file ${named}: ${describeFileError(error)}`)
  }
  return { file: path, controls: await readDocument(path, text, `--control-file ${named}`) }
}

async function readDocument(path: string, text: string, what: string): Promise<JsonObject> {
  if (text.trim() === '') return {}
  const parsed = await parseText(text, detectFormat(path, text))
  if (!parsed.ok) throw new SteadystateError('USAGE', `${what}: ${parsed.error}`)
  const value = parsed.value
  if (value === null || value === undefined) return {}
  if (!isJsonObject(value)) throw new SteadystateError('USAGE', `${what}: expected a mapping`)
  return value
}
