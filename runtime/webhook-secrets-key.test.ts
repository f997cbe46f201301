import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localWebhookSecretsKey } from './webhook-secrets-key';

describe("start's own WEBHOOK_SECRETS_KEY", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-key-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made once in the data folder, for its owner only, and read back on every later start', () => {
    const dataDir = path.join(dir, 'data');
    const first = localWebhookSecretsKey(dataDir);
    expect(first).to.have.length(32);
    const file = path.join(dataDir, 'webhook-secrets.key');
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(localWebhookSecretsKey(dataDir)).to.deep.equal(first);
  });

  it('refuses a file that holds no 32-byte key, saying how to start over', () => {
    fs.writeFileSync(path.join(dir, 'webhook-secrets.key'), 'short\n');
    expect(() => localWebhookSecretsKey(dir)).to.throw(/delete it to make a new one/);
  });
});
