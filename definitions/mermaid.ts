// A job type's steps as a Mermaid flowchart, for `job-types show` and documentation.
import type { CompiledJobType, CompiledStep } from './compiled-job-type';

export function stepsAsMermaid(compiled: CompiledJobType): string {
  const lines = ['flowchart TD', `  start(["${escape(`${compiled.title} (v${compiled.version})`)}"])`];
  compiled.steps.forEach((step, index) => lines.push(`  ${nodeId(index)}${shape(step, index)}`));
  lines.push('  done(["SUCCEEDED"])');

  const target = (index: number): string => (index < compiled.steps.length ? nodeId(index) : 'done');
  compiled.steps.forEach((step, index) => {
    const from = index === 0 ? 'start' : nodeId(index - 1);
    const previous = compiled.steps[index - 1];
    const sameCondition = previous !== undefined && sameWhen(previous, step);
    if (step.when === null || sameCondition) {
      lines.push(`  ${from} --> ${nodeId(index)}`);
      return;
    }
    // Entering a run of steps with one condition: one edge in, one edge around the run.
    let after = index;
    while (compiled.steps[after] !== undefined && sameWhen(compiled.steps[after] as CompiledStep, step)) after++;
    lines.push(`  ${from} -- "${escape(`${step.when.field} = ${String(step.when.equals)}`)}" --> ${nodeId(index)}`);
    lines.push(`  ${from} -- "otherwise" --> ${target(after)}`);
  });
  lines.push(`  ${compiled.steps.length === 0 ? 'start' : nodeId(compiled.steps.length - 1)} --> done`);
  return lines.join('\n');
}

function shape(step: CompiledStep, index: number): string {
  const details = [
    step.collect.length > 0 ? `collects: ${step.collect.join(', ')}` : undefined,
    step.checklist.length > 0 ? `checklist: ${step.checklist.length} item${step.checklist.length === 1 ? '' : 's'}` : undefined,
    step.action !== null ? `runs: ${step.action}` : undefined,
    step.qnrField !== null ? `talks to: ${step.qnrField}` : undefined,
  ].filter((detail) => detail !== undefined);
  const label = escape([`${index + 1}. ${step.title}`, ...details].join('\n')).replace(/\n/g, '<br/>');
  // Automated actions as hexagons, manual steps as boxes.
  return step.action !== null ? `{{"${label}"}}` : `["${label}"]`;
}

function sameWhen(a: CompiledStep, b: CompiledStep): boolean {
  return a.when?.field === b.when?.field && a.when?.equals === b.when?.equals;
}

function nodeId(index: number): string {
  return `step${index + 1}`;
}

function escape(text: string): string {
  return text.replace(/"/g, '#quot;');
}
