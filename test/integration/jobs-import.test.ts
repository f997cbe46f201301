import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { answerCheck } from '../../api/openapi/answer-check';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { onboardProvider } from '../../db/tenancy';
import { runCliAsync } from '../support/cli';
import { assertConsistent } from '../support/consistency';
import { startTestStack, type TestStack } from '../support/stack';

const PROBLEMS = 'https://installer-jobs.dev/problems/';
const QNR = 'C693EE96ADAEF932';

/** A provider's own type with a field of every kind a CSV cell is converted to. */
const SURVEY = `id: acme-survey
title: ACME survey
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: seats, label: Seats, section: setup, type: integer, validation: { minimum: 1, maximum: 9 } }
  - { key: tankLitres, label: Tank, section: setup, type: number }
  - { key: axles, label: Axles, section: setup, type: integer }
  - { key: electric, label: Electric, section: setup, type: boolean }
  - { key: registeredOn, label: Registered on, section: setup, type: date }
  - { key: site, label: Site, section: setup, type: address }
  - { key: colour, label: Colour, section: setup, type: enum, validation: { options: [{ value: red, label: Red }, { value: blue, label: Blue }] } }
  - { key: note, label: Note, section: setup, type: text, preset: forbidden }
vehicle: { qnrField: boxQnr }
steps:
  - { id: look, title: Look at the box, collect: [note] }
access: { permissions: [readState], maxDuration: PT2H }
`;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

const asDocumented = answerCheck();

/**
 * POST /v1/jobs/import as the portal and the CLI send it: a bulk import of CSV rows into jobs, by
 * HTTP against the real stack, every answer held to the OpenAPI document.
 */
describe('importing jobs from CSV', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('jobs import');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    const published = await send('PUT', '/v1/job-types/acme-survey', SURVEY, { contentType: 'application/yaml' });
    expect(published.status, JSON.stringify(published.body)).to.equal(201);
  });
  after(async () => stack?.stop());

  async function send(
    method: string,
    url: string,
    body: string | undefined,
    options: { token?: string; contentType?: string; key?: string } = {},
  ): Promise<Answer> {
    const response = await fetch(`${stack.baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token ?? demo.tokens.providerAdmin}`,
        ...(body === undefined ? {} : { 'content-type': options.contentType ?? 'text/csv' }),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      body,
    });
    const text = await response.text();
    const answer = { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    const mismatch = asDocumented({
      method,
      path: url,
      status: answer.status,
      contentType: response.headers.get('content-type'),
      body: answer.body,
    });
    if (mismatch) throw new Error(`${mismatch}\n${text.slice(0, 2000)}`);
    return answer;
  }

  const importCsv = (csv: string, query = '', options: { token?: string; key?: string; jobTypeId?: string } = {}) =>
    send('POST', `/v1/jobs/import?jobTypeId=${options.jobTypeId ?? 'cloudboxx-install'}&fleetId=${demo.fleetId}${query}`, csv, options);
  const jobCount = async () => Number((await stack.db('jobs').count({ n: '*' }))[0]!.n);
  const problemsOf = (answer: Answer) =>
    (answer.body.problems as Array<{ row: number; column?: string; rule: string; message: string }>).map(
      ({ row, column, rule }) => `${row} ${column ?? '-'} ${rule}`,
    );

  it('answers a dry run with every problem by row and column, creating nothing', async () => {
    const before = await jobCount();
    const csv = [
      'vehicleLocation,vinn,keyHolderType,requestedStart,odometerKm,customerName,installerCompanyId',
      `Alexanderplatz 1 Berlin,WVWZZZCDZMW072341,rfid,2026-12-01T08:00:00Z,,Kunde Nord,${demo.installerCompanyId}`,
      'Unter den Linden 5 Berlin,,rfidd,tomorrow,,,',
      ',,,,,,',
      ',,none,,1200,,',
      '"Friedrichstraße 10, Berlin",,,,,,not-a-company',
    ].join('\n');
    const checked = await importCsv(csv, '&dryRun=true');
    expect(checked.status).to.equal(200);
    expect(checked.body).to.include({ dryRun: true, rows: 4, validRows: 0, problemCount: 6 });
    expect(checked.body.created).to.deep.equal([]);
    expect(problemsOf(checked)).to.deep.equal([
      '1 vinn unknownColumn',
      '3 keyHolderType enum',
      '3 requestedStart format',
      // The row numbers are the file's: the blank line (row 4) is skipped, and counted.
      '5 vehicleLocation required',
      '5 odometerKm presetForbidden',
      '6 installerCompanyId format',
    ]);
    const messages = Object.fromEntries(
      checked.body.problems.map((p: { row: number; column: string; message: string }) => [`${p.row} ${p.column}`, p.message]),
    );
    expect(messages['1 vinn']).to.match(/^unknown column "vinn" \(did you mean "vin"\?\)/);
    expect(messages['3 keyHolderType']).to.match(/must be one of .* \(did you mean "rfid"\?\)$/);
    expect(messages['5 vehicleLocation']).to.equal('Vehicle location must be given when the job is created');
    expect(await jobCount(), 'a dry run creates nothing').to.equal(before);
  });

  it("converts each cell to its field's type, and names the rule a cell breaks in the create form's words", async () => {
    const csv = [
      'boxQnr;seats;tankLitres;electric;registeredOn;site;colour;customerName',
      `${QNR};4;45.5;no;2024-03-01;Hauptstraße 1, Köln;red;Kunde Süd`,
      `${QNR}; 2 ;;YES;;;blue;`,
      `${QNR};four;1,5;maybe;2024-02-30;;green;`,
      `abc;12;;;;;;`,
    ].join('\r\n');
    const answer = await importCsv(csv, '', { jobTypeId: 'acme-survey' });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    expect(answer.body).to.include({ dryRun: false, rows: 4, validRows: 2, problemCount: 7 });
    expect(answer.body.created.map((c: { row: number }) => c.row)).to.deep.equal([2, 3]);
    const problems = Object.fromEntries(
      answer.body.problems.map((p: { row: number; column: string; rule: string; message: string }) => [
        `${p.row} ${p.column} ${p.rule}`,
        p.message,
      ]),
    );
    expect(problems).to.deep.equal({
      '4 seats type': 'Seats must be a whole number',
      '4 tankLitres type':
        'Tank must be a number (write 1.5 for 1,5: numbers take a decimal point and no thousands separator, as a spreadsheet set to a language such as German does not)',
      '4 electric type': 'Electric must be true or false',
      '4 registeredOn format': 'Registered on must be a real date: 2024-02 has no day 30',
      '4 colour enum': 'Colour must be one of "red" or "blue"',
      '5 boxQnr pattern': 'CloudBoxx QNR must match the pattern ^[0-9A-F]{16}$',
      '5 seats maximum': 'Seats must be at most 9',
    });
    const [first, second] = await Promise.all(
      answer.body.created.map(async ({ jobId }: { jobId: string }) => (await send('GET', `/v1/jobs/${jobId}`, undefined)).body),
    );
    expect(first.values).to.deep.equal({
      boxQnr: QNR,
      seats: 4,
      tankLitres: 45.5,
      electric: false,
      registeredOn: '2024-03-01',
      site: { text: 'Hauptstraße 1, Köln' },
      colour: 'red',
    });
    expect(first).to.deep.include({ customerName: 'Kunde Süd', status: 'PENDING' });
    expect(first.jobType).to.include({ id: 'acme-survey', version: 1 });
    expect(second.values).to.deep.equal({ boxQnr: QNR, seats: 2, electric: true, colour: 'blue' });
  });

  it('refuses a whole number beyond ±(2^53 − 1), which JSON rounds, alike in POST /v1/jobs and in a CSV row', async () => {
    const before = await jobCount();
    // Sent as written: JSON.parse makes 9007199254740993 into …992, which the job would have held.
    const body = `{"jobTypeId": "acme-survey", "fleetId": "${demo.fleetId}", "values": {"boxQnr": "${QNR}", "axles": 9007199254740993}}`;
    const created = await send('POST', '/v1/jobs', body, { contentType: 'application/json' });
    const refusal = {
      pointer: '/values/axles',
      rule: 'maximum',
      message: 'Axles must be at most 9007199254740991: a larger whole number is not kept exactly (it would be rounded)',
    };
    expect(created.status, JSON.stringify(created.body)).to.equal(422);
    expect(created.body.type).to.equal(`${PROBLEMS}invalid-values`);
    expect(created.body.errors).to.deep.equal([refusal]);
    const imported = await importCsv(`boxQnr,axles\n${QNR},9007199254740993\n${QNR},9007199254740991\n`, '&dryRun=true', {
      jobTypeId: 'acme-survey',
    });
    expect(imported.body.problems).to.deep.equal([{ row: 2, column: 'axles', rule: refusal.rule, message: refusal.message }]);
    expect(await jobCount(), 'nothing created').to.equal(before);
  });

  it('creates the valid rows, saving and assigning where a row names a company, and tells which row became which job', async () => {
    const before = await jobCount();
    const stranger = await onboardProvider(stack.db, { name: 'Stranger', adminEmail: `s-${Date.now()}@example.com`, fleetName: 'Köln' });
    const csv = [
      'vehicleLocation,vin,customerName,requestedStartAt,installerCompanyId',
      `Alexanderplatz 1 Berlin,WVWZZZCDZMW072341,Kunde Nord,2026-12-01T08:00:00+01:00,${demo.installerCompanyId}`,
      'Unter den Linden 5 Berlin,,,,',
      `Potsdamer Platz 1 Berlin,,,,${stranger.providerId}`,
      'Kurfürstendamm 1 Berlin,,,2026-13-01T08:00:00Z,',
    ].join('\n');
    const answer = await importCsv(csv);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    expect(answer.body.created.map((c: { row: number }) => c.row)).to.deep.equal([2, 3]);
    expect(problemsOf(answer)).to.deep.equal(['4 installerCompanyId invitation', '5 requestedStartAt format']);
    expect(await jobCount()).to.equal(before + 2);
    const assigned = (await send('GET', `/v1/jobs/${answer.body.created[0].jobId}`, undefined)).body;
    expect(assigned).to.deep.include({
      status: 'ASSIGNED',
      installerCompanyId: demo.installerCompanyId,
      customerName: 'Kunde Nord',
      requestedStartAt: '2026-12-01T07:00:00.000Z',
    });
    expect(assigned.values).to.deep.equal({ vehicleLocation: { text: 'Alexanderplatz 1 Berlin' }, vin: 'WVWZZZCDZMW072341' });
    expect(assigned.lockedFields).to.have.members(['vehicleLocation', 'vin']);
    const pending = (await send('GET', `/v1/jobs/${answer.body.created[1].jobId}`, undefined)).body;
    expect(pending).to.deep.include({ status: 'PENDING', installerCompanyId: null, customerName: null });
  });

  it("holds a dispatcher's rows to their customers: theirs by default, another's a problem of that row", async () => {
    const added = await stack.call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: `dispatch-${Date.now()}@demo-mobility.example`,
      role: 'provider_dispatcher',
      customers: ['Kunde Süd'],
    });
    expect(added.status, added.text).to.equal(201);
    const csv = ['vehicleLocation,customerName', 'A-Straße 1 Berlin,', 'B-Straße 2 Berlin,Kunde Nord', 'C-Straße 3 Berlin,Kunde Süd'].join(
      '\n',
    );
    const answer = await importCsv(csv, '', { token: added.body.token });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    expect(answer.body.created.map((c: { row: number }) => c.row)).to.deep.equal([2, 4]);
    expect(answer.body.problems).to.deep.equal([
      { row: 3, column: 'customerName', message: 'You cannot create jobs for customer "Kunde Nord".', rule: 'customer' },
    ]);
    const first = (await send('GET', `/v1/jobs/${answer.body.created[0].jobId}`, undefined)).body;
    expect(first.customerName).to.equal('Kunde Süd');
  });

  it('with atomic=true creates every row or none: one bad row answers 422 with every problem at /rows/{row}/{column}', async () => {
    const before = await jobCount();
    const csv = ['vehicleLocation,keyHolderType,vin', 'Alexanderplatz 1 Berlin,rfid,', ',bluetooth,', 'Unter den Linden 5 Berlin,,'].join(
      '\n',
    );
    const refused = await importCsv(csv, '&atomic=true');
    expect(refused.status).to.equal(422);
    expect(refused.body).to.include({ type: `${PROBLEMS}invalid-import`, title: '1 row has problems; nothing was created.' });
    expect(refused.body.errors.map((e: { pointer: string; rule: string }) => `${e.pointer} ${e.rule}`)).to.deep.equal([
      '/rows/3/vehicleLocation required',
      '/rows/3/keyHolderType enum',
    ]);
    expect(await jobCount(), 'nothing created').to.equal(before);

    // A file problem refuses the file whatever the mode: a column nobody knows would be lost in every row.
    const unknown = await importCsv('vehicleLocation,licencePlate\nAlexanderplatz 1 Berlin,B-AB 123\n');
    expect(unknown.status).to.equal(422);
    expect(unknown.body.errors).to.deep.equal([
      {
        pointer: '/rows/1/licencePlate',
        rule: 'unknownColumn',
        message:
          'unknown column "licencePlate" (did you mean "licensePlate"?); the columns are the field keys of job type cloudboxx-install and customerName, requestedStartAt, installerCompanyId',
      },
    ]);
    const broken = await importCsv('vehicleLocation,vin\n"Alexanderplatz 1 Berlin,WVW\n');
    expect(broken.status).to.equal(422);
    expect(broken.body.errors[0]).to.include({ pointer: '/rows/2', rule: 'csv' });
    expect(await jobCount(), 'nothing created').to.equal(before);
  });

  it('finishes the same rows when retried with the same Idempotency-Key, creating none twice', async () => {
    const before = await jobCount();
    const key = `import-${Date.now()}`;
    const csv = [
      'vehicleLocation,customerName',
      'A-Straße 1 Berlin,Retry AG',
      'B-Straße 2 Berlin,Retry AG',
      'C-Straße 3 Berlin,Retry AG',
    ].join('\n');
    const first = await importCsv(csv, '', { key });
    expect(first.status).to.equal(201);
    const replayed = await importCsv(csv, '', { key });
    expect(replayed.headers.get('idempotent-replayed')).to.equal('true');
    expect(replayed.body).to.deep.equal(first.body);

    // As after a crash that lost the first answer: the retry runs again, and lands on the jobs the first attempt started.
    await stack.db('idempotency_keys').where({ key }).delete();
    const retried = await importCsv(csv, '', { key });
    expect(retried.status).to.equal(201);
    expect(retried.headers.get('idempotent-replayed')).to.equal(null);
    expect(retried.body.created).to.deep.equal(first.body.created);
    expect(await jobCount()).to.equal(before + 3);

    const dryRunUnderTheSameKey = await importCsv(csv, '&dryRun=true', { key });
    expect(dryRunUnderTheSameKey.status, 'another query is another request').to.equal(422);
    expect(dryRunUnderTheSameKey.body.type).to.equal(`${PROBLEMS}idempotency-key-reused`);
  });

  it('refuses a body that is not CSV (415), one over 2 MiB (413), a missing fleet (400), and an installer (403)', async () => {
    const json = await send('POST', `/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}`, '{"rows":[]}', {
      contentType: 'application/json',
    });
    expect(json.status).to.equal(415);
    expect(json.body.type).to.equal(`${PROBLEMS}unsupported-media-type`);
    const huge = await importCsv(`vehicleLocation,installerNotes\n${`Alexanderplatz 1,${'x'.repeat(1000)}\n`.repeat(2200)}`);
    expect(huge.status).to.equal(413);
    expect(huge.body.type).to.equal(`${PROBLEMS}payload-too-large`);
    const noFleet = await send('POST', '/v1/jobs/import?jobTypeId=cloudboxx-install', 'vehicleLocation\nA\n');
    expect(noFleet.status).to.equal(400);
    expect(noFleet.body.errors).to.deep.include({ pointer: '/fleetId', message: 'is required', rule: 'required' });
    expect(noFleet.body.title, 'the query is refused, not a body').to.equal('The query parameters are not valid.');
    const installer = await importCsv('vehicleLocation\nA\n', '', { token: demo.tokens.installerAdmin });
    expect(installer.status).to.equal(403);
    const latin1 = await send(
      'POST',
      `/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}&dryRun=true`,
      Buffer.from('vehicleLocation\nKöln Straße\n', 'latin1') as unknown as string,
    );
    expect(latin1.status, 'Latin-1 sent as UTF-8').to.equal(400);
    const named = await send(
      'POST',
      `/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}&dryRun=true`,
      Buffer.from('vehicleLocation\nKöln Straße\n', 'latin1') as unknown as string,
      { contentType: 'text/csv; charset=windows-1252' },
    );
    expect(named.body).to.include({ rows: 1, validRows: 1 });
  });

  it('answers any CSV at once, never 5xx, as documented, creating exactly the rows it names; Temporal and the read model agree', async () => {
    const poisoned = fc
      .tuple(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('\u0000', '"', ',', ';', '\n', '\r', '\uFEFF', '\uD800'),
        fc.string({ maxLength: 8 }),
      )
      .map((parts) => parts.join(''));
    const known = [
      'vehicleLocation',
      'vin',
      'keyHolderType',
      'requestedStart',
      'odometerKm',
      'customerName',
      'requestedStartAt',
      'installerCompanyId',
    ];
    const column = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: poisoned });
    const cell = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom('Alexanderplatz 1 Berlin', 'rfid', 'WVWZZZCDZMW072341', '2026-12-01T08:00:00Z', '', 'Kunde Nord'),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(demo.installerCompanyId, '0000-01-01T00:00:00Z', '2026-11-23T10:00:00+14:01', '12', 'x'.repeat(300)),
      },
      { weight: 2, arbitrary: poisoned },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    );
    const written = (cells: string[], delimiter: string, quoted: boolean) =>
      cells.map((text) => (quoted ? `"${text.replace(/"/g, '""')}"` : text)).join(delimiter);
    const csv = fc
      .tuple(
        // Half the files name the columns a job needs first, so that some rows are created.
        fc.oneof(
          fc.array(column, { maxLength: 6 }),
          fc.array(column, { maxLength: 4 }).map((more) => ['vehicleLocation', ...more]),
        ),
        fc.array(fc.tuple(fc.array(cell, { maxLength: 7 }), fc.boolean()), { maxLength: 6 }),
      )
      .chain(([header, rows]) =>
        fc
          .tuple(fc.constantFrom(',', ';'), fc.boolean())
          .map(([delimiter, quoted]) =>
            [written(header, delimiter, quoted), ...rows.map(([cells, quote]) => written(cells, delimiter, quote || quoted))].join('\r\n'),
          ),
      );
    const query = fc.record({
      dryRun: fc.constantFrom('', '&dryRun=true', '&dryRun=no'),
      atomic: fc.constantFrom('', '&atomic=true', '&atomic=false'),
    });
    const before = await jobCount();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        csv,
        query,
        fc.option(fc.stringMatching(/^[!-~]{1,40}$/), { nil: undefined }),
        async (body, { dryRun, atomic }, key) => {
          const started = Date.now();
          const answer = await importCsv(body, `${dryRun}${atomic}`, { key });
          expect(answer.status, JSON.stringify(answer.body)).to.be.below(500);
          expect(Date.now() - started, 'answered within seconds').to.be.below(10_000);
          if (answer.status === 201 && answer.headers.get('idempotent-replayed') !== 'true') {
            expect(answer.body.created).to.have.length(answer.body.validRows);
            created += answer.body.created.length as number;
          }
        },
      ),
      // One file that certainly creates a job, whatever else is drawn.
      {
        numRuns: 40,
        endOnFailure: true,
        examples: [['vehicleLocation,keyHolderType\r\nAlexanderplatz 1 Berlin,rfid', { dryRun: '', atomic: '' }, undefined]],
      },
    );
    expect(await jobCount(), 'the jobs the answers named, no more').to.equal(before + created);
    await assertConsistent(stack);
  });

  it('imports with the CLI in chunks, printing which row became which job and the rows it skipped', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'installer-jobs-import-'));
    try {
      const rows = Array.from({ length: 9 }, (_, i) => `Straße ${i + 1} Berlin,CLI GmbH,${i === 4 ? 'bogus' : 'rfid'}`);
      await writeFile(path.join(dir, 'jobs.csv'), ['vehicleLocation,customerName,keyHolderType', ...rows].join('\n'));
      const before = await jobCount();
      const result = await runCliAsync(
        ['jobs', 'import', 'jobs.csv', '--job-type', 'cloudboxx-install', '--fleet', demo.fleetId, '--chunk-size', '3'],
        { INSTALLER_JOBS_API: stack.baseUrl, INSTALLER_JOBS_TOKEN: demo.tokens.providerAdmin },
        { cwd: dir },
      );
      expect(result.status, result.stderr).to.equal(1);
      expect(result.stderr).to.contain('jobs.csv:6: keyHolderType: Key holder must be one of "none", "rfid" or "ble"');
      expect(result.stderr).to.contain('created 8 jobs from 9 rows; 1 row not imported');
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).to.equal('row,jobId');
      expect(lines.slice(1).map((line) => line.split(',')[0])).to.deep.equal(['2', '3', '4', '5', '7', '8', '9', '10']);
      expect(await jobCount()).to.equal(before + 8);
      const jobId = lines[5]!.split(',')[1]!;
      const job = (await send('GET', `/v1/jobs/${jobId}`, undefined)).body;
      expect(job.values.vehicleLocation).to.deep.equal({ text: 'Straße 6 Berlin' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the option, not a row, when the API refuses what --fleet or --job-type gave', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'installer-jobs-import-'));
    try {
      await writeFile(path.join(dir, 'jobs.csv'), 'vehicleLocation\nAlexanderplatz 1 Berlin\n');
      const result = await runCliAsync(
        ['jobs', 'import', 'jobs.csv', '--job-type', 'cloudboxx-install', '--fleet', 'not-a-fleet-id'],
        { INSTALLER_JOBS_API: stack.baseUrl, INSTALLER_JOBS_TOKEN: demo.tokens.providerAdmin },
        { cwd: dir },
      );
      expect(result.status, result.stderr).to.equal(1);
      expect(result.stderr).to.contain('--fleet not-a-fleet-id: must match format "uuid"');
      expect(result.stderr).to.not.contain('jobs.csv:0:');
      expect(result.stderr).to.contain('jobs.csv: The query parameters are not valid.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
