/**
 * The shape of an Octopus step template as exported by Octopus Server and stored in the community
 * Library (`OctopusDeploy/Library: step-templates/*.json`). Keys are the wire keys, in export order.
 */
export interface StepTemplate {
  Id: string
  Name: string
  /** Markdown, shown in the Library and in Octopus when the template is added. */
  Description: string
  ActionType: string
  /** Bumped on every published change: Octopus's Library integration only sees a new Version. */
  Version: number
  CommunityActionTemplateId: null
  Packages: PackageReference[]
  GitDependencies: []
  Properties: Record<string, string>
  Parameters: Parameter[]
  StepPackageId: string
  $Meta: { ExportedAt: string; OctopusVersion: string; Type: 'ActionTemplate' }
  LastModifiedBy: string
  /** Lower-case Library category; the Library's build reads `step-templates/logos/<Category>.png`. */
  Category: string
}

/** Octopus.ControlType values the Library's templates use (a subset). */
export type ControlType = 'SingleLineText' | 'MultiLineText' | 'Checkbox' | 'Select' | 'Sensitive' | 'Package'

export interface Parameter {
  Id: string
  Name: string
  Label: string
  HelpText: string
  /** Checkboxes hold "True" or "False"; a Sensitive default is always empty. */
  DefaultValue: string
  DisplaySettings: { 'Octopus.ControlType': ControlType; 'Octopus.SelectOptions'?: string }
}

/** A package chosen when the template is added to a project ("deferred"), bound to a Package parameter. */
export interface PackageReference {
  Id: string
  Name: string
  PackageId: null
  FeedId: null
  AcquisitionLocation: 'Server'
  Properties: {
    Extract: 'True'
    SelectionMode: 'deferred'
    PackageParameterName: string
    Purpose: ''
  }
}
