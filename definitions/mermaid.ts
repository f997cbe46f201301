// A job type's steps as a Mermaid flowchart, for `job-types show` and documentation.
import type { CompiledJobType, CompiledStep, CompiledVehicle } from './compiled-job-type';

export function stepsAsMermaid(compiled: CompiledJobType): string {
  const start = escape([`${compiled.title} (v${compiled.version})`, vehicleLine(compiled.vehicle)].join('\n')).replace(/\n/g, '<br/>');
  const lines = ['flowchart TD', `  start(["${start}"])`];
  compiled.steps.forEach((step, index) => lines.push(`  ${nodeId(index)}${shape(step, index, compiled.configurationMode)}`));
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
  // Not an edge from done: the vehicle is secured however the job ends, succeeded or not.
  const onEnd = compiled.access.onEnd.length === 0 ? 'the vehicle is left as it is' : compiled.access.onEnd.join(', ');
  lines.push(`  onEnd[/"${escape(`when access ends, however the job ends: ${onEnd}`)}"/]`);
  return lines.join('\n');
}

function vehicleLine(vehicle: CompiledVehicle): string {
  const parts = [`CloudBoxx: ${vehicle.qnrField}`];
  if (vehicle.oldQnrField !== null) parts.push(`old box: ${vehicle.oldQnrField}`);
  if (!vehicle.knownToOneApi) parts.push('vehicle new to OneAPI');
  else if (vehicle.vinField !== null) parts.push(`VIN checked: ${vehicle.vinField}`);
  return parts.join(', ');
}

function shape(step: CompiledStep, index: number, mode: CompiledJobType['configurationMode']): string {
  const details = [
    step.collect.length > 0 ? `collects: ${step.collect.join(', ')}` : undefined,
    step.checklist.length > 0 ? `checklist: ${step.checklist.length} item${step.checklist.length === 1 ? '' : 's'}` : undefined,
    step.action !== null ? `runs: ${step.action}${step.action === 'cloudboxx.applyConfiguration' && mode === 'merge' ? ' (merge)' : ''}` : undefined,
    step.qnrField !== null ? `talks to: ${step.qnrField}` : undefined,
    step.actionTimeoutMs !== null ? `waits up to ${duration(step.actionTimeoutMs)}` : undefined,
    ...Object.entries(step.fills).map(([key, property]) => `fills: ${key} from ${property}`),
  ].filter((detail) => detail !== undefined);
  const label = escape([`${index + 1}. ${step.title}`, ...details].join('\n')).replace(/\n/g, '<br/>');
  // Automated actions as hexagons, manual steps as boxes.
  return step.action !== null ? `{{"${label}"}}` : `["${label}"]`;
}

function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
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
