#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the CLI, `npm start` and the tests share one code path with no build step.
require('tsx/cjs');
// Tracing (OTEL_EXPORTER_OTLP_ENDPOINT) hooks require() to instrument pg, so it starts before anything else loads;
// with no endpoint set it loads nothing of OpenTelemetry.
try {
  require('../observability/tracing.ts').startTracingFor(process.argv[2]);
} catch (error) {
  console.error(`\n✖ ${error.message}`);
  process.exit(1);
}
require('../cli/main.ts');
