// A job type's steps as a Mermaid flowchart, for `job-types show` and documentation.
import type { CompiledJobType, CompiledStep, CompiledVehicle, StepCondition } from './compiled-job-type';
import { conditionValues } from './rules';

export function stepsAsMermaid(compiled: CompiledJobType): string {
  const start = escape([`${compiled.title} (v${compiled.version})`, vehicleLine(compiled.vehicle)].join('\n')).replace(/\n/g, '<br/>');
  const lines = ['flowchart TD', `  start(["${start}"])`];
  compiled.steps.forEach((step, index) => lines.push(`  ${nodeId(index)}${shape(step, index, compiled.configurationMode)}`));
  lines.push('  done(["SUCCEEDED"])');
  for (const edge of stepEdges(compiled)) {
    lines.push(edge.label === undefined ? `  ${edge.from} --> ${edge.to}` : `  ${edge.from} -- "${escape(edge.label)}" --> ${edge.to}`);
  }
  // Not an edge from done: the vehicle is secured however the job ends, succeeded or not.
  const onEnd = compiled.access.onEnd.length === 0 ? 'the vehicle is left as it is' : compiled.access.onEnd.join(', ');
  lines.push(`  onEnd[/"${escape(`when access ends, however the job ends: ${onEnd}`)}"/]`);
  return lines.join('\n');
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

/** Field key → the values each job may hold, for every field a condition reads. */
type Domains = ReadonlyMap<string, readonly unknown[]>;

/**
 * The edges between steps (start and done included) that some job takes: X → Z when a job can
 * have both and none of the steps between them. Conditions each restrict one field, so the jobs
 * taking an edge are, field by field, the values that every condition along it allows; an edge
 * is labelled with those values where they narrow down the jobs that reached X. Of several edges
 * leaving a node, the last reads "otherwise".
 */
function stepEdges(compiled: CompiledJobType): Edge[] {
  const domains = conditionDomains(compiled);
  // Index -1 is start, steps.length is done; neither has a condition.
  const whenAt = (index: number): StepCondition | null => compiled.steps[index]?.when ?? null;
  const name = (index: number): string => (index < 0 ? 'start' : index < compiled.steps.length ? nodeId(index) : 'done');
  const edges: Edge[] = [];
  for (let from = -1; from < compiled.steps.length; from++) {
    const reached = allowedValues(domains, [whenAt(from)], []);
    const outgoing: { to: number; allowed: Map<string, unknown[]> }[] = [];
    for (let to = from + 1; to <= compiled.steps.length; to++) {
      const skipped = compiled.steps.slice(from + 1, to).map((step) => step.when);
      if (skipped.includes(null)) break; // a step every job has lies between: no job skips it
      const allowed = allowedValues(domains, [whenAt(from), whenAt(to)], skipped as StepCondition[]);
      if ([...allowed.values()].every((values) => values.length > 0)) outgoing.push({ to, allowed });
    }
    outgoing.forEach(({ to, allowed }, index) => {
      const narrowed = [...allowed].filter(([field, values]) => values.length < (reached.get(field)?.length ?? 0));
      const label =
        outgoing.length === 1
          ? undefined
          : index === outgoing.length - 1
            ? 'otherwise'
            : narrowed.map(([field, values]) => describeValues(field, values, domains)).join(' and ');
      edges.push({ from: name(from), to: name(to), ...(label !== undefined && { label }) });
    });
  }
  return edges;
}

/** Per field, the values a job may hold when the conditions in `holding` hold and none in `failing` does. */
function allowedValues(
  domains: Domains,
  holding: readonly (StepCondition | null)[],
  failing: readonly StepCondition[],
): Map<string, unknown[]> {
  const allowed = new Map([...domains].map(([field, values]) => [field, [...values]]));
  const restrict = (when: StepCondition, keep: boolean): void => {
    const values = conditionValues(when);
    allowed.set(
      when.field,
      (allowed.get(when.field) ?? []).filter((value) => values.includes(value as string | boolean) === keep),
    );
  };
  for (const when of holding) if (when !== null) restrict(when, true);
  for (const when of failing) restrict(when, false);
  return allowed;
}

function conditionDomains(compiled: CompiledJobType): Domains {
  const domains = new Map<string, unknown[]>();
  for (const step of compiled.steps) {
    if (step.when === null || domains.has(step.when.field)) continue;
    const field = compiled.fields.find((candidate) => candidate.key === step.when?.field);
    const options = field?.type === 'boolean' ? [true, false] : (field?.validation.options ?? []).map((option) => option.value);
    domains.set(step.when.field, options);
  }
  return domains;
}

/** `operation = swap`, `operation in swap, replace`, or, for many values, what it is not when that is shorter. */
function describeValues(field: string, values: readonly unknown[], domains: Domains): string {
  const others = (domains.get(field) ?? []).filter((value) => !values.includes(value));
  if (values.length <= 3 || values.length <= others.length)
    return `${field} ${values.length === 1 ? '=' : 'in'} ${values.map(String).join(', ')}`;
  return `${field} ${others.length === 1 ? '≠' : 'not in'} ${others.map(String).join(', ')}`;
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
    step.action !== null
      ? `runs: ${step.action}${step.action === 'cloudboxx.applyConfiguration' && mode === 'merge' ? ' (merge)' : ''}`
      : undefined,
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

function nodeId(index: number): string {
  return `step${index + 1}`;
}

function escape(text: string): string {
  return text.replace(/"/g, '#quot;');
}
