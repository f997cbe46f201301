import { expect } from 'chai';
import { JOB_STATUSES, type JobStatus } from '../../common/job';
import { newJobId } from '../../common/job-id';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { addProviderUser, createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { startTestStack, type TestStack } from '../support/stack';

const PROBLEM = 'https://installer-jobs.dev/problems/invalid-request';

interface SeededJob {
  id: string;
  status: JobStatus;
  fleetId: string;
  jobTypeId: string;
  installerCompanyId: string | null;
  customerName: string | null;
  createdAt: string;
  updatedAt: string;
  requestedStartAt: string | null;
  finishedAt: string | null;
  address: string;
}

/**
 * The job list a portal shows (seeds: "View all jobs", "Filter to view only FAILED jobs", "search
 * by Job ID, Customer Name, Address, Job Type, Step Name"), over HTTP against the real stack. The
 * list reads only the read model, so most jobs are written straight into `jobs`.
 */
describe('job list over HTTP: filters, search, sort, cursor pages, columns, who sees what', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let secondFleetId: string;
  let otherCompanyId: string;
  let otherProvider: { providerId: string; fleetId: string; adminToken: string };
  const jobs: SeededJob[] = [];

  // Through stack.call, so every page is also checked against the documented list schema.
  async function call(path: string, token: string) {
    const answer = await stack.call('GET', path, token);
    return { ...answer, type: answer.headers.get('content-type') };
  }
  const asProvider = (path: string) => call(path, demo.tokens.providerAdmin);
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

  /** A read-model row as the workflow's activities would have written it. */
  async function insertJob(job: Partial<SeededJob> & { providerId?: string; fleetId?: string }): Promise<SeededJob> {
    const jobTypeId = job.jobTypeId ?? 'cloudboxx-install';
    const jobType = stack.jobTypes.get(jobTypeId)!;
    const seeded: SeededJob = {
      id: job.id ?? newJobId(),
      status: job.status ?? 'PENDING',
      fleetId: job.fleetId ?? demo.fleetId,
      jobTypeId,
      installerCompanyId: job.installerCompanyId ?? null,
      customerName: job.customerName === undefined ? 'Acme Car Sharing' : job.customerName,
      createdAt: job.createdAt ?? new Date().toISOString(),
      updatedAt: job.updatedAt ?? job.createdAt ?? new Date().toISOString(),
      requestedStartAt: job.requestedStartAt ?? null,
      finishedAt: job.finishedAt ?? null,
      address: job.address ?? 'Alexanderplatz 1, 10178 Berlin',
    };
    await stack.db('jobs').insert({
      id: seeded.id,
      workflow_id: `job-${seeded.id}`,
      provider_id: job.providerId ?? demo.providerId,
      fleet_id: seeded.fleetId,
      job_type_id: jobTypeId,
      job_type_version: jobType.version,
      status: seeded.status,
      installer_company_id: seeded.installerCompanyId,
      customer_name: seeded.customerName,
      requested_start_at: seeded.requestedStartAt,
      values: JSON.stringify({ vehicleLocation: { text: seeded.address, lat: 52.5, lng: 13.4 }, licensePlate: 'B-IJ 1234' }),
      locked_fields: ['vehicleLocation', 'licensePlate'],
      steps: JSON.stringify(jobType.steps.map((step) => ({ id: step.id, title: step.title, status: 'open' }))),
      created_at: seeded.createdAt,
      updated_at: seeded.updatedAt,
      finished_at: seeded.finishedAt,
    });
    return seeded;
  }

  before(async () => {
    stack = await startTestStack('job list');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    [{ id: secondFleetId }] = await stack.db('fleets').insert({ provider_id: demo.providerId, name: 'Hamburg' }).returning('id');
    otherCompanyId = (await createInstallerCompany(stack.db, { name: 'Other Installers', adminEmail: 'admin@other-installers.example' }))
      .companyId;
    otherProvider = await onboardProvider(stack.db, {
      name: 'Other Mobility',
      adminEmail: 'admin@other-mobility.example',
      fleetName: 'Munich',
    });

    // 24 jobs of the demo provider, over a month, with ties in created_at (the keyset's id tie-breaker)
    // and jobs without a requested start (they sort last going up).
    const base = Date.parse('2026-10-01T08:00:00.000Z');
    const customers = ['Acme Car Sharing', 'Zoom Rentals', 'Müller & Söhne', null];
    const addresses = ['Alexanderplatz 1, 10178 Berlin', 'Jungfernstieg 7, 20354 Hamburg', 'Marienplatz 8, 80331 München'];
    const types = ['cloudboxx-install', 'cloudboxx-reconfigure', 'cloudboxx-remove-or-swap'];
    for (let i = 0; i < 24; i += 1) {
      const status = JOB_STATUSES[i % JOB_STATUSES.length]!;
      const createdAt = new Date(base + Math.floor(i / 3) * 86_400_000 + (i % 3 === 2 ? 0 : i % 3) * 1000).toISOString();
      jobs.push(
        await insertJob({
          status,
          fleetId: i % 4 === 0 ? secondFleetId : demo.fleetId,
          jobTypeId: types[i % 3],
          installerCompanyId: status === 'PENDING' ? null : i % 6 === 1 ? otherCompanyId : demo.installerCompanyId,
          customerName: customers[i % 4],
          createdAt,
          updatedAt: new Date(base + ((i * 7) % 24) * 3_600_000).toISOString(),
          requestedStartAt: i % 5 === 0 ? null : new Date(base + ((i * 11) % 24) * 86_400_000).toISOString(),
          finishedAt: status === 'SUCCEEDED' || status === 'FAILED' ? new Date(base + 40 * 86_400_000 + i * 60_000).toISOString() : null,
          address: addresses[i % 3],
        }),
      );
    }
    // Another provider's job, which matches every search the demo provider makes.
    await insertJob({
      providerId: otherProvider.providerId,
      fleetId: otherProvider.fleetId,
      customerName: 'Acme Car Sharing',
      status: 'FAILED',
    });
  });
  after(async () => stack?.stop());

  const sortedIds = (list: SeededJob[]) => list.map((job) => job.id).sort();

  it("lists the provider's jobs newest first, each as GET /v1/jobs/{id} shows it", async () => {
    const existing = await asProvider('/v1/jobs');
    const viaApi = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      customerName: 'Via The Api GmbH',
      values: { vehicleLocation: { text: 'Torstraße 99, 10119 Berlin' } },
    });
    expect(viaApi.status).to.equal(201);
    const job = viaApi.body as { id: string };

    const list = await asProvider('/v1/jobs');
    expect(list.status).to.equal(200);
    expect(list.body.items).to.have.length(existing.body.items.length + 1);
    expect(list.body.items.find((item: { id: string }) => item.id === job.id)).to.deep.equal((await asProvider(`/v1/jobs/${job.id}`)).body);
    expect(list.body.nextCursor).to.equal(null);
    // The workflow wrote that row; its address and customer are searchable like any other.
    expect(ids((await asProvider('/v1/jobs?q=torstra%C3%9Fe')).body)).to.deep.equal([job.id]);
    expect(ids((await asProvider('/v1/jobs?q=via%20the%20api')).body)).to.deep.equal([job.id]);
    // From here on it is one of the jobs the other tests expect, with dates they can predict.
    await stack.db('jobs').where({ id: job.id }).update({ created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
    jobs.push({
      id: job.id,
      status: 'PENDING',
      fleetId: demo.fleetId,
      jobTypeId: 'cloudboxx-install',
      installerCompanyId: null,
      customerName: 'Via The Api GmbH',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      requestedStartAt: null,
      finishedAt: null,
      address: 'Torstraße 99, 10119 Berlin',
    });
  });

  describe('filters', () => {
    const cases: Array<[string, (job: SeededJob) => boolean]> = [
      ['status=FAILED', (job) => job.status === 'FAILED'],
      ['status=FAILED,RUNNING', (job) => job.status === 'FAILED' || job.status === 'RUNNING'],
      ['status=FAILED&status=RUNNING', (job) => job.status === 'FAILED' || job.status === 'RUNNING'],
      ['jobTypeId=cloudboxx-reconfigure', (job) => job.jobTypeId === 'cloudboxx-reconfigure'],
      ['jobTypeId=cloudboxx-reconfigure,cloudboxx-install', (job) => job.jobTypeId !== 'cloudboxx-remove-or-swap'],
      ['customer=z%C3%B6om%20rentals', () => false],
      ['customer=zoom%20RENTALS', (job) => job.customerName === 'Zoom Rentals'],
      ['customer=M%C3%BCller%20%26%20S%C3%B6hne', (job) => job.customerName === 'Müller & Söhne'],
      ['createdFrom=2026-10-03&createdTo=2026-10-04', (job) => job.createdAt >= '2026-10-03' && job.createdAt < '2026-10-05'],
      ['createdFrom=2026-10-03T08:00:01Z', (job) => job.createdAt >= '2026-10-03T08:00:01.000Z'],
      ['createdTo=2026-10-02T08:00:00%2B00:00', (job) => job.createdAt <= '2026-10-02T08:00:00.000Z'],
      [
        'requestedStartFrom=2026-10-10&requestedStartTo=2026-10-20',
        (job) => job.requestedStartAt !== null && job.requestedStartAt >= '2026-10-10' && job.requestedStartAt < '2026-10-21',
      ],
      // A job without a requested start is in no range, open-ended ones included.
      ['requestedStartFrom=2026-10-20', (job) => job.requestedStartAt !== null && job.requestedStartAt >= '2026-10-20'],
      ['requestedStartTo=2026-10-05', (job) => job.requestedStartAt !== null && job.requestedStartAt < '2026-10-06'],
      ['finishedFrom=2026-11-10T08:05:00Z', (job) => job.finishedAt !== null && job.finishedAt >= '2026-11-10T08:05:00.000Z'],
      ['finishedTo=2026-11-10T08:05:00Z', (job) => job.finishedAt !== null && job.finishedAt <= '2026-11-10T08:05:00.000Z'],
      ['status=SUCCEEDED&jobTypeId=cloudboxx-install', (job) => job.status === 'SUCCEEDED' && job.jobTypeId === 'cloudboxx-install'],
    ];
    for (const [query, expected] of cases) {
      it(query, async () => {
        const list = await asProvider(`/v1/jobs?${query}&limit=200`);
        expect(list.status, JSON.stringify(list.body)).to.equal(200);
        const want = jobs.filter(expected);
        expect(ids(list.body).sort()).to.deep.equal(sortedIds(want));
      });
    }

    it('fleetId and installerCompanyId, one or several', async () => {
      const inFleet = await asProvider(`/v1/jobs?fleetId=${secondFleetId}&limit=200`);
      expect(ids(inFleet.body).sort()).to.deep.equal(sortedIds(jobs.filter((job) => job.fleetId === secondFleetId)));
      const bothFleets = await asProvider(`/v1/jobs?fleetId=${secondFleetId}&fleetId=${demo.fleetId}&limit=200`);
      expect(bothFleets.body.items).to.have.length(jobs.length);

      const ofCompany = await asProvider(`/v1/jobs?installerCompanyId=${otherCompanyId}&limit=200`);
      expect(ids(ofCompany.body).sort()).to.deep.equal(sortedIds(jobs.filter((job) => job.installerCompanyId === otherCompanyId)));
      expect(ofCompany.body.items).to.not.be.empty;
    });
  });

  describe('search q', () => {
    const target = () => jobs[7]!; // RUNNING, cloudboxx-remove-or-swap, Müller & Söhne, Hamburg
    const cases: Array<[string, () => string, (job: SeededJob) => boolean]> = [
      ['the whole job id', () => target().id, (job) => job.id === target().id],
      ['the job id, lower case, without its prefix', () => target().id.slice(2).toLowerCase(), (job) => job.id === target().id],
      ['a prefix of the customer name', () => 'müll', (job) => job.customerName === 'Müller & Söhne'],
      ['part of the customer name, any case', () => 'RENTAL', (job) => job.customerName === 'Zoom Rentals'],
      ['part of an address', () => 'jungfern', (job) => job.address.startsWith('Jungfernstieg')],
      ['a postcode', () => '80331', (job) => job.address.includes('80331')],
      ['the job type id', () => 'remove-or-swap', (job) => job.jobTypeId === 'cloudboxx-remove-or-swap'],
      ['a word of the job type title', () => 'reconfigure', (job) => job.jobTypeId === 'cloudboxx-reconfigure'],
      ['a word only in a job type title', () => 'installed', (job) => job.jobTypeId === 'cloudboxx-reconfigure'],
      ['a step title', () => 'hand over', (job) => job.jobTypeId === 'cloudboxx-install'],
      ['a step title of one type', () => 'remove the cloudboxx', (job) => job.jobTypeId === 'cloudboxx-remove-or-swap'],
      ['a street with its house number', () => 'Jungfernstieg 7', (job) => job.address.startsWith('Jungfernstieg 7')],
      ['a short word only next to its neighbour, as typed', () => '7 jungfernstieg', () => false],
      [
        'several words: all must match',
        () => 'hamburg rentals',
        (job) => job.address.includes('Hamburg') && job.customerName === 'Zoom Rentals',
      ],
      ['LIKE wildcards are plain characters', () => '%', () => false],
      ['an underscore is a plain character', () => 'cloudboxx_install', () => false],
    ];
    for (const [what, q, expected] of cases) {
      it(what, async () => {
        const list = await asProvider(`/v1/jobs?q=${encodeURIComponent(q())}&limit=200`);
        expect(list.status, JSON.stringify(list.body)).to.equal(200);
        const want = jobs.filter(expected);
        expect(ids(list.body).sort()).to.deep.equal(sortedIds(want));
      });
    }

    it('combines with filters', async () => {
      const list = await asProvider('/v1/jobs?q=berlin&status=PENDING');
      expect(ids(list.body).sort()).to.deep.equal(
        sortedIds(jobs.filter((job) => job.address.includes('Berlin') && job.status === 'PENDING')),
      );
    });
  });

  describe('sort and cursor pages', () => {
    const rank = (status: JobStatus) => JOB_STATUSES.indexOf(status);
    const INFINITY = '9999';
    const MINUS_INFINITY = '0000';
    const keyOf: Record<string, (job: SeededJob) => Array<string | number>> = {
      createdAt: (job) => [job.createdAt, job.id],
      updatedAt: (job) => [job.updatedAt, job.id],
      requestedStartAt: (job) => [job.requestedStartAt ?? INFINITY, job.id],
      finishedAt: (job) => [job.finishedAt ?? MINUS_INFINITY, job.id],
      status: (job) => [rank(job.status), job.createdAt, job.id],
    };
    const compare = (a: Array<string | number>, b: Array<string | number>) => {
      for (let i = 0; i < a.length; i += 1) if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
      return 0;
    };

    async function walk(query: string, token = demo.tokens.providerAdmin, onPage?: (page: number) => Promise<void>) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await call(`/v1/jobs?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
        expect(page.status, JSON.stringify(page.body)).to.equal(200);
        expect(page.body.items.length).to.be.at.most(7);
        seen.push(...ids(page.body));
        cursor = page.body.nextCursor;
        pages += 1;
        await onPage?.(pages);
      } while (cursor);
      return { seen, pages };
    }

    for (const sort of ['createdAt', 'updatedAt', 'requestedStartAt', 'finishedAt', 'status']) {
      for (const order of ['asc', 'desc']) {
        it(`sort=${sort}&order=${order} walks every job exactly once, in order`, async () => {
          const { seen, pages } = await walk(`sort=${sort}&order=${order}&limit=7`);
          const expected = [...jobs]
            .sort((a, b) => compare(keyOf[sort]!(a), keyOf[sort]!(b)) * (order === 'asc' ? 1 : -1))
            .map((job) => job.id);
          expect(seen).to.deep.equal(expected);
          expect(pages).to.equal(Math.ceil(jobs.length / 7));
        });
      }
    }

    it('default order: createdAt desc; requestedStartAt and status go up by default', async () => {
      const byCreated = [...jobs].sort((a, b) => -compare(keyOf.createdAt!(a), keyOf.createdAt!(b))).map((job) => job.id);
      expect(ids((await asProvider('/v1/jobs')).body)).to.deep.equal(byCreated);
      const byStatus = ids((await asProvider('/v1/jobs?sort=status')).body);
      expect(byStatus[0]).to.equal([...jobs].sort((a, b) => compare(keyOf.status!(a), keyOf.status!(b)))[0]!.id);
    });

    it("a date range is read in its own date's order unless a sort is asked for", async () => {
      const order = (sort: string, direction: 1 | -1, filter: (job: SeededJob) => boolean) =>
        jobs
          .filter(filter)
          .sort((a, b) => compare(keyOf[sort]!(a), keyOf[sort]!(b)) * direction)
          .map((job) => job.id);
      const finished = (job: SeededJob) => job.finishedAt !== null && job.finishedAt >= '2026-11-10T08:05:00.000Z';
      expect(ids((await asProvider('/v1/jobs?finishedFrom=2026-11-10T08:05:00Z&limit=200')).body)).to.deep.equal(
        order('finishedAt', -1, finished),
      );
      expect(ids((await asProvider('/v1/jobs?finishedFrom=2026-11-10T08:05:00Z&sort=createdAt&limit=200')).body)).to.deep.equal(
        order('createdAt', -1, finished),
      );
      const requested = (job: SeededJob) =>
        job.requestedStartAt !== null && job.requestedStartAt >= '2026-10-10' && job.requestedStartAt < '2026-10-21';
      expect(ids((await asProvider('/v1/jobs?requestedStartFrom=2026-10-10&requestedStartTo=2026-10-20&limit=200')).body)).to.deep.equal(
        order('requestedStartAt', 1, requested),
      );
      const both = (job: SeededJob) => finished(job) && job.createdAt >= '2026-10-03';
      expect(
        ids((await asProvider('/v1/jobs?finishedFrom=2026-11-10T08:05:00Z&createdFrom=2026-10-03&limit=200')).body),
        'a created range wins',
      ).to.deep.equal(order('createdAt', -1, both));
    });

    it('stays exact while jobs are added during the walk', async () => {
      const added: string[] = [];
      const { seen } = await walk('sort=createdAt&order=desc&limit=7', demo.tokens.providerAdmin, async (page) => {
        // Newer than everything: it belongs before the first page, so a keyset walk never shows it.
        added.push((await insertJob({ createdAt: `2030-01-0${page}T00:00:00.000Z`, customerName: 'Added Meanwhile' })).id);
      });
      const before = [...jobs].sort((a, b) => -compare(keyOf.createdAt!(a), keyOf.createdAt!(b))).map((job) => job.id);
      expect(seen).to.deep.equal(before);
      await stack.db('jobs').whereIn('id', added).delete();
    });

    it('a cursor keeps its order: the same sort may be repeated, another one is refused', async () => {
      const first = await asProvider('/v1/jobs?sort=updatedAt&order=asc&limit=5');
      const cursor = encodeURIComponent(first.body.nextCursor);
      expect((await asProvider(`/v1/jobs?cursor=${cursor}&limit=5`)).status).to.equal(200);
      expect((await asProvider(`/v1/jobs?sort=updatedAt&order=asc&cursor=${cursor}&limit=5`)).status).to.equal(200);
      const refused = await asProvider(`/v1/jobs?sort=createdAt&cursor=${cursor}`);
      expect(refused.status).to.equal(400);
      expect(refused.body.errors).to.deep.equal([
        {
          pointer: '/cursor',
          message: 'was issued for sort=updatedAt&order=asc; send that order, or leave out the cursor to start again',
          rule: 'cursor',
        },
      ]);
    });

    it('pages of 50 by default, of at most 200', async () => {
      const big = await onboardProvider(stack.db, {
        name: 'Big Fleet Mobility',
        adminEmail: 'admin@big-fleet.example',
        fleetName: 'Everywhere',
      });
      await stack.db.raw(
        `insert into jobs (id, workflow_id, provider_id, fleet_id, job_type_id, job_type_version, status, created_at)
         select 'J-BG' || lpad(n::text, 8, '0'), 'job-J-BG' || lpad(n::text, 8, '0'), ?, ?, 'cloudboxx-install', 1, 'PENDING', now() - n * interval '1 minute'
           from generate_series(1, 205) as n`,
        [big.providerId, big.fleetId],
      );
      const first = await call('/v1/jobs', big.adminToken);
      expect(first.body.items).to.have.length(50);
      expect(first.body.nextCursor).to.be.a('string');
      const most = await call('/v1/jobs?limit=200&fields=id', big.adminToken);
      expect(most.body.items).to.have.length(200);
      const rest = await call(`/v1/jobs?limit=200&fields=id&cursor=${encodeURIComponent(most.body.nextCursor)}`, big.adminToken);
      expect(ids(rest.body)).to.deep.equal(['J-BG00000201', 'J-BG00000202', 'J-BG00000203', 'J-BG00000204', 'J-BG00000205']);
      expect(rest.body.nextCursor).to.equal(null);
    });
  });

  describe('fields', () => {
    it('returns only the chosen properties, and always the id', async () => {
      const list = await asProvider('/v1/jobs?fields=status,customerName&limit=3');
      for (const item of list.body.items) expect(item).to.have.all.keys('id', 'status', 'customerName');
      const typed = await asProvider('/v1/jobs?fields=jobType&fields=lastCompletedStep&limit=1');
      expect(typed.body.items[0]).to.have.all.keys('id', 'jobType', 'lastCompletedStep');
      expect(typed.body.items[0].jobType).to.have.all.keys('id', 'version', 'title');
    });

    it('cursor pages work with any columns', async () => {
      const first = await asProvider('/v1/jobs?fields=customerName&sort=status&limit=10');
      const next = await asProvider(
        `/v1/jobs?fields=customerName&sort=status&limit=10&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect(next.status).to.equal(200);
      expect([...ids(first.body), ...ids(next.body)]).to.have.length(20);
    });
  });

  describe('who sees what', () => {
    it('an installer company sees only the jobs assigned to it, admin and technician alike', async () => {
      const assigned = sortedIds(jobs.filter((job) => job.installerCompanyId === demo.installerCompanyId));
      expect(assigned).to.not.be.empty;
      for (const token of [demo.tokens.installerAdmin, demo.tokens.installerTechnician]) {
        const list = await call('/v1/jobs?limit=200', token);
        expect(ids(list.body).sort()).to.deep.equal(assigned);
      }
      const failed = await call('/v1/jobs?status=FAILED&q=berlin', demo.tokens.installerTechnician);
      expect(ids(failed.body).sort()).to.deep.equal(
        sortedIds(
          jobs.filter(
            (job) => job.installerCompanyId === demo.installerCompanyId && job.status === 'FAILED' && job.address.includes('Berlin'),
          ),
        ),
      );
      // Naming another company does not widen the view.
      expect((await call(`/v1/jobs?installerCompanyId=${otherCompanyId}`, demo.tokens.installerAdmin)).body.items).to.deep.equal([]);
    });

    it('a dispatcher sees the jobs of their customers only, whatever the case the name is written in', async () => {
      const customers = ['Zoom Rentals', 'Müller & Söhne'];
      const dispatcher = await addProviderUser(stack.db, demo.providerId, {
        email: 'dispatcher@job-list.example',
        role: 'provider_dispatcher',
        customers,
      });
      const otherCase = await insertJob({ customerName: 'zoom rentals' });
      const otherName = await insertJob({ customerName: 'Zoom Rentals Nord' });
      try {
        const named = customers.map((customer) => customer.toLowerCase());
        const theirs = [...jobs, otherCase].filter((job) => named.includes((job.customerName ?? '').toLowerCase()));
        expect(theirs).to.deep.include(otherCase);
        expect(theirs).to.not.be.empty;
        expect(ids((await call('/v1/jobs?limit=200', dispatcher.token)).body).sort()).to.deep.equal(sortedIds(theirs));
        const failed = await call('/v1/jobs?status=FAILED&sort=requestedStartAt&limit=200', dispatcher.token);
        expect(ids(failed.body).sort()).to.deep.equal(sortedIds(theirs.filter((job) => job.status === 'FAILED')));
      } finally {
        await stack.db('jobs').whereIn('id', [otherCase.id, otherName.id]).delete();
      }
    });

    it('another provider sees none of them, whatever it searches for', async () => {
      const list = await call(`/v1/jobs?limit=200`, otherProvider.adminToken);
      expect(list.body.items).to.have.length(1);
      expect(list.body.items[0].id).to.not.be.oneOf(jobs.map((job) => job.id));
      expect((await call(`/v1/jobs?q=${jobs[0]!.id}`, otherProvider.adminToken)).body.items).to.deep.equal([]);
      expect((await call(`/v1/jobs?fleetId=${demo.fleetId}`, otherProvider.adminToken)).body.items).to.deep.equal([]);
    });

    it('needs a token', async () => {
      expect((await fetch(`${stack.baseUrl}/v1/jobs`)).status).to.equal(401);
    });
  });

  describe('bad query parameters: 400 with a pointer to each', () => {
    const cases: Array<[string, Array<{ pointer: string; rule?: string }>]> = [
      ['status=DONE', [{ pointer: '/status/0', rule: 'enum' }]],
      ['status=FAILED,', [{ pointer: '/status/1', rule: 'enum' }]],
      ['limit=0', [{ pointer: '/limit', rule: 'minimum' }]],
      ['limit=201', [{ pointer: '/limit', rule: 'maximum' }]],
      ['limit=ten', [{ pointer: '/limit', rule: 'type' }]],
      ['limit=1&limit=2', [{ pointer: '/limit', rule: 'type' }]],
      ['sort=name', [{ pointer: '/sort', rule: 'enum' }]],
      ['order=up', [{ pointer: '/order', rule: 'enum' }]],
      ['staus=FAILED', [{ pointer: '/staus', rule: 'additionalProperties' }]],
      ['createdFrom=yesterday', [{ pointer: '/createdFrom', rule: 'format' }]],
      ['finishedTo=2026-02-30', [{ pointer: '/finishedTo', rule: 'format' }]],
      ['createdFrom=2026-10-05&createdTo=2026-10-04', [{ pointer: '/createdTo', rule: 'range' }]],
      ['fleetId=berlin', [{ pointer: '/fleetId/0', rule: 'format' }]],
      ['fields=id,password', [{ pointer: '/fields/1', rule: 'enum' }]],
      ['q=', [{ pointer: '/q', rule: 'minLength' }]],
      ['cursor=not-a-cursor', [{ pointer: '/cursor', rule: 'cursor' }]],
      // Outside the alphabet the document gives every cursor (base64url), refused by the schema itself.
      ['cursor=abc%21', [{ pointer: '/cursor', rule: 'pattern' }]],
      [
        `cursor=${Buffer.from(JSON.stringify(['createdAt', 'desc', ['2026-13-01T00:00:00.000000Z', 'J-1']])).toString('base64url')}`,
        [{ pointer: '/cursor' }],
      ],
      ['limit=0&sort=name', [{ pointer: '/sort' }, { pointer: '/limit' }]],
    ];
    for (const [query, problems] of cases) {
      it(query.length > 60 ? 'a forged cursor' : query, async () => {
        const response = await asProvider(`/v1/jobs?${query}`);
        expect(response.status).to.equal(400);
        expect(response.type).to.match(/^application\/problem\+json/);
        expect(response.body.type).to.equal(PROBLEM);
        const got = (response.body.errors as Array<{ pointer: string; rule?: string }>).map((e) => ({
          pointer: e.pointer,
          ...(problems.some((p) => p.rule) ? { rule: e.rule } : {}),
        }));
        expect(got).to.have.deep.members(problems);
      });
    }
  });
});
