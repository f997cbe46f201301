import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * What an operator filters by in the Temporal UI (`JobStatus = "FAILED" AND FleetId = "…"`).
 * Registered by the dev server at start and by `installer-jobs temporal register-search-attributes`
 * on an existing cluster. All Keyword: the SQLite dev server allows ten per namespace.
 */
export const JobIdAttribute = defineSearchAttributeKey('JobId', SearchAttributeType.KEYWORD);
export const JobStatusAttribute = defineSearchAttributeKey('JobStatus', SearchAttributeType.KEYWORD);
export const JobTypeAttribute = defineSearchAttributeKey('JobType', SearchAttributeType.KEYWORD);
export const ProviderIdAttribute = defineSearchAttributeKey('ProviderId', SearchAttributeType.KEYWORD);
export const FleetIdAttribute = defineSearchAttributeKey('FleetId', SearchAttributeType.KEYWORD);
export const InstallerCompanyIdAttribute = defineSearchAttributeKey('InstallerCompanyId', SearchAttributeType.KEYWORD);
export const LastCompletedStepAttribute = defineSearchAttributeKey('LastCompletedStep', SearchAttributeType.KEYWORD);
/** pending, secured, notSecured, notRequired: `VehicleSecurity = "notSecured"` finds the cars to check by hand. */
export const VehicleSecurityAttribute = defineSearchAttributeKey('VehicleSecurity', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [
  JobIdAttribute,
  JobStatusAttribute,
  JobTypeAttribute,
  ProviderIdAttribute,
  FleetIdAttribute,
  InstallerCompanyIdAttribute,
  LastCompletedStepAttribute,
  VehicleSecurityAttribute,
] as const;
