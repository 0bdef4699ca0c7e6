import { deleteNamed, describeDeleteNamed } from './delete-named.ts'
import { SECRET } from './objects.ts'
import { createFromSpec } from './spec-actions.ts'

/** `create_secret(spec_path, ns)`. */
export const createSecret = createFromSpec(SECRET)

/** `delete_secret(name, ns)`. */
export const deleteSecret = deleteNamed(SECRET)
export const describeDeleteSecret = describeDeleteNamed(SECRET)
