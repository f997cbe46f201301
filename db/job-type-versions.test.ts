// The versions registry on a real Postgres (the test harness's embedded server, a database of
// its own). Needs the harness of `npm test`; the unit run (.mocharc.unit.json) skips it.
import { expect } from 'chai';
import type { Knex } from 'knex';
import type * as Services from '../test/support/services';
import { JobTypeError } from '../definitions/errors';
import { registeredDefinition, registeredVersions, registerJobTypes } from './job-type-versions';
import { compileText, TEST_FILE, variant } from '../test/support/job-type-texts';

const MIGRATION = '20261123150000_job_type_versions.ts';

/** True when mocha loaded the real-services harness (test/support/root-hooks.ts). */
function harnessLoaded(): boolean {
  return Object.keys(require.cache).some((file) => file.replace(/\\/g, '/').endsWith('test/support/root-hooks.ts'));
}

describe('job-type versions registry (Postgres)', function () {
  this.timeout(60_000);
  let db: Knex;

  before(async function () {
    if (!harnessLoaded()) this.skip();
    // Required here, not imported at the top: the unit run has no database and must not start one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { freshDatabase } = require('../test/support/services') as typeof Services;
    ({ db } = await freshDatabase('job type versions'));
  });

  it('registers a new version, then accepts the identical one again', async () => {
    const compiled = compileText();
    expect(await registerJobTypes(db, [compiled])).to.deep.equal([{ id: 'test-type', version: 1, status: 'new' }]);
    expect(await registerJobTypes(db, [compiled])).to.deep.equal([{ id: 'test-type', version: 1, status: 'unchanged' }]);
    expect(await registeredDefinition(db, 'test-type', 1)).to.deep.equal(compiled);
  });

  it('accepts a reformatted file: the hash is of the content, not the text', async () => {
    const reformatted = compileText(`# a comment\n${variant('title: Test type', 'title: "Test type"')}`);
    expect(await registerJobTypes(db, [reformatted])).to.deep.equal([{ id: 'test-type', version: 1, status: 'unchanged' }]);
  });

  it('refuses changed content under a registered version, naming the file and the version to set, and registers nothing', async () => {
    const changed = compileText(variant('title: Test type', 'title: Test type, changed'));
    const other = compileText(variant('id: test-type', 'id: other-type'), 'job-types/other-type.yaml');
    const error = await registerJobTypes(db, [other, changed]).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(JobTypeError);
    const today = new Date().toISOString().slice(0, 10);
    expect(String(error)).to.equal(
      `${TEST_FILE}:2:10 version: test-type@1 was registered on ${today} with different content; jobs may already use it, so set version: 2 to publish this change`,
    );
    expect(await registeredVersions(db, 'other-type')).to.deep.equal([]);
  });

  it('registers the change once the version is bumped, keeping the old version', async () => {
    const bumped = compileText(variant('title: Test type', 'title: Test type, changed').replace('version: 1', 'version: 2'));
    expect(await registerJobTypes(db, [bumped])).to.deep.equal([{ id: 'test-type', version: 2, status: 'new' }]);
    const versions = await registeredVersions(db, 'test-type');
    expect(versions.map((version) => version.version)).to.deep.equal([1, 2]);
    expect(versions[1]?.contentHash).to.equal(bumped.contentHash);
  });

  it('comments every column of job_type_versions', async () => {
    const { rows } = (await db.raw(
      `select a.attname as column, col_description(a.attrelid, a.attnum) as comment
         from pg_attribute a where a.attrelid = 'job_type_versions'::regclass and a.attnum > 0 and not a.attisdropped`,
    )) as { rows: Array<{ column: string; comment: string | null }> };
    expect(rows.map((row) => row.column).sort()).to.deep.equal(['content_hash', 'definition', 'first_seen_at', 'id', 'version']);
    expect(rows.filter((row) => !row.comment)).to.deep.equal([]);
  });

  it('migrates down and up again', async () => {
    await db.migrate.down({ name: MIGRATION });
    expect(await db.schema.hasTable('job_type_versions')).to.equal(false);
    await db.migrate.up({ name: MIGRATION });
    expect(await db.schema.hasTable('job_type_versions')).to.equal(true);
    await db('job_type_versions')
      .insert({ id: 'x', version: 0, content_hash: 'h', definition: '{}' })
      .then(
        () => expect.fail('version 0 was accepted'),
        (error: Error) => expect(error.message).to.match(/check constraint/),
      );
  });
});
