import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { onboardProvider } from '../../db/tenancy';
import { runCliAsync, type CliResult } from '../support/cli';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };

/**
 * README, "Authoring a job type": a provider admin copies a built-in type, publishes it with
 * `job-types push`, reads it back with `job-types pull`, and creates a job from it at once —
 * the CLI as a real process, against the real API.
 */
describe('job-types push and pull against the API (skipped while PUT /v1/job-types/{id} answers 404 or 405)', function () {
  // Each CLI run is a fresh Node process compiling the CLI (seconds each on a busy machine).
  this.timeout(180_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let dir: string;
  let shipped: string;

  before(async function () {
    stack = await startTestStack('job types cli');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    dir = await mkdtemp(path.join(os.tmpdir(), 'installer-jobs-authoring-'));
    shipped = await readFile(path.resolve(__dirname, '../../job-types/cloudboxx-install.yaml'), 'utf8');
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    await stack?.stop();
  });

  /** `npx installer-jobs job-types …` in the author's folder, as the demo provider's admin. */
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
    runCliAsync(
      ['job-types', ...args],
      { INSTALLER_JOBS_API: stack.baseUrl, INSTALLER_JOBS_TOKEN: demo.tokens.providerAdmin, ...env },
      { cwd: dir },
    );
  const write = (file: string, text: string) => writeFile(path.join(dir, file), text);
  const read = (file: string) => readFile(path.join(dir, file), 'utf8');

  it('pulls a built-in type to copy it, pushes the copy (published, then unchanged), and a job is created from it at once', async () => {
    const pulled = await cli(['pull', 'cloudboxx-install']);
    expect(pulled.status, pulled.stderr).to.equal(0);
    expect(pulled.stdout).to.equal('job-types/cloudboxx-install.yaml: pulled cloudboxx-install v3\n');
    expect(await read('job-types/cloudboxx-install.yaml')).to.equal(shipped);

    const copy = shipped.replace('id: cloudboxx-install', 'id: acme-install').replace('version: 3', 'version: 1');
    await write('job-types/acme-install.yaml', copy);
    const offline = await cli(['validate', 'job-types/acme-install.yaml']);
    expect(offline.status, offline.stderr).to.equal(0);

    const published = await cli(['push', 'job-types/acme-install.yaml']);
    expect(published, published.stderr).to.deep.include({ status: 0, stdout: 'job-types/acme-install.yaml: published v1\n' });
    const again = await cli(['push', 'job-types/acme-install.yaml']);
    expect(again, again.stderr).to.deep.include({ status: 0, stdout: 'job-types/acme-install.yaml: unchanged v1\n' });

    const created = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId: 'acme-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    expect(created.status, created.text).to.equal(201);
    expect(created.body.jobType).to.deep.equal({ id: 'acme-install', version: 1, title: 'Install CloudBoxx in a new vehicle' });
  });

  it('refuses a changed file that kept its version (409, the title), publishes it as the next version (numbered by the API when the file names none), and pulls either version', async () => {
    const v1 = shipped.replace('id: cloudboxx-install', 'id: acme-swap').replace('version: 3', 'version: 1');
    await write('acme-swap.yaml', v1);
    expect((await cli(['push', 'acme-swap.yaml'])).stdout).to.equal('acme-swap.yaml: published v1\n');

    const changed = v1.replace('title: Install CloudBoxx in a new vehicle', 'title: Install CloudBoxx (Acme)');
    await write('acme-swap.yaml', changed);
    const conflict = await cli(['push', 'acme-swap.yaml']);
    expect(conflict.status).to.equal(1);
    expect(conflict.stdout).to.equal('');
    expect(conflict.stderr).to.match(/^acme-swap\.yaml: \S.*\n$/);
    expect(conflict.stderr).to.include('version 1');

    await write('acme-swap.yaml', changed.replace('version: 1', 'version: 2'));
    expect((await cli(['push', 'acme-swap.yaml'])).stdout).to.equal('acme-swap.yaml: published v2\n');

    const latest = await cli(['pull', 'acme-swap']);
    expect(latest.stdout).to.equal('job-types/acme-swap.yaml: pulled acme-swap v2\n');
    expect(await read('job-types/acme-swap.yaml')).to.equal(changed.replace('version: 1', 'version: 2'));
    const first = await cli(['pull', 'acme-swap', '--version', '1', '--out', 'first.yaml']);
    expect(first.stdout).to.equal('first.yaml: pulled acme-swap v1\n');
    expect(await read('first.yaml')).to.equal(v1);

    const refused = await cli(['pull', 'acme-swap']);
    expect(refused).to.deep.include({
      status: 1,
      stdout: '',
      stderr: 'job-types/acme-swap.yaml exists already; pass --force to overwrite it, or --out <file>\n',
    });

    // Without `version:` the API numbers the next version itself.
    await write(
      'acme-swap.yaml',
      changed.replace('version: 1\n', '').replace('title: Install CloudBoxx (Acme)', 'title: Install CloudBoxx (Acme, v3)'),
    );
    expect((await cli(['push', 'acme-swap.yaml'])).stdout).to.equal('acme-swap.yaml: published v3\n');
  });

  it('prints every problem of an invalid file by line and column, publishes the valid files beside it with their warnings, and exits 1', async () => {
    // An access longer than the deadline is worth a warning, never a refusal.
    const good = shipped
      .replace('id: cloudboxx-install', 'id: acme-good')
      .replace('version: 3', 'version: 1')
      .replace('maxDuration: PT8H', 'maxDuration: P30D');
    const typo = shipped.replace('id: cloudboxx-install', 'id: acme-typo').replace('collect: [boxQnr,', 'collect: [boxQrn,');
    expect(typo, 'the typo is in the copy').to.not.equal(shipped.replace('id: cloudboxx-install', 'id: acme-typo'));
    await write('acme-good.yaml', good);
    await write('acme-typo.yaml', typo);
    await write('no-id.yaml', 'title: Forgot the id\n');

    const result = await cli(['push', 'acme-typo.yaml', 'acme-good.yaml', 'no-id.yaml']);
    expect(result.status).to.equal(1);
    expect(result.stdout).to.equal('acme-good.yaml: published v1\n');
    const line = typo.split('\n').findIndex((text) => text.includes('boxQrn')) + 1;
    const lines = result.stderr.trimEnd().split('\n');
    const warningLine = good.split('\n').findIndex((text) => text.includes('maxDuration: P30D')) + 1;
    expect(lines.filter((text) => !text.startsWith('acme-typo.yaml:'))).to.deep.equal([
      `acme-good.yaml:${warningLine}:16 access.maxDuration: warning: P30D can never end a job: the access counts from the job's start and deadlines.completeWithin (P21D) from its creation, so the deadline always ends the job first; to limit how long an installer holds the vehicle, make maxDuration shorter than P21D`,
      'no-id.yaml:1:1 missing "id"',
    ]);
    expect(
      lines.some((text) =>
        new RegExp(`^acme-typo\\.yaml:${line}:\\d+ steps\\[\\d+\\]\\.collect\\[0\\]: unknown field "boxQrn"`).test(text),
      ),
      result.stderr,
    ).to.equal(true);
  });

  it("says what the API refuses: an installer's token, another provider's type, a built-in id", async () => {
    await write('acme-install-copy.yaml', shipped.replace('id: cloudboxx-install', 'id: acme-private').replace('version: 3', 'version: 1'));
    const installer = await cli(['push', 'acme-install-copy.yaml'], { INSTALLER_JOBS_TOKEN: demo.tokens.installerAdmin });
    expect(installer.status).to.equal(1);
    expect(installer.stderr).to.match(/^acme-install-copy\.yaml: \S.*\n$/);

    expect((await cli(['push', 'acme-install-copy.yaml'])).status).to.equal(0);
    const other = await onboardProvider(stack.db, {
      name: 'Other Mobility',
      adminEmail: `admin-${Date.now()}@other.example`,
      fleetName: 'Main',
    });
    const hidden = await cli(['pull', 'acme-private', '--out', 'stolen.yaml'], { INSTALLER_JOBS_TOKEN: other.adminToken });
    expect(hidden.status).to.equal(1);
    expect(hidden.stderr).to.match(/^acme-private: .*\n$/);

    await write('builtin.yaml', shipped.replace('version: 3', 'version: 4'));
    const builtin = await cli(['push', 'builtin.yaml']);
    expect(builtin.status).to.equal(1);
    expect(builtin.stderr).to.match(/^builtin\.yaml: .*built-in.*\n$/);
  });

  it('says in one line that the API is not running, and exits 1', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await write('down.yaml', shipped);
    const result = await cli(['push', 'down.yaml', '--api', `http://127.0.0.1:${port}`]);
    expect(result).to.deep.include({ status: 1, stdout: '' });
    expect(result.stderr).to.match(/^cannot reach the API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); .*\n$/);
  });
});
