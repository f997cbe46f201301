// A worker process killed (SIGKILL) while an endpoint holds a delivery's request: the next worker
// sends it again, under the same webhook-id and with the same body (at least once).
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../../db/connection';
import { recordInvitationEvent } from '../../db/feed';
import { createWebhookEndpoint } from '../../db/webhook-endpoints';
import { SecretSealer } from '../../webhooks/secret-sealing';
import { onboardProvider } from '../../db/tenancy';
import { CliProcess } from '../support/cli';
import { startSimulatedOneApi, TEST_CLIENT, type SimulatedOneApi } from '../support/oneapi';
import { freshDatabase, temporalAddress } from '../support/services';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

describe('a worker killed in the middle of a webhook delivery', function () {
  this.timeout(120_000);
  let db: Db;
  let databaseUrl: string;
  let oneApi: SimulatedOneApi;
  let receiver: WebhookReceiver;
  const workers: CliProcess[] = [];
  const taskQueue = `webhook-kill-${randomUUID()}`;
  // The worker processes open the secret sealed in Postgres with the key in their environment.
  const secretsKey = randomBytes(32);

  before(async () => {
    ({ db, url: databaseUrl } = await freshDatabase('webhook worker kill'));
    oneApi = await startSimulatedOneApi();
    // The first request is held unanswered: the worker sending it is killed meanwhile.
    receiver = await startWebhookReceiver((_, index) => (index === 0 ? 'hang' : 204));
  });
  after(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await receiver?.close();
    await oneApi?.simulator.close();
  });

  /** `installer-jobs worker`, as production runs it, on this suite's task queue and database. */
  async function startWorker(): Promise<CliProcess> {
    const worker = new CliProcess(['worker'], {
      TEMPORAL_ADDRESS: await temporalAddress(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: databaseUrl,
      ONEAPI_BASE_URL: oneApi.simulator.url,
      ONEAPI_CLIENT_ID: TEST_CLIENT.id,
      ONEAPI_CLIENT_SECRET: TEST_CLIENT.secret,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_SECRETS_KEY: secretsKey.toString('base64'),
    });
    workers.push(worker);
    await worker.waitFor(/Worker polling/, 60_000);
    return worker;
  }

  it('sends the delivery again from the next worker, with the same webhook-id, and records it delivered', async () => {
    const provider = await onboardProvider(db, { name: 'Kill Mobility', adminEmail: 'admin@kill.example', fleetName: 'Kill fleet' });
    const { endpoint, secret } = await createWebhookEndpoint(db, new SecretSealer(secretsKey), {
      organisationId: provider.providerId,
      url: receiver.url,
      eventTypes: ['invitation.declined'],
      createdBy: provider.adminUserId,
    });
    const [stored] = await db('webhook_endpoints').where({ id: endpoint.id }).pluck('secret');
    expect(stored, 'sealed in Postgres').to.match(/^sealed:v1:/);
    const first = await startWorker();
    const invitationId = randomUUID();
    await recordInvitationEvent(db, {
      invitationId,
      providerId: provider.providerId,
      type: 'invitation.declined',
      actor: { kind: 'system', reason: 'test' },
      data: { invitationId, fleetId: provider.fleetId },
    });

    const [held] = await receiver.until(1);
    await first.stop('SIGKILL');
    expect(await db('webhook_deliveries').where({ endpoint_id: endpoint.id }).pluck('status'), 'not delivered').to.deep.equal(['pending']);

    await startWorker();
    const [, again] = await receiver.until(2, 60_000);
    expect(again!.headers['webhook-id']).to.equal(held!.headers['webhook-id']);
    expect(again!.body).to.equal(held!.body);
    expect(new Webhook(secret).verify(again!.body, again!.headers)).to.deep.equal({
      type: 'invitation.declined',
      timestamp: held!.payload.timestamp,
      data: { invitationId, fleetId: provider.fleetId },
    });
    for (let tries = 0; tries < 50; tries++) {
      const [row] = await db('webhook_deliveries').where({ endpoint_id: endpoint.id });
      if (row.status === 'delivered') {
        expect(row).to.include({ attempts: 1, last_status_code: 204 });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the delivery was not recorded delivered');
  });
});
