// The event feed restored into another Postgres cluster (pg_dump and restore): the rows keep the
// transaction ids of the old cluster, above anything the new one has counted. Here the old
// cluster's ids are written as a restore leaves them, into a real Postgres, and migrating repairs
// the order. (Checked once by hand with a real pg_dump and pg_restore between two clusters too.)
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

  beforeEach(async () => {
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
  const cursorOf = async (n: number) => (await readFeed(db, { audience: 'all', limit: 100 })).find((event) => event.data.n === n)!.cursor;
  const dispatchCursor = async () => (await db('webhook_dispatch_cursor').first('cursor')).cursor as string | null;

  /** What a logical restore leaves: the old cluster's transaction ids, far above this one's, in rows and stored cursors alike. */
  async function restoredFromAnotherCluster(): Promise<void> {
    // Taken once: other suites' transactions move the counter between two statements.
    const far = Number(await nextTransaction()) + 5_000_000;
    await db.raw(`update invitation_events set tx = (${far} + id)::text::xid8`);
    await db('webhook_dispatch_cursor').update({
      cursor: db.raw(`(${far} + split_part(cursor, '-', 2)::bigint)::text || '-' || split_part(cursor, '-', 2)`),
    });
  }

  /** The id of the next transaction this cluster hands out. */
  const nextTransaction = async (): Promise<string> =>
    (await db.raw('select pg_snapshot_xmax(pg_current_snapshot())::text as x')).rows[0].x as string;

  async function migrated(): Promise<string[]> {
    const lines: string[] = [];
    await migrateLatest(db, (line) => lines.push(line));
    return lines;
  }

  it('puts the restored events before every new one, and webhook delivery goes on after the last it had sent', async () => {
    for (const n of [1, 2, 3, 4]) await answer(n);
    await db('webhook_dispatch_cursor').update({ cursor: await cursorOf(2) });
    await restoredFromAnotherCluster();
    expect(await numbersAfter((await dispatchCursor())!), 'broken: the restored events are out of sight').to.deep.equal([]);

    expect(await migrated()).to.deep.equal([
      'The event feed came from another Postgres cluster (a logical restore): its 4 events now sort before every new one, and webhook delivery goes on after the last it had sent.',
    ]);
    expect(await numbersAfter((await dispatchCursor())!), 'delivery goes on after the second').to.deep.equal([3, 4]);
    await answer(5);
    expect(await numbersAfter(undefined)).to.deep.equal([1, 2, 3, 4, 5]);
    expect((await readFeed(db, { audience: 'all', limit: 100 })).at(-1)!.cursor).to.equal(await feedHead(db));
    expect(await migrated(), 'nothing to repair any more').to.deep.equal([]);
  });

  it('notices a restore by the cluster, also when the new cluster has counted past the restored transactions', async () => {
    for (const n of [1, 2, 3]) await answer(n);
    // A young source: its transaction ids only a little above where the new cluster is; caught up.
    const near = Number(await nextTransaction()) + 500;
    await db.raw(`update invitation_events set tx = (${near} + id)::text::xid8`);
    await db('webhook_dispatch_cursor').update({
      cursor: db.raw(`(${near} + 3)::text || '-' || ?`, [(await db.raw('select max(id) as id from invitation_events')).rows[0].id]),
    });
    await db('feed_origin').update({ cluster: 'the old cluster' });
    await answer(4); // written here before migrating, below the restored transactions
    for (let burnt = 0; burnt < 600; burnt++) await db.raw('select pg_current_xact_id()'); // the counter passes them
    expect(await numbersAfter((await dispatchCursor())!), 'broken: event 4 sorts behind the cursor').to.deep.equal([]);

    expect(await migrated()).to.have.length(1);
    expect(await numbersAfter((await dispatchCursor())!)).to.deep.equal([4]);
    await answer(5);
    expect(await numbersAfter(undefined)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(await migrated(), 'the cluster is recorded: nothing more to repair').to.deep.equal([]);
  });

  it('leaves a feed alone that another cluster holds as it was written, as after pg_upgrade', async () => {
    for (const n of [1, 2]) await answer(n);
    const before = await readFeed(db, { audience: 'all', limit: 100 });
    await db('feed_origin').update({ cluster: 'the cluster before the upgrade' });
    expect(await migrated()).to.deep.equal([]);
    expect(await readFeed(db, { audience: 'all', limit: 100 }), 'the same cursors').to.deep.equal(before);
    expect((await db('feed_origin').first('cluster')).cluster).not.to.equal('the cluster before the upgrade');
  });

  it('delivers what was written here before migrating, to the endpoints registered before and after the restore alike', async () => {
    for (const n of [1, 2, 3]) await answer(n);
    // Caught up before the dump; and an endpoint registered in the old cluster after event 3.
    await db('webhook_dispatch_cursor').update({ cursor: await cursorOf(3) });
    await restoredFromAnotherCluster();
    const before = await db('webhook_endpoints')
      .insert({
        organisation_id: providerId,
        url: 'https://a.example/hooks',
        event_types: ['invitation.declined'],
        secret: 's',
        starts_after: await dispatchCursor(),
      })
      .returning('id');
    // A worker or API started before migrating: an event, and an endpoint registered after it.
    await answer(4);
    const here = await db('webhook_endpoints')
      .insert({
        organisation_id: providerId,
        url: 'https://b.example/hooks',
        event_types: ['invitation.declined'],
        secret: 's',
        starts_after: await feedHead(db),
      })
      .returning('id');
    await migrated();
    await answer(5);

    expect(await numbersAfter((await dispatchCursor())!), 'the event written before migrating is not lost').to.deep.equal([4, 5]);
    const startsAfter = async (id: string) => (await db('webhook_endpoints').where({ id }).first('starts_after')).starts_after as string;
    expect(await numbersAfter(await startsAfter(before[0].id)), 'registered in the old cluster').to.deep.equal([4, 5]);
    expect(await numbersAfter(await startsAfter(here[0].id)), 'registered here: nothing restored').to.deep.equal([5]);
  });
});
