/** Python files bundled as text (esbuild's text loader; a Vite plugin in the tests). */
declare module '*.py' {
  const source: string
  export default source
}
