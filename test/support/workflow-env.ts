import { randomUUID } from 'node:crypto';
import { jobWorkflow } from '../../workflows';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { createActivities } from '../../activities';
import { jobWorkflowId, type Actor, type JobSnapshot } from '../../common/job';
import { jobCreatedUpdate, jobSnapshotQuery } from '../../common/job-messages';
import { JOB_WORKFLOW_GENERATION, type JobWorkflowInput } from '../../common/job-workflow';
import { ALL_SEARCH_ATTRIBUTES } from '../../common/search-attributes';
import { newJobId } from '../../common/job-id';
import type { Db } from '../../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { registerJobTypes } from '../../db/job-type-versions';
import { createInstallerCompany } from '../../db/tenancy';
import { loadConfig } from '../../common/config';
import { JobTypeCatalog } from '../../definitions/catalog';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { freshDatabase, timeSkippingServerPath, workflowBundle } from './services';
import { startSimulatedOneApi, type SimulatedOneApi } from './oneapi';

/**
 * Job workflows on the Java time-skipping server (hours of deadlines in seconds) with the real
 * activities writing to a real Postgres database of the suite's own.
 */
export class JobWorkflowEnv {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: Db,
    readonly tenant: DemoTenant,
    readonly jobTypes: JobTypeCatalog,
    /** The OneAPI simulator (empty fleet: tests seed the vehicles they need) and a real client for it. */
    readonly oneApi: SimulatedOneApi,
  ) {}

  static async create(suite: string): Promise<JobWorkflowEnv> {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
    // The test server has no start flag for them, but accepts the operator call.
    await env.connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: Object.fromEntries(
        ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]]),
      ),
    });
    const { db } = await freshDatabase(suite);
    const jobTypes = await JobTypeCatalog.load(loadConfig().jobTypesDir);
    await registerJobTypes(db, jobTypes.list());
    const tenant = (await createDemoTenantIfMissing(db))!;
    return new JobWorkflowEnv(env, db, tenant, jobTypes, await startSimulatedOneApi());
  }

  private readonly workflowIds: string[] = [];
  /** The task queue of the test's worker, for helpers that create jobs on it. */
  currentTaskQueue?: string;

  /**
   * The time-skipping server skips time only when no workflow task is outstanding: a job left
   * waiting on a deadline by an earlier test, whose worker is gone, would stop the clock for all.
   */
  async terminateUnfinishedJobs(): Promise<void> {
    for (const workflowId of this.workflowIds.splice(0)) {
      const handle = this.env.client.workflow.getHandle(workflowId);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test finished');
    }
  }

  async teardown(): Promise<void> {
    await this.env.teardown();
    await this.oneApi.simulator.close();
  }

  /** A worker on a task queue of its own, for one test; run the test's body inside `worker.runUntil`. */
  async worker(): Promise<{ worker: Worker; taskQueue: string }> {
    const taskQueue = `wf-${randomUUID()}`;
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ db: this.db, gateway: this.oneApi.client }),
    });
    return { worker, taskQueue };
  }

  get providerAdmin(): Actor {
    return { kind: 'user', userId: this.tenant.userIds.providerAdmin, organisationId: this.tenant.providerId, role: 'provider_admin' };
  }

  get technician(): Actor {
    return {
      kind: 'user',
      userId: this.tenant.userIds.installerTechnician,
      organisationId: this.tenant.installerCompanyId,
      role: 'installer_technician',
    };
  }

  async otherCompany(): Promise<Actor> {
    const company = await createInstallerCompany(this.db, {
      name: `Uninvited ${randomUUID()}`,
      adminEmail: `${randomUUID()}@elsewhere.example`,
    });
    return { kind: 'user', userId: company.adminUserId, organisationId: company.companyId, role: 'installer_admin' };
  }

  jobType(id: string): CompiledJobType {
    const jobType = this.jobTypes.get(id);
    if (!jobType) throw new Error(`no job type ${id}`);
    return jobType;
  }

  /** Creates a job the way the API does: update-with-start, answered once the row is written. */
  async createJob(
    taskQueue: string,
    jobType: string | CompiledJobType,
    values: Record<string, unknown>,
  ): Promise<{ handle: WorkflowHandle; created: JobSnapshot }> {
    const jobId = newJobId();
    const input: JobWorkflowInput = {
      generation: JOB_WORKFLOW_GENERATION,
      jobId,
      providerId: this.tenant.providerId,
      fleetId: this.tenant.fleetId,
      jobType: typeof jobType === 'string' ? this.jobType(jobType) : jobType,
      values,
      createdBy: this.providerAdmin,
      createdAt: new Date(await this.env.currentTimeMs()).toISOString(),
    };
    const start = new WithStartWorkflowOperation(jobWorkflow, {
      workflowId: jobWorkflowId(jobId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
    });
    this.workflowIds.push(jobWorkflowId(jobId));
    await this.env.client.workflow.executeUpdateWithStart(jobCreatedUpdate, { startWorkflowOperation: start });
    // The time-skipping client's own handle: its result() lets the server skip time while it waits.
    const handle = this.env.client.workflow.getHandle(jobWorkflowId(jobId));
    return { handle, created: await handle.query(jobSnapshotQuery) };
  }

  async row(jobId: string) {
    return this.db('jobs').where({ id: jobId }).first();
  }

  async grant(jobId: string) {
    return this.db('access_grants').where({ job_id: jobId }).first();
  }

  async eventTypes(jobId: string): Promise<string[]> {
    return (await this.db('job_events').where({ job_id: jobId }).orderBy('id').select('type')).map((row) => row.type);
  }
}
