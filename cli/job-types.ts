// `installer-jobs job-types validate [files...]` and `installer-jobs job-types show <id>`.
// cli/main.ts mounts this command; everything it prints goes through `io` so tests can read it.
import path from 'node:path';
import { Command } from 'commander';
import type { CompiledJobType } from '../definitions/compiled-job-type';
import { formatProblem, JobTypeError } from '../definitions/errors';
import { checkJobTypeFiles, findJobTypeFiles, loadJobTypeFile } from '../definitions/loader';
import { stepsAsMermaid } from '../definitions/mermaid';
import { processIo, type CommandIo } from './io';

export function jobTypesCommand(io: Partial<CommandIo> = {}): Command {
  const { cwd, out, err, setExitCode } = { ...processIo, ...io };
  const command = new Command('job-types').description(
    'check and inspect job-type files offline; push them to and pull them from a running API',
  );

  command
    .command('validate')
    .description('check job-type files (default: every job-types/*.yaml); exit 1 listing every problem')
    .argument('[files...]', 'YAML files to check')
    .action(async (files: string[]) => {
      try {
        const targets = files.length > 0 ? files : await defaultFiles(cwd());
        if (targets.length === 0) {
          err(`no job-type files found in ${path.join(cwd(), 'job-types')}`);
          setExitCode(1);
          return;
        }
        const { compiled, problems } = await checkJobTypeFiles(targets, { baseDir: cwd() });
        if (compiled === undefined) throw new JobTypeError(problems);
        // Warnings are worth reading but leave the files valid: exit 0.
        for (const problem of problems) err(formatProblem(problem));
        for (const jobType of compiled)
          out(`ok  ${jobType.source.file}  ${jobType.id}@${jobType.version}  sha256:${jobType.contentHash.slice(0, 12)}`);
      } catch (error) {
        reportFailure(error, err);
        setExitCode(1);
      }
    });

  command
    .command('show')
    .description('print a job type compiled (JSON) and its steps as a Mermaid flowchart')
    .argument('<id>', 'job type id, e.g. cloudboxx-install')
    .action(async (id: string) => {
      try {
        // Each file on its own: a broken neighbour must not hide the job type asked for.
        const files = await defaultFiles(cwd());
        const results = await Promise.allSettled(files.map((file) => loadJobTypeFile(file, { baseDir: cwd() })));
        const compiled = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
        const jobType = compiled.find((candidate) => candidate.id === id);
        if (jobType === undefined) {
          for (const result of results) if (result.status === 'rejected') reportFailure(result.reason, err);
          err(`no valid job type "${id}"; valid ones: ${compiled.map((candidate) => candidate.id).join(', ') || 'none'}`);
          setExitCode(1);
          return;
        }
        out(JSON.stringify(jobType, null, 2));
        out('');
        out(showMermaid(jobType));
      } catch (error) {
        reportFailure(error, err);
        setExitCode(1);
      }
    });

  return command;
}

async function defaultFiles(cwd: string): Promise<string[]> {
  try {
    return await findJobTypeFiles('job-types', cwd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`there is no job-types folder in ${cwd}`, { cause: error });
    throw error;
  }
}

function showMermaid(jobType: CompiledJobType): string {
  return ['```mermaid', stepsAsMermaid(jobType), '```'].join('\n');
}

function reportFailure(error: unknown, err: (text: string) => void): void {
  if (error instanceof JobTypeError) {
    err(error.toString());
    const files = new Set(error.problems.map((problem) => problem.file)).size;
    const warnings = error.problems.filter((problem) => problem.severity === 'warning').length;
    const errors = error.problems.length - warnings;
    const counted = `${errors} problem${errors === 1 ? '' : 's'}${warnings === 0 ? '' : ` and ${warnings} warning${warnings === 1 ? '' : 's'}`}`;
    err(`${counted} in ${files} file${files === 1 ? '' : 's'}`);
  } else {
    err(error instanceof Error ? error.message : String(error));
  }
}
