import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { NominatimGeocoder } from '../../geocoding/geocoder';
import { startTestStack, type TestStack } from '../support/stack';

/** A geocoding service that speaks Nominatim's search API and knows two addresses. */
async function startGeocodingService(): Promise<{ url: string; queries: string[]; close: () => Promise<void> }> {
  const known: Record<string, { lat: string; lon: string }> = { 'Alexanderplatz 1, 10178 Berlin': { lat: '52.5219', lon: '13.4132' } };
  const streets = [
    { display_name: 'Alexanderplatz 1, Mitte, 10178 Berlin, Deutschland', lat: '52.5219', lon: '13.4132' },
    { display_name: 'Alexanderplatz 3, Mitte, 10178 Berlin, Deutschland', lat: '52.5213', lon: '13.4125' },
    { display_name: 'Alexanderstraße 7, 10178 Berlin, Deutschland', lat: '52.5201', lon: '13.4180' },
  ];
  const queries: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    const q = url.searchParams.get('q') ?? '';
    const limit = Number(url.searchParams.get('limit') ?? 10);
    queries.push(q);
    response.setHeader('content-type', 'application/json');
    if (url.pathname !== '/search') return response.end('[]');
    if (known[q]) return response.end(JSON.stringify([known[q]]));
    const words = q.toLowerCase().split(/\s+/);
    const matching = streets.filter((street) => words.every((word) => street.display_name.toLowerCase().includes(word)));
    response.end(JSON.stringify(matching.slice(0, limit)));
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
    expect(body.values.vehicleLocation).to.deep.equal({
      text: 'Alexanderplatz 1, 10178 Berlin',
      lat: 52.5219,
      lng: 13.4132,
      mapUrl: 'https://www.openstreetmap.org/?mlat=52.5219&mlon=13.4132#map=18/52.5219/13.4132',
    });
  });

  it('keeps coordinates a portal sent itself, without asking the geocoder', async () => {
    const asked = geocoding.queries.length;
    const { body } = await create({ text: 'Hof hinter Halle 3', lat: 52.1, lng: 13.2 });
    expect(body.values.vehicleLocation).to.deep.include({ text: 'Hof hinter Halle 3', lat: 52.1, lng: 13.2 });
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
    expect(edited.body.values.vehicleLocation).to.deep.include({ text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 });

    await stack.call('POST', `/v1/jobs/${job.id}/assign`, demo.tokens.providerAdmin, { installerCompanyId: demo.installerCompanyId });
    const asked = geocoding.queries.length;
    expect((await edit()).status).to.equal(409);
    expect(geocoding.queries.length, 'no geocoding for a frozen job').to.equal(asked);
  });

  describe('address suggestions for the create form', () => {
    const suggest = (q: string, token = demo.tokens.providerAdmin) => stack.call('GET', `/v1/geocoding/suggestions?${q}`, token);

    it('answers the addresses matching what was typed, best first, each with its map link', async () => {
      const answer = await suggest('q=alexanderplatz%20berlin&limit=2');
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body.items).to.deep.equal([
        {
          text: 'Alexanderplatz 1, Mitte, 10178 Berlin, Deutschland',
          lat: 52.5219,
          lng: 13.4132,
          mapUrl: 'https://www.openstreetmap.org/?mlat=52.5219&mlon=13.4132#map=18/52.5219/13.4132',
        },
        {
          text: 'Alexanderplatz 3, Mitte, 10178 Berlin, Deutschland',
          lat: 52.5213,
          lng: 13.4125,
          mapUrl: 'https://www.openstreetmap.org/?mlat=52.5213&mlon=13.4125#map=18/52.5213/13.4125',
        },
      ]);
    });

    it('asks the geocoding service once for the same words, in any case', async () => {
      const asked = geocoding.queries.length;
      await suggest('q=Alexanderstra%C3%9Fe');
      await suggest('q=alexanderstra%C3%9Fe');
      expect(geocoding.queries.length - asked).to.equal(1);
    });

    it('picked, a suggestion is a job address that needs no geocoding', async () => {
      const [picked] = (await suggest('q=alexanderstra%C3%9Fe')).body.items;
      const asked = geocoding.queries.length;
      const { status, body } = await create({ text: picked.text, lat: picked.lat, lng: picked.lng });
      expect(status).to.equal(201);
      expect(body.values.vehicleLocation).to.deep.equal(picked);
      expect(geocoding.queries.length).to.equal(asked);
    });

    it('refuses too short a query and an unknown parameter, and needs a token', async () => {
      expect((await suggest('q=ab')).status).to.equal(400);
      expect((await suggest('q=alexanderplatz&near=berlin')).status).to.equal(400);
      expect((await suggest('q=alexanderplatz', '')).status).to.equal(401);
    });

    it('without a geocoder, says so instead of suggesting nothing', async () => {
      const plain = await startTestStack('no geocoder');
      try {
        const tenant = (await createDemoTenantIfMissing(plain.db))!;
        const answer = await plain.call('GET', '/v1/geocoding/suggestions?q=alexanderplatz', tenant.tokens.providerAdmin);
        expect(answer.status).to.equal(404);
        expect(answer.body.type).to.equal('https://installer-jobs.dev/problems/geocoding-not-configured');
        expect(answer.body.detail).to.match(/GEOCODER_URL/);
      } finally {
        await plain.stop();
      }
    });
  });
});
