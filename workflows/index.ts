// The worker bundles this file: export every workflow, import nothing that does I/O.
export { jobWorkflow } from './job';
export { photoHousekeepingWorkflow } from './photo-housekeeping';
export { invitationMailWorkflow } from './invitation-mail';
export { welcomeMailWorkflow } from './welcome-mail';
export { webhookDispatcherWorkflow } from './webhook-dispatcher';
export { webhookEndpointWorkflow } from './webhook-endpoint';
