// Replacing WEBHOOK_SECRETS_KEY in place: `installer-jobs webhooks reseal`, as an operator runs it,
// against a real Postgres holding secrets sealed under the old key and one stored before any key.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { Db } from '../../db/connection';
import { createWebhookEndpoint, endpointToDeliver, rotateWebhookSecret } from '../../db/webhook-endpoints';
import { onboardProvider } from '../../db/tenancy';
import { SealedSecretError, SecretSealer } from '../../webhooks/secret-sealing';
import { runCliAsync } from '../support/cli';
import { freshDatabase } from '../support/services';

describe('webhooks reseal: a new WEBHOOK_SECRETS_KEY in place of the old one', function () {
  this.timeout(120_000);
  let db: Db;
  let databaseUrl: string;
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  const base64 = (key: Buffer) => key.toString('base64');
  const reseal = (env: Record<string, string>) => runCliAsync(['webhooks', 'reseal'], { DATABASE_URL: databaseUrl, ...env });
  const storedSecrets = async () =>
    (await db('webhook_endpoints').orderBy('id').select('secret', 'previous_secret')).flatMap((row: Record<string, string | null>) =>
      [row.secret, row.previous_secret].filter((secret): secret is string => secret !== null),
    );

  before(async () => {
    ({ db, url: databaseUrl } = await freshDatabase('webhook secrets reseal'));
  });

  it('seals every secret, the previous ones kept for a rotation too, under the new key, so the old key can go', async () => {
    const provider = await onboardProvider(db, { name: 'Reseal Mobility', adminEmail: 'admin@reseal.example', fleetName: 'Fleet' });
    const endpoint = (sealer: SecretSealer) =>
      createWebhookEndpoint(db, sealer, {
        organisationId: provider.providerId,
        url: 'https://receiver.example/hooks',
        eventTypes: ['job.created'],
        createdBy: provider.adminUserId,
      });
    const underOld = await endpoint(new SecretSealer(oldKey));
    const rotated = await rotateWebhookSecret(db, new SecretSealer(oldKey), provider.providerId, underOld.endpoint.id, 3_600_000);
    const beforeAnyKey = await endpoint(new SecretSealer());

    const refused = await reseal({ WEBHOOK_SECRETS_KEY: base64(newKey) });
    expect(refused.status, refused.stdout + refused.stderr).to.equal(1);
    expect(refused.stderr).to.include(
      `Webhook endpoint ${underOld.endpoint.id}: This webhook secret was sealed with another WEBHOOK_SECRETS_KEY`,
    );
    expect(refused.stderr).to.include('Nothing was resealed.');
    expect(await storedSecrets(), 'nothing changed')
      .to.have.length(3)
      .and.include(beforeAnyKey.secret);

    const done = await reseal({ WEBHOOK_SECRETS_KEY: base64(newKey), WEBHOOK_SECRETS_PREVIOUS_KEYS: base64(oldKey) });
    expect(done.status, done.stdout + done.stderr).to.equal(0);
    expect(done.stdout).to.include('Resealed the secrets of 2 of 2 webhook endpoints under WEBHOOK_SECRETS_KEY.');
    const newAlone = new SecretSealer(newKey);
    for (const stored of await storedSecrets()) expect(stored).to.match(/^sealed:v1:/);
    const opened = async (id: string) => (await endpointToDeliver(db, newAlone, id, new Date()))!.secrets;
    expect(await opened(underOld.endpoint.id), 'the new secret and the one it replaced, both still signing').to.deep.equal([
      rotated!.secret,
      underOld.secret,
    ]);
    expect(await opened(beforeAnyKey.endpoint.id)).to.deep.equal([beforeAnyKey.secret]);
    await endpointToDeliver(db, new SecretSealer(oldKey), underOld.endpoint.id, new Date()).then(
      () => expect.fail('the old key no longer opens them'),
      (error: unknown) => expect(error).to.be.instanceOf(SealedSecretError),
    );

    const again = await reseal({ WEBHOOK_SECRETS_KEY: base64(newKey) });
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(again.stdout).to.include(
      'Resealed the secrets of 0 of 2 webhook endpoints under WEBHOOK_SECRETS_KEY (the others already were).',
    );
  });

  it('refuses to run without a key to seal with', async () => {
    const result = await reseal({ WEBHOOK_SECRETS_KEY: '' });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include('WEBHOOK_SECRETS_KEY is not set');
  });
});
