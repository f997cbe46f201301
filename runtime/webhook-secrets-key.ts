import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from '../webhooks/secret-sealing';

/**
 * `start`'s WEBHOOK_SECRETS_KEY when the environment has none: made once in the data folder
 * (readable by its owner only) and read from there on, so the secrets sealed with it stay
 * readable across restarts. Production sets the variable instead (README "Webhooks").
 */
export function localWebhookSecretsKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'webhook-secrets.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key in base64; delete it to make a new one.`);
  return key;
}
