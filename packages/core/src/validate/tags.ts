import { isJsonObject, type JsonValue } from '@steadystate/model'
import type { ValidationIssue } from '../errors.ts'

const NON_EMPTY = 'experiment tags must be a non-empty string'

/**
 * `tags` as the reference judges them (`if tags:`, then every item it iterates must be a non-empty
 * string): a false value passes, a string passes (Python iterates its characters), a mapping is
 * judged by its keys. The last two get a warning, since no tool reads them as the author meant.
 * A number or `true` crashes the reference (`TypeError`); here it is an error naming the field.
 */
export function validateTags(tags: JsonValue | undefined): ValidationIssue[] {
  if (tags === undefined || tags === null || tags === false || tags === 0 || tags === '') return []
  if (typeof tags === 'string')
    return [
      notAList(`a string, which the Chaos Toolkit reads as the list of its characters; write ["${tags}"]`),
    ]
  if (Array.isArray(tags))
    return tags.flatMap((tag, index) => (isTag(tag) ? [] : [error(`tags[${index}]`, NON_EMPTY)]))
  if (isJsonObject(tags)) {
    const keys = Object.keys(tags)
    if (keys.length === 0) return []
    const empty = keys.some((key) => key === '') ? [error('tags', NON_EMPTY)] : []
    return [...empty, notAList('a mapping, which the Chaos Toolkit reads as the list of its keys')]
  }
  return [error('tags', 'experiment tags must be a list of non-empty strings')]
}

function isTag(tag: JsonValue): boolean {
  return typeof tag === 'string' && tag !== ''
}

function notAList(what: string): ValidationIssue {
  return { path: 'tags', message: `tags is ${what}`, severity: 'warning' }
}

function error(path: string, message: string): ValidationIssue {
  return { path, message, severity: 'error' }
}
