/**
 * The template's identities. Octopus links an installed template to the Library by `Id`, and a
 * project's step to a parameter by its `Id`: they never change once published (the Library's rule).
 * A new parameter gets a new random GUID here; a removed one's GUID is never reused.
 */
export const TEMPLATE_ID = 'e68da0ab-e5e7-4c61-a867-b372c291c0fb'

export const PARAMETER_IDS = {
  Experiment: '5bb59b9c-7b18-4e8f-8736-dfb315d232c1',
  ExperimentPackage: '1e550c8c-7f04-4457-9181-a6d71a43b8fc',
  JournalFile: '2b62ef9f-72bb-4d4e-9036-5717c6a8ad03',
  ReportFile: 'c2653409-4e13-447b-821f-67af3939f128',
  JUnitFile: '3dba216d-e1fe-4a77-8d40-f89bdea1f3a7',
  RollbackStrategy: 'a1fe03d5-2f79-439d-9eb1-c9fd2f0c41c7',
  HypothesisStrategy: '2e1ba50d-b501-446a-ad75-4793088c58dc',
  Variables: '1d91fd4c-933e-4458-9254-eb594b8b7249',
  Secrets: '4680ec6d-6d03-4eb3-acb2-1c83f6a829ab',
  KubernetesContext: 'c2b888c6-aab6-4494-8837-d3a2190516a0',
  Lock: 'cb5ad708-2ad9-44a3-8188-ee9818a98587',
  LockTimeout: 'd0411d28-ea3f-4331-a3ed-b6f4fcdd7ec5',
  KillSwitchInterval: 'cc31081c-239c-4ad4-a636-662fd98e2bad',
  FailOnDeviation: 'a9c766e3-ca61-4175-b722-03ea34769a53',
  SkipUnknownControls: '07cb345c-b245-4afe-b4eb-5280d9bed879',
  Install: '5dd2be8a-8419-4abf-9d6b-b1926d1be892',
  InstallSha256: 'd9e1cbfb-0647-4e84-942d-4f87b3be2298',
} as const

/** Retired, never to be reused: `Steadystate.Version` (replaced by Install before the first release). */
export const RETIRED_PARAMETER_IDS = ['c5039e67-4902-48d2-bff7-f8b8cae2a18d'] as const

/** The package reference behind the ExperimentPackage parameter. */
export const EXPERIMENT_PACKAGE_REFERENCE_ID = '9092e4ac-8be0-4942-b3f5-38cbb6bf6dba'
