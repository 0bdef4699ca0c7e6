/**
 * @steadystate/model: the types every package shares (the experiment as the engine reads it, the
 * journal, verdicts, error codes) and the few pure derivations that must be identical wherever a
 * journal is read. No I/O.
 */
export * from './json.ts'
export * from './experiment.ts'
export * from './errors.ts'
export * from './journal.ts'
export * from './verdict.ts'
export * from './progress.ts'
export * from './safeguards.ts'
export * from './controls.ts'
