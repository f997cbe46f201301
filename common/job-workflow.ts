import type { CompiledJobType } from '../definitions/compiled-job-type';
import type { Actor } from './job';

/** What the API hands a new job workflow. The workflow never reads job types or the database itself. */
export interface JobWorkflowInput {
  jobId: string;
  providerId: string;
  fleetId: string;
  /** The compiled definition, version and all: a running job never changes when a YAML file does. */
  jobType: CompiledJobType;
  values: Record<string, unknown>;
  customerName?: string;
  requestedStartAt?: string;
  createdBy: Actor;
  /** The API's clock when the request arrived: the job's creation time in the read model. */
  createdAt: string;
}
