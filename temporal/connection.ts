import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../common/config';
import { activeTracing } from '../observability/tracing';

/** Where and how to reach Temporal: an existing cluster from the SDK's TEMPORAL_* variables, or our dev server. */
export interface TemporalTarget {
  address: string;
  namespace: string;
  connectionOptions: ConnectionOptions;
  /** Human description for errors and start-up output. */
  describe: string;
}

export class TemporalUnreachableError extends Error {
  override name = 'TemporalUnreachableError';
}

export function temporalTarget(config: Config, devServerAddress?: string): TemporalTarget {
  if (config.temporal.externalAddress) {
    // The SDK's environment configuration reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
    // TEMPORAL_API_KEY, TEMPORAL_TLS_* and TEMPORAL_PROFILE (+ the TOML config file): one convention for CLI and app.
    const { connectionOptions, namespace } = loadClientConnectConfig();
    const address = connectionOptions.address ?? config.temporal.externalAddress;
    return {
      address,
      namespace: namespace ?? config.temporal.namespace,
      connectionOptions: { ...connectionOptions, address } as ConnectionOptions,
      describe: `Temporal at ${address} (TEMPORAL_ADDRESS)`,
    };
  }
  const address = devServerAddress ?? `127.0.0.1:${config.temporal.devServerPort}`;
  return {
    address,
    namespace: config.temporal.namespace,
    connectionOptions: { address },
    describe: `the Temporal dev server at ${address}`,
  };
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await withReachability(target, () =>
    Connection.connect({ connectTimeout: '10 seconds', ...target.connectionOptions }),
  );
  // With tracing on, each call is a span and carries the trace to the workflow (observability/tracing.ts).
  return new Client({ connection, namespace: target.namespace, interceptors: activeTracing()?.clientInterceptors });
}

export async function connectWorkerConnection(target: TemporalTarget): Promise<NativeConnection> {
  const { address, tls, apiKey, metadata } = target.connectionOptions;
  return withReachability(target, () =>
    NativeConnection.connect({ address, tls, apiKey: typeof apiKey === 'string' ? apiKey : undefined, metadata }),
  );
}

async function withReachability<T>(target: TemporalTarget, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    throw new TemporalUnreachableError(
      `Cannot reach ${target.describe}: ${(error as Error).message}. ` +
        (target.describe.includes('TEMPORAL_ADDRESS')
          ? 'Check the address, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY / TEMPORAL_TLS_* and that the cluster is up; unset TEMPORAL_ADDRESS to run the local dev server instead.'
          : 'The dev server did not come up; see its log in the data folder.'),
      { cause: error },
    );
  }
}
