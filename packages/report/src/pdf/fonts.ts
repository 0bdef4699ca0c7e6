import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** Font files the report embeds (subset) in every PDF and draws its charts with. */
export interface FontFiles {
  regular: string
  bold: string
  italic: string
  mono: string
  /**
   * Chinese/Japanese text (Noto Sans lacks Han and kana): read only when a report contains some.
   * Absent where the (92 MB) font is not installed; such text is then drawn with the Latin font.
   */
  cjk: string | undefined
  cjkBold: string | undefined
}

/** The files by name, as the npm packages ship them (and as a bundle copies them into one folder). */
const FILES = {
  regular: 'noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: 'noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: 'noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  mono: 'noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf',
  cjk: 'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  cjkBold: 'noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const

/**
 * The Noto fonts come from npm packages (SIL OFL), resolved from this module: the workspace source
 * in tests, and the CLI bundle's own node_modules once built, so the PDF looks the same everywhere.
 * With `directory`, they are read from that one folder by file name instead: a bundle that ships
 * without node_modules (the GitHub Action) copies the Latin fonts there and leaves the CJK ones out.
 */
export function resolveFonts(directory?: string): FontFiles {
  const locate =
    directory === undefined
      ? (path: string): string => createRequire(import.meta.url).resolve(`@expo-google-fonts/${path}`)
      : (path: string): string => join(directory, path.slice(path.lastIndexOf('/') + 1))
  const optional = (path: string): string | undefined => {
    try {
      const file = locate(path)
      return existsSync(file) ? file : undefined
    } catch {
      return undefined
    }
  }
  return {
    regular: locate(FILES.regular),
    bold: locate(FILES.bold),
    italic: locate(FILES.italic),
    mono: locate(FILES.mono),
    cjk: optional(FILES.cjk),
    cjkBold: optional(FILES.cjkBold),
  }
}
