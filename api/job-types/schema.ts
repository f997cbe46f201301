import { SOURCE_LIMIT } from './yaml-body';
import { sourceProblem } from '../problem-schema';
/**
 * Response bodies of /v1/job-types: the mappers' types and the API docs come from these. The enums
 * repeat the grammar's (job-types/schema/job-type.schema.json); the mappers' types stop a grammar
 * change that these do not follow.
 */
const orNull = (description: string) => ({ type: ['string', 'null'], description }) as const;
const valueSchema = { type: 'object', additionalProperties: true, description: 'A JSON Schema (draft 2020-12).' } as const;

export const jobTypeSummary = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title', 'description', 'owner', 'archived'],
  description: 'A job type new jobs can be created from, in its current version.',
  properties: {
    id: { type: 'string', description: 'The jobTypeId of POST /v1/jobs.' },
    version: { type: 'integer', minimum: 1, description: 'New jobs get this version; a job keeps the version it was created with.' },
    title: { type: 'string' },
    description: orNull('What the job type is for; null when the YAML has none.'),
    owner: {
      enum: ['builtin', 'provider'],
      description:
        "builtin: shipped with the server, for every provider; provider: your provider's own, published through PUT /v1/job-types/{id}.",
    },
    archived: {
      type: 'boolean',
      description:
        'Your provider retired it (its own: archived; a built-in: hidden): no new job or duplicate from it; jobs already created run on.',
    },
  },
} as const;

/** GET /v1/job-types?owner=…&archived=…: query strings hold strings only. */
export const jobTypeListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    owner: { enum: ['builtin', 'provider'], description: "Only built-in types, or only your provider's own." },
    archived: {
      enum: ['true', 'false'],
      description: 'true: only the types your provider retired (to bring one back); default false: those new jobs can use.',
    },
  },
} as const;

export const validationAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['valid', 'problems'],
  description: 'Whether the source could be published, and every problem in it.',
  properties: {
    valid: { type: 'boolean', description: 'No errors (warnings may remain).' },
    problems: { type: 'array', items: sourceProblem },
  },
} as const;

const actor = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'email'],
  properties: { userId: { type: 'string' }, email: { type: 'string' } },
} as const;

export const publishedJobType = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'status', 'contentHash', 'publishedAt', 'publishedBy', 'warnings'],
  description: 'The version published (201), or the identical one published before (200).',
  properties: {
    id: { type: 'string' },
    version: { type: 'integer', minimum: 1, description: 'New jobs of this type get this version from now on.' },
    status: {
      enum: ['published', 'unchanged'],
      description: 'published: a new version; unchanged: this content was the latest (or this very) version already.',
    },
    contentHash: { type: 'string', description: 'sha256 of the definition; formatting and comments do not count.' },
    publishedAt: { type: 'string', format: 'date-time' },
    publishedBy: actor,
    warnings: { type: 'array', items: sourceProblem, description: 'Worth reading; they did not stop publishing.' },
  },
} as const;

export const jobTypeHistory = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  description: "What your provider's admins did to the job type, oldest first.",
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'version', 'actor', 'occurredAt'],
        properties: {
          action: {
            enum: ['published', 'archived', 'unarchived'],
            description: 'For a built-in type, archived means hidden from your people.',
          },
          version: { type: ['integer', 'null'], description: 'The version published, or the latest one when archived or unarchived.' },
          actor,
          occurredAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;

export const previewBody = {
  type: 'object',
  additionalProperties: false,
  required: ['source'],
  properties: {
    // No maxLength: the limit is on bytes (UTF-8), which a schema counting characters cannot state.
    source: { type: 'string', description: `The YAML source of the job type, as PUT /v1/job-types/{id} takes it: ${SOURCE_LIMIT}.` },
    values: { type: 'object', additionalProperties: true, description: 'Sample provider values, as `values` of POST /v1/jobs.' },
  },
} as const;

export const previewAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['valid', 'problems', 'preview'],
  description: 'What a job of this type would look like with these values; preview is null while the source has errors.',
  properties: {
    valid: { type: 'boolean' },
    problems: { type: 'array', items: sourceProblem, description: "The source's problems." },
    preview: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['steps', 'lockedFields', 'configuration', 'unresolvedPlaceholders', 'problems'],
      properties: {
        steps: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'title', 'applies'],
            properties: {
              id: { type: 'string' },
              title: { type: 'string' },
              applies: { type: 'boolean', description: "False when the step's `when` excludes it for these values." },
            },
          },
        },
        lockedFields: { type: 'array', items: { type: 'string' }, description: 'Fields the installer would read but not change.' },
        configuration: {
          type: ['object', 'null'],
          additionalProperties: true,
          description: 'The CloudBoxx configuration as it would be rendered; null when the type configures nothing.',
        },
        unresolvedPlaceholders: {
          type: 'array',
          items: { type: 'string' },
          description: 'Placeholders the sample values leave open (the installer fills them later).',
        },
        problems: {
          type: 'array',
          description: 'What is wrong with the sample values, as POST /v1/jobs would refuse them.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['pointer', 'message'],
            properties: { pointer: { type: 'string' }, message: { type: 'string' }, rule: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

export const jobTypeList = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  description: 'The job types new jobs can be created from.',
  properties: { items: { type: 'array', items: jobTypeSummary } },
} as const;

const fieldDefault = {
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      description: 'An address.',
      properties: { text: { type: 'string' }, lat: { type: 'number' }, lng: { type: 'number' } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['photoId'],
      description: 'A photo.',
      properties: { photoId: { type: 'string' } },
    },
    { type: 'null' },
  ],
  description: 'Suggested value to pre-fill; null when there is none.',
} as const;

const field = {
  type: 'object',
  additionalProperties: false,
  required: [
    'key',
    'label',
    'description',
    'section',
    'type',
    'required',
    'preset',
    'presetLocks',
    'multiple',
    'default',
    'validation',
    'collectedBy',
    'valueSchema',
  ],
  properties: {
    key: { type: 'string', description: "The key in a job's values." },
    label: { type: 'string' },
    description: orNull('Help text for the person filling the field; null when there is none.'),
    section: { type: 'string', description: 'Id of the section the field is shown in.' },
    type: { enum: ['string', 'text', 'integer', 'number', 'boolean', 'enum', 'date', 'datetime', 'address', 'photo'] },
    required: { type: 'boolean', description: 'The job cannot succeed while it is blank.' },
    preset: {
      enum: ['allowed', 'forbidden', 'required'],
      description: 'allowed: the provider may fill it at creation; required: must; forbidden: only the installer fills it.',
    },
    presetLocks: { type: 'boolean', description: 'A value given at creation is locked: the installer reads it but cannot change it.' },
    multiple: {
      type: 'boolean',
      description:
        'A photo field taking a list of photos, [{photoId}, …], between validation.minItems (default 1) and maxItems (default 20).',
    },
    default: fieldDefault,
    validation: {
      type: 'object',
      additionalProperties: false,
      description: 'The rules a value must meet, on both sides; valueSchema says the same as a JSON Schema.',
      properties: {
        pattern: { type: 'string', description: 'ECMAScript regular expression the whole value must match.' },
        patternMessage: { type: 'string', description: 'What to tell someone whose value does not match: completes "<label> …".' },
        minLength: { type: 'integer' },
        maxLength: { type: 'integer' },
        minimum: { type: 'number' },
        maximum: { type: 'number' },
        minItems: { type: 'integer', description: 'Fewest photos of a photo field with multiple: true.' },
        maxItems: { type: 'integer', description: 'Most photos of a photo field with multiple: true.' },
        options: {
          type: 'array',
          description: 'The choices of an enum field, in display order.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['value', 'label'],
            properties: { value: { type: 'string' }, label: { type: 'string' } },
          },
        },
      },
    },
    collectedBy: orNull('The step in which the installer fills it; null when only the provider can.'),
    valueSchema: { ...valueSchema, description: "A JSON Schema (draft 2020-12) of the field's value." },
  },
} as const;

const step = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'description', 'collect', 'checklist', 'action', 'qnrField', 'actionTimeoutMs', 'fills', 'when'],
  properties: {
    id: { type: 'string', description: 'The stepId of POST /v1/jobs/{id}/steps/{stepId}/complete.' },
    title: { type: 'string' },
    description: orNull('What to do; null when the YAML says nothing more than the title.'),
    collect: { type: 'array', items: { type: 'string' }, description: 'Keys of the fields the installer fills in this step.' },
    checklist: { type: 'array', items: { type: 'string' }, description: 'Items the installer must tick off to complete the step.' },
    action: {
      enum: ['cloudboxx.applyConfiguration', 'cloudboxx.verifyLockUnlock', 'cloudboxx.readVehicleState', null],
      description: 'What completing the step does to the CloudBoxx; null when nothing.',
    },
    qnrField: orNull('The field holding the QNR of the box the action talks to; null without an action.'),
    actionTimeoutMs: {
      type: ['integer', 'null'],
      description: 'How long the step waits for the box before it fails; null without an action.',
    },
    fills: {
      type: 'object',
      additionalProperties: { enum: ['odometerKm', 'fuelLevelPercent', 'batteryLevelPercent', 'centralLock', 'drivingEnabled'] },
      description: "Fields the action fills from the vehicle's answer (locked once filled): field key → what the vehicle reported.",
    },
    when: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['field'],
      description:
        'The step applies only to jobs whose field has this value (equals) or one of these values (in); exactly one of the two is given. null: to every job.',
      properties: { field: { type: 'string' }, equals: { type: ['string', 'boolean'] }, in: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;

export const jobTypeResource = {
  type: 'object',
  additionalProperties: false,
  required: [
    ...jobTypeSummary.required,
    'versions',
    'source',
    'sections',
    'fields',
    'steps',
    'vehicle',
    'access',
    'deadlines',
    'valueSchemas',
  ],
  description:
    'A job type (its current version, or the one asked for) with everything a portal needs to render and pre-check its create form.',
  properties: {
    ...jobTypeSummary.properties,
    versions: {
      type: 'array',
      description: 'Every version published, oldest first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['version', 'publishedAt', 'publishedBy'],
        properties: {
          version: { type: 'integer', minimum: 1 },
          publishedAt: { type: 'string', format: 'date-time', description: 'For a built-in type: when the server first loaded it.' },
          publishedBy: {
            anyOf: [actor, { type: 'null' }],
            description: "Who published it, for the owner's provider admins; null for a built-in type and for everyone else.",
          },
        },
      },
    },
    source: orNull(
      "The YAML as published, for the owner's provider admins, and of a built-in type (its shipped version) for any provider admin to copy; null for everyone else.",
    ),
    sections: {
      type: 'array',
      description: 'Groups of fields, in the order forms show them.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'description'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          description: orNull('Help text under the heading; null when there is none.'),
        },
      },
    },
    fields: { type: 'array', items: field },
    steps: { type: 'array', items: step, description: 'What the installer does, in this order.' },
    vehicle: {
      type: 'object',
      additionalProperties: false,
      required: ['qnrField', 'oldQnrField', 'vinField', 'knownToOneApi'],
      description: "Which fields name the job's vehicle.",
      properties: {
        qnrField: { type: 'string', description: "The field holding the job's CloudBoxx QNR (in a swap: the new box)." },
        oldQnrField: orNull('A swap: the field holding the QNR of the box taken out.'),
        vinField: orNull('The field holding the VIN compared with OneAPI before configuring.'),
        knownToOneApi: { type: 'boolean', description: 'False when the box goes into a vehicle OneAPI does not know yet.' },
      },
    },
    access: {
      type: 'object',
      additionalProperties: false,
      required: ['permissions', 'maxDurationMs', 'onEnd'],
      description: 'The vehicle access the installer gets when starting a job.',
      properties: {
        permissions: { type: 'array', items: { enum: ['lock', 'unlock', 'enableDriving', 'disableDriving', 'readState', 'configure'] } },
        maxDurationMs: { type: 'integer', description: 'How long it lasts at most, from the start of the job.' },
        onEnd: {
          type: 'array',
          items: { enum: ['lock', 'disableDriving'] },
          description: 'What the engine does to the vehicle when access ends, however the job ends; [] leaves it as it is.',
        },
      },
    },
    deadlines: {
      type: 'object',
      additionalProperties: false,
      description: "Counted from the job's creation; a job that misses one FAILS. Absent: no such deadline.",
      properties: { startWithinMs: { type: 'integer' }, completeWithinMs: { type: 'integer' } },
    },
    valueSchemas: {
      type: 'object',
      additionalProperties: false,
      required: ['provider', 'steps'],
      description: 'JSON Schemas to check a form before sending it.',
      properties: {
        provider: { ...valueSchema, description: 'For `values` of POST /v1/jobs.' },
        steps: {
          type: 'object',
          additionalProperties: valueSchema,
          description: 'For `values` of POST /v1/jobs/{id}/steps/{stepId}/complete, by step id.',
        },
      },
    },
  },
} as const;
