/**
 * Tracing can be switched on (OTEL_EXPORTER_OTLP_ENDPOINT) while jobs run: the workers then carry
 * the SDK's workflow interceptors in their bundle, and replay runs recorded without them. The
 * interceptors add no command, so every recorded history must replay with them as it does without
 * (replay.test.ts) — and replaying must export no span a second time (sinks are not called then).
 */
import fs from 'node:fs';
import path from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { expect } from 'chai';
import { jobWorkflowId } from '../../common/job';
import { startTracing, type Tracing } from '../../observability/tracing';
import { bundleJobWorkflows } from '../../worker/bundle';

const HISTORIES_DIR = path.join(__dirname, 'histories');

describe('replaying recorded job histories with the tracing interceptors bundled', function () {
  this.timeout(180_000);
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let bundle: WorkflowBundle;
  const files = fs
    .readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();

  before(async () => {
    tracing = startTracing({ serviceName: 'replay', spanProcessor: new SimpleSpanProcessor(exporter) });
    bundle = await bundleJobWorkflows();
    expect(bundle.code, 'the bundle carries the workflow interceptors').to.include('OpenTelemetryInboundInterceptor');
  });
  after(async () => tracing?.stop());

  it('has histories to replay', () => expect(files).to.not.be.empty);

  for (const file of files) {
    it(`replays ${file}`, async () => {
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
      const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      const { jobId } = JSON.parse(Buffer.from(payload!.data!).toString('utf8')) as { jobId: string };
      await Worker.runReplayHistory({ workflowBundle: bundle, ...tracing.workerOptions }, history, jobWorkflowId(jobId));
      await tracing.forceFlush();
      expect(
        exporter.getFinishedSpans().map((span) => span.name),
        'a replay exports nothing',
      ).to.deep.equal([]);
    });
  }
});
