import type { Db } from '../../db/connection';

/** The baseline's one table, in the bench's own database: a row per change, as small a durable write as there is. */
export const BASELINE_TABLE = 'bench_baseline_changes';

export async function createBaselineTable(db: Db): Promise<void> {
  await db.schema.createTable(BASELINE_TABLE, (table) => {
    table.text('workflow_id').notNullable();
    table.integer('seq').notNullable();
    table.text('kind').notNullable();
    table.timestamp('at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    table.primary(['workflow_id', 'seq']);
  });
}

export function createBaselineActivities(db: Db) {
  return {
    /** Idempotent, as an activity retried after a lost answer must be. */
    async recordChange(change: { workflowId: string; seq: number; kind: string }): Promise<void> {
      await db(BASELINE_TABLE).insert({ workflow_id: change.workflowId, seq: change.seq, kind: change.kind }).onConflict().ignore();
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
