import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTracing, type Tracing } from '../../observability/tracing';
import { bundleJobWorkflows } from '../../worker/bundle';
import { uploadPhoto } from '../support/photos';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const DEMO_QNR = 'C693EE96ADAEF932'; // a CloudBoxx of the simulator's demo fleet

/**
 * Tracing as `installer-jobs api` and `worker` run it with OTEL_EXPORTER_OTLP_ENDPOINT set — the same
 * SDK, instrumentations and Temporal interceptors — but with the spans kept in memory, so that one
 * request's trace can be followed from the API through Temporal and the workflow into the activities.
 */
describe('tracing: one request, one trace, from the API through the workflow to Postgres and OneAPI', function () {
  this.timeout(120_000);
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    tracing = startTracing({ serviceName: 'installer-jobs-test', spanProcessor: new SimpleSpanProcessor(exporter) });
    // The bundle with the SDK's workflow interceptors (its own cache key), as a traced worker builds it.
    stack = await startTestStack('tracing', { workflowBundle: await bundleJobWorkflows() });
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => {
    await stack?.stop();
    await tracing?.stop();
  });

  const provider = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);

  /** The spans of the trace whose server span answered `method route`, once the work after the answer has ended too. */
  async function traceOf(method: string, route: string, until: (spans: ReadableSpan[]) => boolean): Promise<Trace> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await tracing.forceFlush();
      const server = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.name === `${method} ${route}`);
      const spans = server ? exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === server.spanContext().traceId) : [];
      if (server && until(spans)) return new Trace(server, spans);
      if (Date.now() > deadline)
        expect.fail(`no complete trace of ${method} ${route}; spans seen: ${exporter.getFinishedSpans().map((span) => span.name)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('creating a job: server span, the update-with-start, the workflow, the read model activity and its Postgres queries', async () => {
    exporter.reset();
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    expect(created.status, created.text).to.equal(201);

    const trace = await traceOf('POST', '/v1/jobs', (spans) => spans.some((span) => span.name.startsWith('RunActivity:')));
    const server = trace.root;
    expect(server.attributes['http.route']).to.equal('/v1/jobs');
    const update = trace.one('UpdateWithStartWorkflow:jobCreated');
    expect(trace.isBelow(update, server), 'the Temporal client call is part of the request').to.equal(true);
    // The run's own span (RunWorkflow) ends with the job; what it schedules is exported at once and points at it.
    const scheduled = trace.named(/^StartActivity:/);
    expect(scheduled, 'the workflow scheduled an activity within the trace').to.not.be.empty;
    const run = trace.named(/^RunActivity:/).find((span) => scheduled.some((start) => start.spanContext().spanId === span.parentSpanId));
    expect(run, 'an activity run under the workflow that scheduled it').to.not.equal(undefined);
    const queries = trace.spans.filter((span) => span.attributes['db.system'] === 'postgresql');
    expect(
      queries.some((query) => trace.isBelow(query, run!)),
      `a Postgres query of the activity ${run!.name}`,
    ).to.equal(true);
    expect(
      queries.some((query) => query.parentSpanId === server.spanContext().spanId),
      "and the API's own",
    ).to.equal(true);
  });

  it('completing a step with a vehicle action: the update, its handling in the workflow, the action activity and its OneAPI calls', async () => {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    const jobId: string = created.body.id;
    await provider('POST', `/v1/jobs/${jobId}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${jobId}/start`);
    const [odometerPhoto, boxPhoto] = [
      await uploadPhoto(stack.baseUrl, jobId, demo.tokens.installerTechnician),
      await uploadPhoto(stack.baseUrl, jobId, demo.tokens.installerTechnician),
    ];
    const checklist = (stepId: string) => stack.jobTypes.get('cloudboxx-install')!.steps.find((step) => step.id === stepId)!.checklist;
    const checkIn = {
      vin: 'WVWZZZCDZMW072341',
      brand: 'Volkswagen',
      model: 'Golf',
      fuelType: 'petrol',
      odometerKm: 1200,
      photoOdometer: { photoId: odometerPhoto },
    };
    await installer('POST', `/v1/jobs/${jobId}/steps/check-in/complete`, { values: checkIn, checklist: checklist('check-in') });
    const mount = { boxQnr: DEMO_QNR, boxSerial: 'CBX98765', keyHolderType: 'none', photoMountedBox: { photoId: boxPhoto } };
    await installer('POST', `/v1/jobs/${jobId}/steps/mount/complete`, { values: mount, checklist: checklist('mount') });

    exporter.reset();
    const configured = await installer('POST', `/v1/jobs/${jobId}/steps/configure/complete`, { checklist: checklist('configure') });
    expect(configured.status, configured.text).to.equal(200);

    const route = '/v1/jobs/:id/steps/:stepId/complete';
    const trace = await traceOf('POST', route, (spans) =>
      spans.some((span) => span.kind === SpanKind.CLIENT && span.attributes['url.full'] !== undefined),
    );
    const server = trace.root;
    expect(server.name, 'named by route, no job id in it').to.equal(`POST ${route}`);
    const update = trace.one('StartWorkflowUpdate:completeStep');
    expect(trace.isBelow(update, server)).to.equal(true);
    const handled = trace.one('HandleUpdate:completeStep');
    expect(handled.parentSpanId, 'the workflow handles the update under the client call').to.equal(update.spanContext().spanId);
    const run = trace.named(/^RunActivity:/).find((span) => trace.isBelow(span, handled));
    expect(run, "the vehicle action's activity, under the workflow's handling").to.not.equal(undefined);
    const oneApiCalls = trace.spans.filter(
      (span) => span.kind === SpanKind.CLIENT && String(span.attributes['url.full']).startsWith(stack.simulator.url),
    );
    expect(oneApiCalls, 'the OneAPI calls').to.not.be.empty;
    for (const call of oneApiCalls) expect(trace.isBelow(call, run!), `${call.name} under ${run!.name}`).to.equal(true);
    const queries = trace.spans.filter((span) => span.attributes['db.system'] === 'postgresql');
    expect(
      queries.some((query) => trace.isBelow(query, run!)),
      'the Postgres queries of the activity (the vehicle calls it records)',
    ).to.equal(true);
    expect(
      queries.some((query) => query.parentSpanId === server.spanContext().spanId),
      "and the API's own (who asks, which job)",
    ).to.equal(true);
    // The spans say which job and service they are of.
    expect(handled.resource.attributes['service.name']).to.equal('installer-jobs-test');
    expect(handled.attributes).to.have.property('workflowId').that.includes(jobId);
  });
});

/** One trace's spans, with the parent links between them. */
class Trace {
  constructor(
    readonly root: ReadableSpan,
    readonly spans: ReadableSpan[],
  ) {}

  named(pattern: RegExp): ReadableSpan[] {
    return this.spans.filter((span) => pattern.test(span.name));
  }

  one(name: string): ReadableSpan {
    const found = this.spans.filter((span) => span.name === name);
    expect(
      found.map((span) => span.name),
      `one span ${name} in [${this.spans.map((span) => span.name)}]`,
    ).to.deep.equal([name]);
    return found[0]!;
  }

  /** Whether `span` descends from `ancestor` through spans of this trace. */
  isBelow(span: ReadableSpan, ancestor: ReadableSpan): boolean {
    const byId = new Map(this.spans.map((each) => [each.spanContext().spanId, each]));
    for (let parent = span.parentSpanId; parent !== undefined; parent = byId.get(parent)?.parentSpanId) {
      if (parent === ancestor.spanContext().spanId) return true;
    }
    return false;
  }
}
