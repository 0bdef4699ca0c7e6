import { describe, expect, it } from 'vitest'
import { describeOrigin } from './origin.ts'

describe('describeOrigin', () => {
  it('names the GitHub Actions run, attempt and job', () => {
    expect(
      describeOrigin(
        {
          GITHUB_ACTIONS: 'true',
          GITHUB_SERVER_URL: 'https://github.example',
          GITHUB_REPOSITORY: 'shop/checkout',
          GITHUB_RUN_ID: '42',
          GITHUB_RUN_ATTEMPT: '2',
          GITHUB_JOB: 'chaos',
        },
        'runner-1',
      ),
    ).toBe(
      'GitHub Actions https://github.example/shop/checkout/actions/runs/42 attempt 2, job chaos, host runner-1',
    )
  })

  it('names the GitLab job by its URL, else its id and project', () => {
    expect(describeOrigin({ GITLAB_CI: 'true', CI_JOB_URL: 'https://gitlab.example/p/-/jobs/9' }, 'h')).toBe(
      'GitLab job https://gitlab.example/p/-/jobs/9, host h',
    )
    expect(describeOrigin({ GITLAB_CI: 'true', CI_JOB_ID: '9', CI_PROJECT_PATH: 'g/p' }, 'h')).toBe(
      'GitLab job 9 of g/p, host h',
    )
  })

  it('names the pod (and the CronJob’s Job), or what the host says, else only the host', () => {
    expect(describeOrigin({ POD_NAMESPACE: 'shop', POD_NAME: 'chaos-x', JOB_NAME: 'chaos-1' }, 'h')).toBe(
      'pod shop/chaos-x (Job chaos-1), host h',
    )
    expect(
      describeOrigin({ STEADYSTATE_ORIGIN: 'Octopus task ServerTasks-7', GITHUB_ACTIONS: 'true' }, 'w'),
    ).toBe('Octopus task ServerTasks-7, host w')
    expect(describeOrigin({}, 'laptop')).toBe('host laptop')
  })
})
