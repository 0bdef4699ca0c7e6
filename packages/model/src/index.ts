export * from './experiment.ts'
export * from './journal.ts'
export * from './verdict.ts'
export * from './progress.ts'
