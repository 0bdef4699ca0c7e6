export * from './experiment.ts'
export * from './journal.ts'
