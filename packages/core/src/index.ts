/**
 * @steadystate/core: the engine. Loads, validates and runs Chaos Toolkit experiments and writes their
 * journals. It imports no CI library and no Kubernetes client: those plug in from outside.
 */
export * from './errors.ts'
export { loadExperiment, type LoadedExperiment, type LoadOptions } from './experiment/load-experiment.ts'
export {
  normalizeExperiment,
  experimentOf,
  normalizeEntry,
  type ExperimentInput,
} from './experiment/normalize.ts'
export { normalizeProvider } from './experiment/normalize-provider.ts'
export { parseText, detectFormat, type ParseResult } from './experiment/parse-text.ts'
export {
  MAX_NESTING_DEPTH,
  MAX_JOURNAL_NESTING_DEPTH,
  measureNesting,
  nestingProblem,
} from './experiment/nesting.ts'
export { resolveConfiguration, type Environment } from './config/configuration.ts'
export { knownSecretValues, resolveSecrets, secretValues, type SecretValues } from './config/secrets.ts'
export { resolveInputs, type RunInputs } from './config/inputs.ts'
export { normalizeConfiguration, normalizeSecrets } from './experiment/normalize-config.ts'
export { loadOverrides, parseVar, parseDotEnv, emptyOverrides, type Overrides } from './config/overrides.ts'
export { substitute, substituteString, type SubstitutionScope } from './config/substitution.ts'
export {
  evaluateTolerance,
  evaluateNormalized,
  normalizeTolerance,
  validateTolerance,
  isProbeTolerance,
  parseJsonPath,
  queryJsonPath,
  type Tolerance,
  type ToleranceVerdict,
} from './tolerance/index.ts'
export { validateExperiment, type ValidateOptions } from './validate/validate-experiment.ts'
export { declaredControls, type DeclaredControl, type GlobalControlSource } from './controls/declared.ts'
export { SKIP_UNKNOWN_CONTROLS_FLAG } from './controls/honour.ts'
export { ProviderRegistry } from './providers/registry.ts'
export {
  ModuleRegistry,
  type ModuleArguments,
  type ModuleDefinition,
  type ModuleImplementation,
  type ModuleFunctionSpec,
  type ModuleFunctionImpl,
  type ModuleDryRunImpl,
  type ModuleCallContext,
  type PreflightContext,
  type ArgumentSpec,
  type ArgumentType,
} from './providers/modules.ts'
export type {
  ProviderType,
  ProviderContext,
  BoundProvider,
  ActivityLog,
  ValidationContext,
} from './providers/types.ts'
export { RunResources, type RunResource } from './providers/resources.ts'
export { runExperiment, weakSecretsWarning, type RunOptions, type RunResult } from './run/run-experiment.ts'
export { replayRollbacks, type ReplayOptions, type ReplayResult } from './recovery/replay.ts'
export { planRecovery, type RecoveryPlan, type PendingRollback } from './recovery/plan.ts'
export { redactedValuesNeeded } from './recovery/redacted.ts'
export type {
  Safeguard,
  SafeguardCall,
  SafeguardLog,
  SafeguardMode,
  SafeguardOpening,
  SafeguardProvider,
  SafeguardRequest,
  StopRequest,
} from './safeguard/types.ts'
export { abandonedJournal } from './journal/abandoned.ts'
export type { RunEvent, EventSink, Phase } from './run/events.ts'
export { writeJournal, writeJournalSync, journalText } from './journal/write-journal.ts'
export { writeFileSafely, writeFileSafelySync } from './journal/write-file.ts'
export { writableProblem, describeFileError } from './journal/check-writable.ts'
export { notRunJournal } from './journal/not-run.ts'
export { Redactor, REDACTED } from './journal/redact.ts'
export { isWeakSecret, MIN_MASKED_LENGTH } from './journal/common-words.ts'
export { escapeControls } from './text/controls.ts'
export { valueText } from './text/value-text.ts'
export { maskerForms, secretForms, percentForms, percentPattern } from './journal/secret-forms.ts'
export { isoTimestamp, systemClock, type Clock } from './journal/clock.ts'
export { pyEquals, pyTruthy, pyStr, pyRepr } from './python.ts'
export {
  sendOnce,
  HttpRequestError,
  type HttpRequest,
  type HttpResponse,
  type HttpFailure,
} from './providers/http-request.ts'
export { compilePythonRegex, pythonSearch, type PythonRegex } from './tolerance/pyregex.ts'
export { withDeadline, standaloneDeadline, type Deadline } from './deadline.ts'
export { MAX_TIMER_MS, setLongTimeout, sleep, describeDuration, type LongTimer } from './timers.ts'
export { jobShouldFail } from './job-outcome.ts'
export { seededRandom } from './random.ts'
export { PythonBridge } from './providers/python-bridge/bridge.ts'
export type { PythonDescription, PythonExtension } from './providers/python-bridge/protocol.ts'
export { knownExtensions, packageFor } from './providers/python-bridge/extensions.ts'
