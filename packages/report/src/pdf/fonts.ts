import { createRequire } from 'node:module'

/** Font files the report embeds (subset) in every PDF and draws its charts with. */
export interface FontFiles {
  regular: string
  bold: string
  italic: string
  mono: string
  /** Chinese/Japanese text (Noto Sans lacks Han and kana): read only when a report contains some. */
  cjk: string
  cjkBold: string
}

/**
 * The Noto fonts come from npm packages (SIL OFL), resolved from this module: the workspace source
 * in tests, and the CLI bundle's own node_modules once built, so the PDF looks the same everywhere.
 */
export function resolveFonts(): FontFiles {
  const require = createRequire(import.meta.url)
  const file = (name: string): string => require.resolve(`@expo-google-fonts/${name}`)
  return {
    regular: file('noto-sans/400Regular/NotoSans_400Regular.ttf'),
    bold: file('noto-sans/700Bold/NotoSans_700Bold.ttf'),
    italic: file('noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
    mono: file('noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf'),
    cjk: file('noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    cjkBold: file('noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  }
}
