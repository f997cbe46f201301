import { expect } from 'chai';
import { sendUpdate, sendUpdateAnsweringWithin, type TemporalCallDeps } from '../../api/temporal-calls';
import { jobWorkflowId } from '../../common/job';
import { completeStepUpdate, type CompleteStepRequest } from '../../common/job-messages';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { principalForToken } from '../../db/tenancy';
import { uploadPhoto } from '../support/photos';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const DEMO_QNR = 'C693EE96ADAEF932'; // a CloudBoxx of the simulator's demo fleet
const BOX_ANSWERS_AFTER_MS = 1_500;

/**
 * The API sends a change in one call that Temporal answers with its outcome. A change slower than
 * the accept deadline (a step's vehicle action on a slow box) is asked after: accepted by a worker,
 * its outcome is awaited — or, with a window, left to go on in the workflow.
 */
describe('an update slower than the accept deadline', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let deps: TemporalCallDeps;

  before(async () => {
    stack = await startTestStack('slow updates');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    deps = { temporal: stack.client, taskQueue: stack.taskQueue, temporalDeadlines: { acceptMs: 300 } };
  });
  afterEach(() => stack.simulator.state.faults.reset());
  after(async () => stack?.stop());

  const provider = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);

  /** A running install job with its box mounted: its next step, configure, pushes the configuration to the box. */
  async function jobAtConfigure(): Promise<string> {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION, vin: 'WVWZZZCDZMW072341' },
      installerCompanyId: demo.installerCompanyId,
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const jobId = created.body.id as string;
    expect((await installer('POST', `/v1/jobs/${jobId}/start`)).status).to.equal(200);
    const photo = () => uploadPhoto(stack.baseUrl, jobId, demo.tokens.installerTechnician);
    const checklist = (stepId: string) => stack.jobTypes.get('cloudboxx-install')!.steps.find((s) => s.id === stepId)!.checklist;
    const steps = {
      'check-in': { brand: 'Volkswagen', model: 'Golf', fuelType: 'petrol', odometerKm: 1200, photoOdometer: { photoId: await photo() } },
      mount: { boxQnr: DEMO_QNR, boxSerial: 'CBX98765', keyHolderType: 'none', photoMountedBox: { photoId: await photo() } },
    };
    for (const [stepId, values] of Object.entries(steps)) {
      const done = await installer('POST', `/v1/jobs/${jobId}/steps/${stepId}/complete`, { values, checklist: checklist(stepId) });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
    }
    return jobId;
  }

  async function configureRequest(jobId: string) {
    const { userId, organisationId, role, email } = (await principalForToken(stack.db, demo.tokens.installerTechnician))!;
    return {
      handle: stack.client.workflow.getHandle(jobWorkflowId(jobId)),
      args: [{ stepId: 'configure', actor: { kind: 'user', userId, organisationId, role, email } }] as [CompleteStepRequest],
    };
  }

  it('is awaited until its outcome when a worker accepted it', async () => {
    const jobId = await jobAtConfigure();
    stack.simulator.state.faults.configure({ routeLatencyMs: { 'apply-configuration': BOX_ANSWERS_AFTER_MS } });
    const { handle, args } = await configureRequest(jobId);
    const sent = Date.now();
    const changed = await sendUpdate(deps, handle, completeStepUpdate, { args });
    expect(Date.now() - sent, 'longer than the accept deadline: the slow box was waited for').to.be.at.least(BOX_ANSWERS_AFTER_MS);
    expect(changed.step).to.deep.include({ id: 'configure', status: 'done' });
  });

  it('answers nothing once its window passed, and goes on in the workflow', async () => {
    const jobId = await jobAtConfigure();
    stack.simulator.state.faults.configure({ routeLatencyMs: { 'apply-configuration': BOX_ANSWERS_AFTER_MS } });
    const { handle, args } = await configureRequest(jobId);
    const sent = Date.now();
    expect(await sendUpdateAnsweringWithin(deps, handle, completeStepUpdate, { args }, 500)).to.equal(undefined);
    expect(Date.now() - sent, 'answered before the box').to.be.below(BOX_ANSWERS_AFTER_MS);
    // The read model shows the step done once its action has ended (it is the API's stepProgress that records "in progress").
    let step: { status: string } = { status: 'open' };
    for (let tries = 0; step.status !== 'done' && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      step = (await installer('GET', `/v1/jobs/${jobId}`)).body.steps.find((s: { id: string }) => s.id === 'configure');
    }
    expect(step.status, JSON.stringify(step)).to.equal('done');
  });
});
