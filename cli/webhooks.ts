// `installer-jobs webhooks reseal`: the last step of replacing WEBHOOK_SECRETS_KEY (README "Webhooks").
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../common/config';
import type * as WebhookEndpoints from '../db/webhook-endpoints';
import type * as Sealing from '../webhooks/secret-sealing';
import type * as Processes from './processes';
import { runCli } from './run';

export function webhooksCommand(): Command {
  const command = new Command('webhooks').description("Webhook endpoints' signing secrets, as stored in Postgres.");
  command
    .command('reseal')
    .description(
      'Seal every stored signing secret under WEBHOOK_SECRETS_KEY, opening those sealed before with WEBHOOK_SECRETS_PREVIOUS_KEYS; afterwards the previous keys can be removed. All or nothing.',
    )
    .action(() => runCli(reseal));
  return command;
}

async function reseal(): Promise<void> {
  const config = loadConfig();
  if (config.webhooks.secretsKey === undefined)
    throw new ConfigError(
      'WEBHOOK_SECRETS_KEY is not set: set it (and WEBHOOK_SECRETS_PREVIOUS_KEYS, the keys it replaced) as the API and worker processes have them.',
    );
  // Required here, not imported at the top: the other commands need no database (see cli/main.ts).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { reachableDb } = require('./processes') as typeof Processes;
  const { resealWebhookSecrets } = require('../db/webhook-endpoints') as typeof WebhookEndpoints;
  const { SecretSealer } = require('../webhooks/secret-sealing') as typeof Sealing;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = await reachableDb(config);
  try {
    const sealer = new SecretSealer(config.webhooks.secretsKey, config.webhooks.previousSecretsKeys);
    const { endpoints, resealed } = await resealWebhookSecrets(db, sealer);
    console.log(
      `Resealed the secrets of ${resealed} of ${endpoints} webhook endpoint${endpoints === 1 ? '' : 's'} under WEBHOOK_SECRETS_KEY` +
        (resealed < endpoints ? ' (the others already were).' : '.') +
        '\nEvery stored secret now opens with WEBHOOK_SECRETS_KEY alone: WEBHOOK_SECRETS_PREVIOUS_KEYS can be removed from every process.',
    );
  } finally {
    await db.destroy();
  }
}
