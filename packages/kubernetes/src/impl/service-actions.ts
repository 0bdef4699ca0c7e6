import { deleteNamed, describeDeleteNamed } from './delete-named.ts'
import { SERVICE } from './objects.ts'
import { createFromSpec } from './spec-actions.ts'

/** `create_service_endpoint(spec_path, ns)`: creates the Service a JSON or YAML file describes. */
export const createServiceEndpoint = createFromSpec(SERVICE)

/** `delete_service(name, ns)`. */
export const deleteService = deleteNamed(SERVICE)
export const describeDeleteService = describeDeleteNamed(SERVICE)
