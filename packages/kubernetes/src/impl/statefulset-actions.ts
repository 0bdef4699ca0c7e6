import { deleteSelected, describeDeleteSelected } from './delete-selected.ts'
import { STATEFUL_SET } from './objects.ts'
import { createFromSpec, describeScale, scaleResource } from './spec-actions.ts'

/** `create_statefulset(spec_path, ns)`. */
export const createStatefulSet = createFromSpec(STATEFUL_SET)

/** `scale_statefulset(name, replicas, ns)`: a merge patch of `spec.replicas`. */
export const scaleStatefulSet = scaleResource(STATEFUL_SET)
export const describeScaleStatefulSet = describeScale(STATEFUL_SET)

/**
 * `remove_statefulset(name, ns, label_selector)`: by name, else by labels; every StatefulSet of the
 * namespace only with `all: true`.
 */
export const removeStatefulSet = deleteSelected(STATEFUL_SET, 'remove_statefulset')
export const describeRemoveStatefulSet = describeDeleteSelected(STATEFUL_SET, 'remove_statefulset')
