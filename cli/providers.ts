// `installer-jobs providers create`: the operator's way in. A provider, its first fleet and its
// admin, whose token (shown once) then invites installer companies through the API.
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../common/config';
import { ConflictError, InputError } from '../common/errors';
import type * as Tenancy from '../db/tenancy';
import type * as Processes from './processes';
import { runCli } from './run';

interface CreateOptions {
  name: string;
  adminEmail: string;
  fleetName: string;
  json?: boolean;
}

export function providersCommand(): Command {
  const command = new Command('providers').description('Mobility providers: the tenants that own fleets and invite installer companies.');
  command
    .command('create')
    .description('Onboard a provider with a first fleet and an admin; prints the ids and the admin token (shown once).')
    .requiredOption('--name <name>', 'the provider, e.g. "Demo Mobility GmbH"')
    .requiredOption('--admin-email <email>', "the provider admin's sign-in address")
    .option('--fleet-name <name>', 'name of the first fleet', 'Main')
    .option('--json', 'print the result as JSON')
    .action((options: CreateOptions) => runCli(() => createProvider(options)));
  return command;
}

async function createProvider(options: CreateOptions): Promise<void> {
  const name = options.name.trim();
  const fleetName = options.fleetName.trim();
  const adminEmail = options.adminEmail.trim();
  if (!name || !fleetName) throw new InputError('--name and --fleet-name must not be blank.');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) throw new InputError(`--admin-email ${adminEmail} is not an e-mail address.`);

  // Required here, not imported at the top: the other commands need no database (see cli/main.ts).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { reachableDb } = require('./processes') as typeof Processes;
  const { isEmailTaken, onboardProvider } = require('../db/tenancy') as typeof Tenancy;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = await reachableDb(loadConfig());
  try {
    if (!(await db.schema.hasTable('organisations')))
      throw new ConfigError('The database has no schema yet: run `npx installer-jobs migrate` first.');
    const provider = await onboardProvider(db, { name, adminEmail, fleetName }).catch((error: unknown) => {
      if (isEmailTaken(error))
        throw new ConflictError(`${adminEmail} already has an account; choose another --admin-email.`, [], { cause: error });
      throw error;
    });
    const result = { ...provider, name, fleetName, adminEmail };
    if (options.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(
      [
        `Provider ${name} onboarded.`,
        `  provider id   ${provider.providerId}`,
        `  fleet         ${fleetName} (${provider.fleetId})`,
        `  admin         ${adminEmail} (user ${provider.adminUserId})`,
        `  admin token   ${provider.adminToken}`,
        '',
        'The token is shown only this once; the admin sends it as `Authorization: Bearer <token>`.',
      ].join('\n'),
    );
  } finally {
    await db.destroy();
  }
}
