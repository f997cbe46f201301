/**
 * Request and response bodies of /v1/jobs: validation, TypeScript types and API docs all come
 * from these. The list's query and page are in list-schema.ts.
 */
import { NOT_ONLY_BLANKS } from '../validate';
import { JOB_ID_PATTERN, JOB_STATUSES } from '../../common/job';
import { IMPORT_META_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_LISTED_PROBLEMS } from './import-format';
import { INSTALLER_VEHICLE_COMMANDS } from '../../common/job-messages';

const values = {
  type: 'object',
  description: 'Field values by field key. Every field is optional at creation; a value given by the provider is locked for the installer.',
  additionalProperties: true,
} as const;

/**
 * A customer's name as it enters (common/customer-names.ts): tidied — blanks at either end dropped,
 * a run inside made one space — and refused when only blanks; matched case-insensitively.
 */
const customerName = (description: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength: 200,
    pattern: NOT_ONLY_BLANKS,
    'x-tidyName': true,
    description: `${description} Kept without blanks at either end and with single spaces inside; blanks alone are refused as empty. Compared with a user's customers case-insensitively.`,
  }) as const;

export const createJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['jobTypeId', 'fleetId'],
  properties: {
    jobTypeId: { type: 'string', minLength: 1, description: 'Id of a job type in job-types/, e.g. cloudboxx-install.' },
    fleetId: { type: 'string', format: 'uuid', description: 'The fleet the vehicle belongs to.' },
    values: { ...values, default: {} },
    customerName: customerName(
      "The provider's customer the job is for; a dispatcher or customer-portal user names one of theirs, or leaves it out to use their only one.",
    ),
    requestedStartAt: {
      type: 'string',
      format: 'date-time',
      description: 'A wish, not a promise: when the work should start. RFC 3339 with Z or ±HH:MM (within ±14:00), years 1900–9999.',
    },
    installerCompanyId: {
      type: 'string',
      format: 'uuid',
      description: '"Save & Assign": assign the new job(s) at once to this company, which must have accepted an invitation for the fleet.',
    },
    count: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      description:
        'Create this many identical jobs (up to 1 000, started 24 at a time); the answer is then { items: [...] }. With an Idempotency-Key, a retry after a failure starts only the jobs still missing.',
    },
  },
} as const;

export const editJobBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    values: { ...values, description: "Merged into the job's values; a field set to null is cleared (and unlocked)." },
    customerName: {
      ...customerName('Another customer, or null for none; a dispatcher or customer-portal user names one of theirs and cannot clear it.'),
      type: ['string', 'null'],
    },
    requestedStartAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'A new wish (RFC 3339 with Z or ±HH:MM within ±14:00, years 1900–9999), or null to clear it.',
    },
  },
} as const;

export const assignJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['installerCompanyId'],
  properties: {
    installerCompanyId: { type: 'string', format: 'uuid', description: "A company whose invitation for the job's fleet is ACCEPTED." },
  },
} as const;

export const completeStepBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    values: { ...values, description: 'Values of the fields this step collects.' },
    checklist: {
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
      description:
        "The checklist items ticked off, as the step's checklist words them: all of them (else 422 checklist-incomplete) and no other (422 unknown-checklist-item).",
    },
  },
} as const;

export const failJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 2000,
      description: 'Why the job could not be completed, or why the company declines it: the provider reads it.',
    },
  },
} as const;

export const vehicleCommandBody = {
  type: 'object',
  additionalProperties: false,
  required: ['command'],
  properties: {
    command: {
      enum: ['lock', 'unlock', 'enableDriving', 'disableDriving', 'readState'],
      description: "Allowed when the job type's access.permissions include it.",
    },
    qnr: { type: 'string', pattern: '^[0-9A-F]{16}$', description: 'Which CloudBoxx, when the job has two (a swap).' },
  },
} as const;

export const saveValuesBody = {
  type: 'object',
  additionalProperties: false,
  required: ['values'],
  properties: {
    values: {
      ...values,
      minProperties: 1,
      description: 'Fields of steps not yet completed; null clears one. Locked fields cannot change.',
    },
  },
} as const;

// ── Responses ───────────────────────────────────────────────────────────────────────────────

const uuid = (description: string) => ({ type: 'string', format: 'uuid', description }) as const;
const dateTime = (description: string) => ({ type: 'string', format: 'date-time', description }) as const;
const dateTimeOrNull = (description: string) => ({ type: ['string', 'null'], format: 'date-time', description }) as const;

export const jobStep = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'status'],
  description: 'One step of the job, in the order the installer works through them.',
  properties: {
    id: { type: 'string', description: 'The step id from the job type, as in POST /v1/jobs/{id}/steps/{stepId}/complete.' },
    title: { type: 'string' },
    status: {
      enum: ['open', 'inProgress', 'done'],
      description: "inProgress: the step's action is running against the vehicle; its outcome follows on the job.",
    },
    completedAt: dateTime('When the installer completed it; absent while open.'),
    actionError: { type: 'string', description: "Why the step's last action failed; the installer may complete the step again." },
  },
} as const;

const reportedState = {
  type: 'object',
  additionalProperties: false,
  properties: { centralLock: { enum: ['locked', 'unlocked'] }, drivingEnabled: { type: 'boolean' } },
} as const;

export const jobVehicle = {
  type: 'object',
  additionalProperties: false,
  description: "The job's vehicle: its CloudBoxx once known, and how it was left when access ended.",
  properties: {
    qnr: { type: 'string', description: "QNR of the job's CloudBoxx (in a swap: the new box), once the provider or a step gave it." },
    oldQnr: { type: 'string', description: 'A swap: the QNR of the box taken out.' },
    security: {
      type: 'object',
      additionalProperties: false,
      required: ['state'],
      description:
        "What the engine did to the vehicle when access ended (the job type's access.onEnd); absent while access is open or was never opened.",
      properties: {
        state: {
          enum: ['pending', 'secured', 'notSecured', 'notRequired'],
          description:
            "pending: the job type's access.onEnd commands are being sent, retried until OneAPI answers (detail says what is being done to the vehicle); secured: every command landed and the vehicle reported it; notSecured: the vehicle reported another state or cannot be reached — check it; notRequired: the job type leaves the vehicle as it is, or no box was ever known.",
        },
        securedAt: dateTime('When the vehicle reported the commanded state.'),
        detail: { type: 'string', description: 'Why not (yet), or which commands the vehicle model cannot do.' },
        commands: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['command', 'outcome'],
            properties: {
              command: { enum: ['lock', 'disableDriving'] },
              outcome: {
                enum: ['done', 'skipped', 'mismatch'],
                description: 'skipped: the vehicle model cannot do it (OneAPI capabilities); mismatch: the vehicle reports another state.',
              },
              reported: reportedState,
            },
          },
        },
      },
    },
  },
} as const;

export const accessGrant = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['grantId', 'permissions', 'grantedAt', 'expiresAt'],
  description: 'The job-scoped vehicle access opened when the installer started the job; null before that.',
  properties: {
    grantId: { type: 'string' },
    permissions: {
      type: 'array',
      items: { type: 'string' },
      description: "What the installer may do to the vehicle: the job type's access.permissions.",
    },
    grantedAt: dateTime('When the job was started.'),
    expiresAt: dateTime('When the access ends at the latest; the job fails if it is still RUNNING then.'),
    revokedAt: dateTime('When the access was closed, because the job ended or the access expired; absent while open.'),
    revokeReason: {
      type: 'string',
      description: 'Why the access was closed (e.g. "job succeeded", or the deadline that passed); absent while open.',
    },
  },
} as const;

/** A job as the read model shows it: the answer of every job route, and of each item of the list. */
export const jobResource = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'status',
    'jobType',
    'fleetId',
    'installerCompanyId',
    'customerName',
    'requestedStartAt',
    'values',
    'lockedFields',
    'steps',
    'lastCompletedStep',
    'lastCompletedStepTitle',
    'failureReason',
    'accessGrant',
    'vehicle',
    'workflowId',
    'createdAt',
    'updatedAt',
    'assignedAt',
    'startedAt',
    'finishedAt',
  ],
  description: 'The job as it is now.',
  properties: {
    id: { type: 'string', pattern: JOB_ID_PATTERN.source, description: 'The job id, e.g. J-01HZX3K9QF.' },
    status: { enum: JOB_STATUSES, description: 'PENDING → ASSIGNED → RUNNING → SUCCEEDED or FAILED.' },
    jobType: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'version', 'title'],
      description: 'The job type and the version the job was created with; the job keeps that version for life.',
      properties: {
        id: { type: 'string' },
        version: { type: 'integer', minimum: 1 },
        title: {
          type: ['string', 'null'],
          description: "The job type's title in that version; null for a job not changed since before titles were kept.",
        },
      },
    },
    fleetId: uuid('The fleet the vehicle belongs to.'),
    installerCompanyId: {
      type: ['string', 'null'],
      format: 'uuid',
      description: 'The installer company the job is assigned to; null while PENDING.',
    },
    customerName: { type: ['string', 'null'], description: "The provider's customer the job is for; null when none was given." },
    requestedStartAt: dateTimeOrNull('When the provider wishes the work to start; null when no wish was given.'),
    values: {
      type: 'object',
      additionalProperties: true,
      description: 'Field values by field key (see GET /v1/job-types/{id} for the fields); a blank field is absent.',
    },
    lockedFields: {
      type: 'array',
      items: { type: 'string' },
      description: 'Keys of the fields the provider set: the installer reads but cannot change them.',
    },
    steps: { type: 'array', items: jobStep, description: 'The steps that apply to this job, in order.' },
    lastCompletedStep: { type: ['string', 'null'], description: 'Id of the last step completed; null before the first.' },
    lastCompletedStepTitle: {
      type: ['string', 'null'],
      description: 'Title of the last step completed, as the list shows it; null before the first.',
    },
    failureReason: {
      type: ['string', 'null'],
      description: "Why the job FAILED: the installer's explanation, or the deadline it missed; null unless FAILED.",
    },
    accessGrant,
    vehicle: jobVehicle,
    workflowId: { type: 'string', description: 'The Temporal workflow that runs the job, for operators.' },
    createdAt: dateTime('When the job was created.'),
    updatedAt: dateTime('When the job last changed.'),
    assignedAt: dateTimeOrNull('When the job was assigned; null while PENDING.'),
    startedAt: dateTimeOrNull('When the installer started the job; null before that.'),
    finishedAt: dateTimeOrNull('When the job SUCCEEDED or FAILED; null until then.'),
  },
} as const;

/** POST /v1/jobs with `count`. */
export const createdJobs = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  description: 'With count: the jobs created, in order.',
  properties: { items: { type: 'array', items: jobResource } },
} as const;

export const createJobAnswer = {
  oneOf: [jobResource, createdJobs],
  description: 'The new job; with count, { items } holding the new jobs.',
} as const;

export const actor = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'userId', 'organisationId', 'role'],
      description: 'A person, through the API.',
      properties: {
        kind: { const: 'user' },
        userId: uuid('The user.'),
        organisationId: uuid('Their provider or installer company.'),
        role: {
          type: 'string',
          description:
            'The role they acted in: provider_admin, provider_dispatcher, provider_customer (a customer-portal user), installer_admin or installer_technician.',
        },
        email: { type: 'string', format: 'email' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'reason'],
      description: 'The engine itself: a deadline or an expired access.',
      properties: { kind: { const: 'system' }, reason: { type: 'string', description: 'What made it act, e.g. deadline.' } },
    },
  ],
  description: 'Who did it.',
} as const;

/** An event's id: 18 digits at most, so that any cursor the pattern lets through is a Postgres bigint. */
const JOB_EVENT_CURSOR = '^[0-9]{1,18}$';
export const JOB_EVENTS_PAGE = { default: 500, max: 1000 } as const;

export const jobEventsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: JOB_EVENTS_PAGE.max,
      default: JOB_EVENTS_PAGE.default,
      description: 'Events per page.',
    },
    cursor: {
      type: 'string',
      pattern: JOB_EVENT_CURSOR,
      description: "The nextCursor of the previous page, to read on (later events); one of another job's trail answers 400.",
    },
  },
} as const;

export const jobEvents = {
  type: 'object',
  additionalProperties: false,
  required: ['events', 'nextCursor'],
  description: "The job's audit trail, oldest first, a page at a time.",
  properties: {
    nextCursor: {
      type: ['string', 'null'],
      pattern: JOB_EVENT_CURSOR,
      description:
        "Send as cursor for the next page; null on the last page (a later request may find events added since). While the job runs, an event recorded late (a step's action start, with its outcome) may fall on a page already read: read again from the start, or follow the event stream.",
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'actor', 'data', 'occurredAt'],
        properties: {
          type: {
            type: 'string',
            description:
              'What happened: job.created, job.edited, job.assigned, job.started, step.completed, values.saved, vehicle.command, vehicle.command.failed, job.succeeded, job.failed.',
          },
          actor,
          data: {
            type: 'object',
            additionalProperties: true,
            description: 'The particulars, depending on type: the values given, the step, the command and its result, the reason.',
          },
          occurredAt: dateTime('When it happened.'),
        },
      },
    },
  },
} as const;

export const vehicleCommandAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['qnr', 'command', 'state'],
  description: 'The command went through; the vehicle state the CloudBoxx reported back.',
  properties: {
    qnr: { type: 'string', pattern: '^[0-9A-F]{16}$', description: 'The CloudBoxx the command went to.' },
    command: { enum: INSTALLER_VEHICLE_COMMANDS },
    state: {
      type: 'object',
      additionalProperties: false,
      description: 'What the vehicle reported; which properties are present depends on its model.',
      properties: {
        centralLock: { enum: ['locked', 'unlocked'] },
        drivingEnabled: { type: 'boolean', description: 'False while the immobiliser is engaged; absent on vehicles without one.' },
        modifiedAt: dateTime('When the CloudBoxx reported this state.'),
        odometerKm: { type: 'number', minimum: 0, description: 'Odometer reading in kilometres, where the vehicle reports one.' },
        fuelLevelPercent: { type: 'number', minimum: 0, maximum: 100, description: 'Fuel level, on combustion vehicles that report it.' },
        batteryLevelPercent: {
          type: 'number',
          minimum: 0,
          maximum: 100,
          description: 'Battery state of charge, on electric vehicles that report it.',
        },
      },
    },
  },
} as const;

// ── CSV import ──────────────────────────────────────────────────────────────────────────────

const trueOrFalse = (description: string) => ({ enum: ['true', 'false'], description }) as const;

/** POST /v1/jobs/import: what the CSV rows become is said in the query; the body is the CSV itself. */
export const importJobsQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['jobTypeId', 'fleetId'],
  properties: {
    jobTypeId: {
      type: 'string',
      minLength: 1,
      description: "The job type of every row: its field keys are the CSV's columns (GET /v1/job-types/{id}).",
    },
    fleetId: { type: 'string', format: 'uuid', description: 'The fleet of every row.' },
    dryRun: trueOrFalse('true: check every row and answer its problems (200); nothing is created.'),
    atomic: trueOrFalse('true: create every row or none — any problem answers 422 with all of them.'),
  },
} as const;

/**
 * The CSV body, as the OpenAPI document states it: any text, whose problems the answer lists by row
 * and column. No `type: string` (a fuzzer takes it to mean that a number or a list sent as text is
 * refused; the API reads it as text like any other) and no maxLength (the limit is on bytes, not characters).
 */
export const importCsvBody = {
  description: `Any text, read as CSV (RFC 4180; comma, semicolon or tab, whichever the header row holds most of; UTF-8 unless Content-Type names another charset), at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB and ${MAX_IMPORT_ROWS} rows under the header (413 beyond either). The header names the columns: the job type's field keys, and ${IMPORT_META_COLUMNS.join(', ')}. A cell is read without blanks at either end unless it is quoted: a quoted cell is taken as written, blanks included (an enum option " x "), though numbers, true/false, dates and ids never keep them; customerName is tidied as in POST /v1/jobs. An empty cell gives no value; a blank line is skipped.`,
} as const;

const importProblem = {
  type: 'object',
  additionalProperties: false,
  required: ['row', 'message', 'rule'],
  properties: {
    row: { type: 'integer', minimum: 1, description: 'The row in the file, the header being row 1.' },
    column: {
      type: 'string',
      description: 'The column, as the header names it (or the field it should name); absent for the row as a whole.',
    },
    message: { type: 'string', description: 'What is wrong, in the words the create form uses.' },
    rule: {
      type: 'string',
      description:
        "The rule broken: a field's (required, type, pattern, enum, format, minimum …) or the file's (unknownColumn, duplicateColumn, columns, csv, empty, invitation, customer, geocode).",
    },
  },
} as const;

/** What an import did, or (dryRun) would do. */
export const jobImport = {
  type: 'object',
  additionalProperties: false,
  required: ['dryRun', 'rows', 'validRows', 'created', 'problems', 'problemCount'],
  description: 'Which row became which job, and the problems of the rows that did not (or, in a dry run, would not).',
  properties: {
    dryRun: { type: 'boolean' },
    rows: { type: 'integer', minimum: 0, description: 'Rows under the header, blank lines not counted.' },
    validRows: { type: 'integer', minimum: 0, description: 'Rows without a problem: those created, or those a dry run would create.' },
    created: {
      type: 'array',
      description: 'One entry per job created, in the order of the rows; empty in a dry run.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['row', 'jobId'],
        properties: {
          row: { type: 'integer', minimum: 2, description: 'The row in the file, the header being row 1.' },
          jobId: { type: 'string', pattern: JOB_ID_PATTERN.source },
        },
      },
    },
    problems: {
      type: 'array',
      items: importProblem,
      description: `Every problem by row and column, in the order of the file (the first ${MAX_LISTED_PROBLEMS} if there are more).`,
    },
    problemCount: { type: 'integer', minimum: 0, description: 'How many problems there are in all.' },
  },
} as const;
