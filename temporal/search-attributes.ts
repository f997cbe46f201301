import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../common/search-attributes';

/**
 * Registers our custom search attributes on an existing cluster (the dev server gets them as
 * start flags). Idempotent: attributes already there with the right type are left alone; one
 * there with another type is an error, because Temporal cannot change it in place.
 * Temporal Cloud manages search attributes per namespace in its UI/tcld; there this reports what to add.
 */
export async function registerSearchAttributes(client: Client, namespace: string): Promise<{ added: string[]; present: string[] }> {
  const operator = client.connection.operatorService;
  const existing = await operator.listSearchAttributes({ namespace });
  const custom = existing.customAttributes ?? {};
  const added: string[] = [];
  const present: string[] = [];
  const toAdd: Record<string, number> = {};
  for (const key of ALL_SEARCH_ATTRIBUTES) {
    const wanted = temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`];
    const current = custom[key.name];
    if (current === undefined) {
      toAdd[key.name] = wanted;
      added.push(key.name);
    } else if (current !== wanted) {
      throw new Error(
        `Search attribute ${key.name} exists in namespace ${namespace} with another type; installer-jobs needs it as ${key.type}.`,
      );
    } else {
      present.push(key.name);
    }
  }
  if (added.length > 0) await operator.addSearchAttributes({ namespace, searchAttributes: toAdd });
  return { added, present };
}
