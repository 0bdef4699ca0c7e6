// What the bundles (the CLI's, scripts/build.mjs; the GitHub Action's, packages/github-action/build.mjs)
// replace in the report's dependencies, in one place.

/**
 * An esbuild plugin replacing modules the report's PDF engine imports:
 * - the Brotli decoder (800 KiB of JavaScript) fontkit imports only to read WOFF2 fonts: the report
 *   embeds TTF fonts, so a stub that refuses WOFF2 is less to load on every report;
 * - tiny-inflate, a JavaScript DEFLATE decoder, by Node's own zlib: the Unicode tables of
 *   unicode-properties and linebreak (Unicode data every layout reads) are inflated with it each
 *   time the PDF engine loads, about 40 ms of a seed report before anything is drawn; zlib gives the
 *   same bytes in a tenth of the time. The replacement keeps tiny-inflate's contract: it inflates a
 *   raw DEFLATE stream into `dest` and returns `dest`, cut to the inflated length if shorter.
 * `extra` adds stubs of the caller's own: `{ filter, contents }`.
 */
export function reportDependencies(extra = []) {
  const replacements = [
    {
      filter: /^brotli\/decompress\.js$/,
      contents: "export default function decompress() { throw new Error('WOFF2 fonts are not supported') }",
    },
    {
      filter: /^tiny-inflate$/,
      // CommonJS, as tiny-inflate is: unicode-trie require()s it and calls what it gets.
      contents: `const { inflateRawSync } = require('node:zlib')
module.exports = function inflate(source, dest) {
  const inflated = inflateRawSync(source)
  const length = Math.min(inflated.length, dest.length)
  dest.set(length === inflated.length ? inflated : inflated.subarray(0, length))
  return length < dest.length ? dest.slice(0, length) : dest
}`,
    },
    ...extra,
  ]
  return {
    name: 'report-dependencies',
    setup(context) {
      for (const { filter, contents } of replacements) {
        context.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'replaced' }))
        context.onLoad({ filter, namespace: 'replaced' }, () => ({ contents, loader: 'js' }))
      }
    },
  }
}
