import { expect } from 'chai';
import { answerCheck } from './answer-check';

const job = {
  id: 'J-0123456789',
  status: 'PENDING',
  jobType: { id: 'cloudboxx-install', version: 1, title: 'Install CloudBoxx in a new vehicle' },
  fleetId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  installerCompanyId: null,
  customerName: null,
  requestedStartAt: null,
  values: { vin: 'WVWZZZCDZMW072341' },
  lockedFields: ['vin'],
  steps: [{ id: 'mount', title: 'Mount the CloudBoxx', status: 'open' }],
  lastCompletedStep: null,
  lastCompletedStepTitle: null,
  failureReason: null,
  accessGrant: null,
  vehicle: {},
  workflowId: 'installer-job-J-0123456789',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  assignedAt: null,
  startedAt: null,
  finishedAt: null,
};
const json = 'application/json; charset=utf-8';

describe('holding answers to the OpenAPI document', () => {
  const check = answerCheck();

  it('takes an answer as documented, matching the path to its template', () => {
    expect(check({ method: 'GET', path: `/v1/jobs/${job.id}`, status: 200, contentType: json, body: job })).to.equal(undefined);
    expect(
      check({
        method: 'GET',
        path: '/v1/jobs?fields=status',
        status: 200,
        contentType: json,
        body: { items: [{ id: job.id, status: 'PENDING' }], nextCursor: null },
      }),
    ).to.equal(undefined);
    expect(check({ method: 'DELETE', path: `/v1/jobs/${job.id}`, status: 204, contentType: null, body: undefined })).to.equal(undefined);
  });

  it('names the operation and what is wrong with a body unlike its schema', () => {
    const wrong = check({
      method: 'POST',
      path: `/v1/jobs/${job.id}/start`,
      status: 200,
      contentType: json,
      body: { ...job, status: 'STARTED', secret: 1 },
    });
    expect(wrong).to.match(/^POST \/v1\/jobs\/\{id\}\/start answered 200 unlike its documented schema/);
    expect(wrong).to.include('/status must be equal to one of the allowed values');
    expect(wrong).to.include('must NOT have additional properties {"additionalProperty":"secret"}');
  });

  it('refuses a status the operation does not document', () => {
    expect(check({ method: 'POST', path: '/v1/jobs', status: 200, contentType: json, body: job })).to.equal(
      'POST /v1/jobs answered 200, a status its documentation does not list.',
    );
  });

  it('holds a problem to the Problem schema, on a path no operation serves too', () => {
    const problem = { type: 'https://installer-jobs.dev/problems/not-found', title: 'No route for GET /v2.', status: 404, instance: '/v2' };
    expect(check({ method: 'GET', path: '/v2', status: 404, contentType: 'application/problem+json', body: problem })).to.equal(undefined);
    expect(
      check({
        method: 'GET',
        path: '/v2',
        status: 404,
        contentType: 'application/problem+json',
        body: { ...problem, errors: [{ message: 'x' }] },
      }),
    ).to.match(/must have required property 'pointer'/);
  });
});
