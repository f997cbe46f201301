// The event feed restored into another Postgres cluster (pg_dump and restore): the rows keep the
// transaction ids of the old cluster, above anything the new one has counted. Here the old
// cluster's ids are written as a restore leaves them, into a real Postgres, and migrating repairs
// the order.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { migrateLatest, type Db } from '../../db/connection';
import { feedHead, readFeed, recordInvitationEvent } from '../../db/feed';
import { onboardProvider } from '../../db/tenancy';
import { freshDatabase } from '../support/services';

describe('the event feed after a restore into another cluster', function () {
  this.timeout(60_000);
  let db: Db;
  let providerId: string;

  before(async () => {
    ({ db } = await freshDatabase('feed restore'));
    ({ providerId } = await onboardProvider(db, { name: 'Restore Mobility', adminEmail: 'admin@restore.example', fleetName: 'Fleet' }));
  });

  const answer = (n: number) =>
    recordInvitationEvent(db, {
      invitationId: randomUUID(),
      providerId,
      type: 'invitation.declined',
      actor: { kind: 'system', reason: 'test' },
      data: { n },
    });
  const numbersAfter = async (after: string | undefined) =>
    (await readFeed(db, { audience: 'all', after, limit: 100 })).map((event) => event.data.n);
  const dispatchCursor = async () => (await db('webhook_dispatch_cursor').first('cursor')).cursor as string | null;

  it('puts the restored events before every new one, and webhook delivery goes on after the last it had sent', async () => {
    for (const n of [1, 2, 3, 4]) await answer(n);
    const delivered = (await readFeed(db, { audience: 'all', limit: 2 })).at(-1)!.cursor;
    await db('webhook_dispatch_cursor').update({ cursor: delivered });
    // What a logical restore leaves: the old cluster's transaction ids, far above this one's.
    await db.raw(`update invitation_events set tx = (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 5000000 + id)::text::xid8`);
    await db('webhook_dispatch_cursor').update({
      cursor: db.raw(
        `(pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 5000000 + split_part(cursor, '-', 2)::bigint)::text || '-' || split_part(cursor, '-', 2)`,
      ),
    });
    await answer(5);
    expect(await numbersAfter((await dispatchCursor())!), 'broken: the new event sorts behind the cursor').to.deep.equal([]);

    const lines: string[] = [];
    await migrateLatest(db, (line) => lines.push(line));
    expect(lines).to.deep.equal([
      'The event feed came from another Postgres cluster (a logical restore): its 5 events now sort before every new one, and webhook delivery goes on after the last it had sent.',
    ]);
    expect(await numbersAfter((await dispatchCursor())!), 'delivery goes on after the second').to.deep.equal([3, 4, 5]);
    await answer(6);
    expect(await numbersAfter(undefined)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    const head = (await feedHead(db))!;
    expect((await readFeed(db, { audience: 'all', limit: 100 })).at(-1)!.cursor).to.equal(head);

    const again: string[] = [];
    await migrateLatest(db, (line) => again.push(line));
    expect(again, 'nothing to repair any more').to.deep.equal([]);
  });
});
