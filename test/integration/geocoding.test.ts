import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { NominatimGeocoder } from '../../geocoding/geocoder';
import { startTestStack, type TestStack } from '../support/stack';

/** A geocoding service that speaks Nominatim's search API and knows two addresses. */
async function startGeocodingService(): Promise<{ url: string; queries: string[]; close: () => Promise<void> }> {
  const known: Record<string, { lat: string; lon: string }> = { 'Alexanderplatz 1, 10178 Berlin': { lat: '52.5219', lon: '13.4132' } };
  const queries: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    const q = url.searchParams.get('q') ?? '';
    queries.push(q);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(url.pathname === '/search' && known[q] ? [known[q]] : []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('geocoded job addresses', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let geocoding: Awaited<ReturnType<typeof startGeocodingService>>;

  before(async () => {
    geocoding = await startGeocodingService();
    stack = await startTestStack('geocoding', { geocoder: new NominatimGeocoder(geocoding.url) });
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => {
    await stack?.stop();
    await geocoding?.close();
  });

  async function create(vehicleLocation: unknown) {
    const response = await fetch(`${stack.baseUrl}/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation } }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { values: Record<string, unknown>; type?: string; errors?: unknown[] },
    };
  }

  it('adds coordinates to an address given as text', async () => {
    const { status, body } = await create({ text: 'Alexanderplatz 1, 10178 Berlin' });
    expect(status).to.equal(201);
    expect(body.values.vehicleLocation).to.deep.equal({ text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 });
  });

  it('keeps coordinates a portal sent itself, without asking the geocoder', async () => {
    const asked = geocoding.queries.length;
    const { body } = await create({ text: 'Hof hinter Halle 3', lat: 52.1, lng: 13.2 });
    expect(body.values.vehicleLocation).to.deep.equal({ text: 'Hof hinter Halle 3', lat: 52.1, lng: 13.2 });
    expect(geocoding.queries.length).to.equal(asked);
  });

  it('refuses an address the geocoder does not know, naming the field', async () => {
    const { status, body } = await create({ text: 'Nowhere Street 99' });
    expect(status).to.equal(422);
    expect(body.type).to.equal('https://installer-jobs.dev/problems/address-not-found');
    expect(body.errors).to.deep.equal([{ pointer: '/values/vehicleLocation', message: 'address not found', rule: 'geocode' }]);
  });
  it('geocodes an edit of a PENDING job, and asks nothing for an edit that will be refused', async () => {
    const { body: job } = (await create({ text: 'Hof hinter Halle 3', lat: 52.1, lng: 13.2 })) as {
      body: { values: unknown; id?: string };
    };
    const edit = () =>
      stack.call('PATCH', `/v1/jobs/${job.id}`, demo.tokens.providerAdmin, {
        values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' } },
      });
    const edited = await edit();
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body.values.vehicleLocation).to.deep.equal({ text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 });

    await stack.call('POST', `/v1/jobs/${job.id}/assign`, demo.tokens.providerAdmin, { installerCompanyId: demo.installerCompanyId });
    const asked = geocoding.queries.length;
    expect((await edit()).status).to.equal(409);
    expect(geocoding.queries.length, 'no geocoding for a frozen job').to.equal(asked);
  });
});
