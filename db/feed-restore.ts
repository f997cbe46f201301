// The event feed after a logical restore (pg_dump into a new cluster, a managed database's
// "import"): the feed orders events by the id of the transaction that wrote them, then by row
// number (db/feed.ts), and a new cluster counts transactions afresh. Its new events would get other
// transaction ids than the restored ones, mostly lower, so they would sort behind the cursors of
// webhook delivery and of every portal's stream — never delivered — while the restored rows hid
// above everything the new cluster reads. A physical restore (a snapshot, point-in-time recovery)
// keeps the cluster, its counter and needs none of this.
import type { Knex } from 'knex';

/**
 * A transaction id below every one Postgres hands out (the first normal one is 3): restored rows
 * get it, so that they sort before anything the new cluster writes, and among themselves by their
 * row number, which the restored sequence continues.
 */
const RESTORED_TX = '1';

/** Rows whose transaction this cluster has not reached: at or above xmax, which no transaction of it has had. */
const AHEAD = 'tx >= pg_snapshot_xmax(pg_current_snapshot())';

/**
 * Rows this cluster did not write: a row written here carries its own transaction in `tx` and as
 * its `xmin` (feed rows are updated by nothing but this repair, and freezing keeps xmin); a
 * restored row was inserted by the restore's transaction, whatever its `tx` says.
 */
const NOT_WRITTEN_HERE = `tx::text::bigint % 4294967296 <> xmin::text::bigint`;

/**
 * When the feed comes from another cluster — the cluster's identifier differs from the one recorded
 * at the last migration and rows are not as this cluster wrote them, or rows hold transactions this
 * cluster has not reached (the only sign where a role may not read the identifier) — moves every
 * row to RESTORED_TX and the stored cursors (webhook delivery's, and where each endpoint starts)
 * to the same place in row-number order, at least once: a cursor goes before
 * the first row it had not passed, and fanning out again what it had passed adds no delivery (one
 * per endpoint and event). Events written here before migrating (an API or worker started early)
 * come after every restored one: a restored cursor has not passed them, and a cursor given out here
 * has passed every restored one. Answers how many rows it moved: 0 when this cluster wrote them.
 * Part of migrating, so it runs before the API and the worker write; a portal holding an id from
 * before gets 400 `given-out`.
 */
export async function renumberFeedFromAnotherCluster(db: Knex): Promise<number> {
  const cluster = await clusterIdentifier(db);
  const recorded = (await db('feed_origin').first('cluster'))?.cluster as string | null | undefined;
  const another = cluster !== undefined && recorded != null && recorded !== cluster;
  // Another cluster holding rows it did not write: a pg_upgrade also makes a new cluster, but keeps
  // the rows as written (and the counter); rows a repair moved already sort before everything.
  const sign = another ? `(${NOT_WRITTEN_HERE} and tx <> '${RESTORED_TX}'::xid8) or ${AHEAD}` : AHEAD;
  const { rows } = await db.raw<{ rows: Array<{ restored: boolean }> }>(
    `select exists (select 1 from job_events where ${sign}) or exists (select 1 from invitation_events where ${sign}) as restored`,
  );
  const elsewhere = rows[0]?.restored === true;
  return db.transaction(async (trx) => {
    if (cluster !== undefined && cluster !== recorded)
      await trx('feed_origin').insert({ id: true, cluster }).onConflict('id').merge(['cluster']);
    return elsewhere ? renumber(trx) : 0;
  });
}

async function renumber(trx: Knex.Transaction): Promise<number> {
  // Nothing writes events meanwhile (a process started too early waits).
  await trx.raw('lock table job_events, invitation_events, webhook_dispatch_cursor, webhook_endpoints in exclusive mode');
  // The restored rows end where the restored sequence did; every row written here since has a higher id.
  const restoredUpTo = (
    await trx.raw<{ rows: Array<{ id: string }> }>(
      `select coalesce(max(id), 0)::text as id from (
         select id from job_events where ${NOT_WRITTEN_HERE} union all select id from invitation_events where ${NOT_WRITTEN_HERE}) restored`,
    )
  ).rows[0]!.id;
  for (const column of ['cursor', 'starts_after'] as const) {
    const table = column === 'cursor' ? 'webhook_dispatch_cursor' : 'webhook_endpoints';
    const [tx, id] = [`split_part(${column}, '-', 1)::xid8`, `split_part(${column}, '-', 2)::bigint`];
    // A restored cursor has passed none of the rows written here, and the restored ones as it did;
    // one given out here has passed every restored row, and the rows written here as it did.
    // Cursors are `<tx>-<id>`; a null one reads from the beginning and stays so.
    await trx.raw(
      `update ${table} set ${column} = ? || '-' || coalesce(
         (select min(f.id) - 1 from feed_events f
           where case when ${id} <= ?::bigint then f.id > ?::bigint or (f.tx, f.id) > (${tx}, ${id})
                      else f.id > ?::bigint and (f.tx, f.id) > (${tx}, ${id}) end),
         (select max(id) from feed_events), 0)
       where ${column} is not null`,
      [RESTORED_TX, restoredUpTo, restoredUpTo, restoredUpTo],
    );
  }
  let moved = 0;
  for (const table of ['job_events', 'invitation_events'])
    moved += (await trx.raw(`update ${table} set tx = ?::xid8`, [RESTORED_TX])).rowCount as number;
  return moved;
}

/** The cluster's system identifier, which a logical restore changes and a physical one keeps; undefined where the role may not read it. */
async function clusterIdentifier(db: Knex): Promise<string | undefined> {
  try {
    const { rows } = await db.raw<{ rows: Array<{ id: string }> }>('select system_identifier::text as id from pg_control_system()');
    return rows[0]?.id;
  } catch {
    return undefined;
  }
}
