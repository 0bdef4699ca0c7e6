import { deleteSelected, describeDeleteSelected } from './delete-selected.ts'
import { REPLICA_SET } from './objects.ts'

/**
 * `delete_replica_set(name, ns, label_selector)`: by name, else by labels; never every ReplicaSet of a
 * namespace unless `all: true` (the reference deletes them all when given neither).
 */
export const deleteReplicaSet = deleteSelected(REPLICA_SET, 'delete_replica_set')
export const describeDeleteReplicaSet = describeDeleteSelected(REPLICA_SET, 'delete_replica_set')
