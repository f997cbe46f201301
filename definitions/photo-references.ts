// Which photos a job's values refer to. A photo is evidence for one field: the workflow refuses a
// photo that another field of the job already holds (the API checks first that it was uploaded for
// that very job, which only the database knows).
import { jsonPointer, type FieldProblem } from '../common/errors';
import type { CompiledJobType, JobValues } from './compiled-job-type';

/** One reference to a photo: the field holding it, and where in the request body it would be. */
export interface PhotoReference {
  readonly photoId: string;
  readonly field: string;
  readonly pointer: string;
}

/**
 * The photo references among `values`: each {photoId} that is a field's value or an item of a
 * field's list. Told by shape, so that any job type's version reads alike; only a photo field can
 * hold one (its rules refuse it anywhere else).
 */
export function photoReferences(values: JobValues): PhotoReference[] {
  const references: PhotoReference[] = [];
  for (const [field, value] of Object.entries(values)) {
    const items = Array.isArray(value) ? value.map((item, index) => ({ item, at: [index] })) : [{ item: value, at: [] }];
    for (const { item, at } of items) {
      const photoId = isRecord(item) ? item.photoId : undefined;
      if (typeof photoId === 'string' && photoId !== '')
        references.push({ photoId, field, pointer: jsonPointer('values', field, ...at, 'photoId') });
    }
  }
  return references;
}

/**
 * A photo the request gives that another field would then hold too (or the same field twice, which
 * the value's own rules report): each field's photos are its own. `current` are the job's values
 * before the request, `given` what the request sets.
 */
export function photoReuseProblems(jobType: CompiledJobType, current: JobValues, given: JobValues): FieldProblem[] {
  const after = photoReferences({ ...current, ...given });
  const labels = new Map(jobType.fields.map((field) => [field.key, field.label]));
  const problems: FieldProblem[] = [];
  for (const reference of photoReferences(given)) {
    const other = after.find((held) => held.photoId === reference.photoId && held.field !== reference.field);
    if (other === undefined) continue;
    problems.push({
      pointer: reference.pointer,
      message: `${labels.get(reference.field) ?? reference.field}: photo ${reference.photoId} is already used for "${labels.get(other.field) ?? other.field}"; take a photo for each field`,
      rule: 'photoInUse',
    });
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
