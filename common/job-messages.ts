import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { JobSnapshot } from './job';

/**
 * The job workflow's message contract, shared by the workflow and its callers.
 * Every change is an Update: the caller learns synchronously whether it was accepted, and the
 * read model already shows it when the answer arrives.
 */

/** Sent with the workflow start (update-with-start): answers once the new job is in the read model. */
export const jobCreatedUpdate = defineUpdate<JobSnapshot>('jobCreated');

export const jobSnapshotQuery = defineQuery<JobSnapshot>('jobSnapshot');
