import type { ModuleFunctionSpec } from '@steadystate/core'

export const HTTP_GUARDS: ModuleFunctionSpec[] = [
  {
    name: 'endpoint_says_ok',
    kind: 'probe',
    description:
      'true only when a GET of the URL answers 200 with a JSON object whose "ok" is true (as chaosreliably\'s prechecks); anything else, no answer in time included, stops; tolerance: true',
    arguments: [
      { name: 'url', type: 'string', required: true, description: 'the guard endpoint' },
      {
        name: 'auth',
        type: 'string',
        required: false,
        default: null,
        description: 'the Authorization header\'s value, e.g. "Bearer ${guard_token}" (from secrets)',
      },
      {
        name: 'headers',
        type: 'object',
        required: false,
        default: {},
        description: 'more request headers',
      },
      {
        name: 'timeout',
        type: 'number',
        required: false,
        default: 5,
        description: 'seconds to connect and answer; no answer in time fails the guard',
      },
      {
        name: 'verify_tls',
        type: 'boolean',
        required: false,
        default: true,
        description: 'check the server certificate',
      },
    ],
  },
]
