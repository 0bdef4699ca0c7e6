import { deleteSelected, describeDeleteSelected } from './delete-selected.ts'
import { DAEMON_SET } from './objects.ts'
import { createFromSpec, describeUpdate, updateResource } from './spec-actions.ts'

/** `create_daemon_set(spec_path, ns)`. */
export const createDaemonSet = createFromSpec(DAEMON_SET)

/** `delete_daemon_set(name, ns, label_selector)`: every DaemonSet of the namespace only with `all: true`. */
export const deleteDaemonSet = deleteSelected(DAEMON_SET, 'delete_daemon_set')
export const describeDeleteDaemonSet = describeDeleteSelected(DAEMON_SET, 'delete_daemon_set')

/** `update_daemon_set(name, spec, ns)`. */
export const updateDaemonSet = updateResource(DAEMON_SET, 'daemon set')
export const describeUpdateDaemonSet = describeUpdate(DAEMON_SET)
