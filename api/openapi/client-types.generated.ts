// GENERATED from the OpenAPI document (api/openapi/document.ts) by api/openapi/generate-client-types.ts
// with openapi-typescript. Do not edit: change the document and run `npm run api:generate-types`.
export type paths = {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: 200 whenever the process answers; it checks nothing the API depends on (that is /readyz). */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: 200 when Postgres and Temporal answer, a worker polls the task queue and the job types are loaded; 503 naming the part that is not. */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The job types new jobs can be created from: the built-in ones (but those your provider hid) and your provider's own, each in its latest version. */
    get: operations['listJobTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A job type with its sections, fields, rules and steps: everything a create form needs; its versions, and its source for provider admins. */
    get: operations['getJobType'];
    /** Publish your provider's own job type from its YAML (provider admin): 201 a new version, 200 the same content as a published one; 422 invalid-job-type lists every problem; 409 version-conflict for a version published with other content. */
    put: operations['publishJobType'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a YAML source as publishing would, saving nothing: every problem with line and column. */
    post: operations['validateJobType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** What a job of a YAML source would be with sample values: the steps that apply, locked fields, the CloudBoxx configuration and its open placeholders, the problems of the values. */
    post: operations['previewJobType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/{id}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One version of a job type, with its source for provider admins; an installer company reads the versions of the jobs assigned to it. */
    get: operations['getJobTypeVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who published, archived and unarchived the job type, when, which version (provider admin). */
    get: operations['getJobTypeHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** No new job or duplicate from this type (provider admin); running jobs go on. On a built-in type: hidden from your people. */
    post: operations['archiveJobType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/job-types/{id}/unarchive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** New jobs may use the type again (provider admin). */
    post: operations['unarchiveJobType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/geocoding/suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Addresses matching what has been typed, for a create form to pick from: each with lat, lng and its map link. 404 geocoding-not-configured when no geocoder is set up (GEOCODER_URL); 429 while the geocoding service is asked too often. */
    get: operations['suggestAddresses'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Jobs you may see, filtered, searched, sorted and paged. */
    get: operations['listJobs'];
    put?: never;
    /** Create a job (or `count` identical ones); with installerCompanyId, save and assign. */
    post: operations['createJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create one job per CSV row (up to 1 000), of the job type and fleet in the query; the columns are the field keys and customerName, requestedStartAt, installerCompanyId. dryRun=true answers every problem by row and column (200, nothing created); otherwise the rows without problems are created (201: which row became which job), or with atomic=true all rows or none (422 invalid-import with every problem at /rows/{row}/{column}). */
    post: operations['importJobs'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/photos': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The photos uploaded for a job and still kept, oldest first, each with the photo field that holds it (null while none does), for everyone who may see the job. */
    get: operations['listJobPhotos'];
    put?: never;
    /** Upload a photo for a RUNNING job (the installer company it is assigned to): the image file as the body, with its type (what fetch(url, {method: 'POST', body: blob}) sends). JPEG, PNG, HEIC/HEIF or WebP, recognised by its bytes (415 otherwise); 413 over the size limit. Answers the photoId to put in a photo field, with type, size, pixel dimensions, SHA-256, who took it and when. The original is kept as uploaded, EXIF included; the thumbnail has no metadata. */
    post: operations['uploadJobPhoto'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/photos/{photoId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A job's photo as uploaded (EXIF included), for the provider's users who may see the job and the assigned company's users; 404 for anyone else. ETag is its SHA-256 (304 on If-None-Match). */
    get: operations['getPhoto'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/photos/{photoId}/thumbnail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The photo as a JPEG of at most 320 px, upright and without metadata, for lists; 404 no-thumbnail when none could be made (a HEIF no decoder here reads). */
    get: operations['getPhotoThumbnail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A job: values with locked fields, steps, last completed step, dates, failure reason, access. */
    get: operations['getJob'];
    put?: never;
    post?: never;
    /** Delete a PENDING job (provider). */
    delete: operations['deleteJob'];
    options?: never;
    head?: never;
    /** Edit a PENDING job (provider). */
    patch: operations['editJob'];
    trace?: never;
  };
  '/v1/jobs/{id}/duplicate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A new PENDING job of the job type's latest version with the values its provider had set; values that version no longer lets the provider set are left out and named, comma-separated, in the Dropped-Values header. */
    post: operations['duplicateJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Assign a PENDING job to a company invited for its fleet. */
    post: operations['assignJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail: who did what, when, oldest first, a page at a time (limit, cursor: the nextCursor of the page before); an installer company's from its (last) assignment on. */
    get: operations['listJobEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start an ASSIGNED job: opens the job-scoped vehicle access (installer). */
    post: operations['startJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/values': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Save the open steps' fields as a draft (installer). */
    patch: operations['saveJobValues'];
    trace?: never;
  };
  '/v1/jobs/{id}/steps/{stepId}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Complete the next step with its values and checklist; runs the step's action (installer). 202 while the action still runs: the step is inProgress and its outcome follows on the job (Location). */
    post: operations['completeJobStep'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Complete the job: SUCCEEDED, vehicle access revoked (installer). */
    post: operations['completeJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/fail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline an ASSIGNED job or give up a RUNNING one, with the reason: FAILED; a running job's vehicle access is revoked and the vehicle secured (installer). */
    post: operations['failJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/jobs/{id}/vehicle/commands': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lock, unlock … the vehicle through the job's open access (installer). */
    post: operations['sendVehicleCommand'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your events as they happen (Server-Sent Events): the events of the jobs you may see and, for provider admins and dispatchers and the company that answered, invitation answers. Resumable with Last-Event-ID; see the answer for the format. */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fleets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The provider's fleets. */
    get: operations['listFleets'];
    put?: never;
    /** Add a fleet (provider admin); each fleet has its own invitations and jobs. */
    post: operations['createFleet'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fleets/{fleetId}/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A fleet's installer-company invitations and their status. */
    get: operations['listInvitations'];
    put?: never;
    /** Invite an installer company by e-mail (one per fleet and company). */
    post: operations['createInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fleets/{fleetId}/invitations/{invitationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Withdraw an invitation nobody has answered yet. */
    delete: operations['withdrawInvitation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invitations/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who invites the company, for which fleet: for the registration page. */
    get: operations['getInvitation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invitations/{token}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The installer company registers (or, signed in, accepts another fleet). */
    post: operations['acceptInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invitations/{token}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The installer company declines. */
    post: operations['declineInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account-links/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whom a welcome e-mail's sign-in link signs in, without using it: 404 once it is used or expired. */
    get: operations['getAccountLink'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/account-links/{token}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Get a new API token of your own through the sign-in link in your welcome e-mail; the link works once. */
    post: operations['claimAccountLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The provider's admins and dispatchers (provider admin). */
    get: operations['listUsers'];
    put?: never;
    /** Add a provider admin, or a dispatcher limited to the customers they act for. */
    post: operations['createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a user who left: their token stops working at once; what they did stays in the job events (provider admin). */
    delete: operations['removeUser'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/providers/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your mobility provider and its settings: how long the photos of finished jobs are kept. */
    get: operations['getMyProvider'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change your provider's settings (provider admin): photoRetentionDays, the days photos of finished jobs are kept before photo housekeeping removes them (null: the installation's default). */
    patch: operations['editMyProvider'];
    trace?: never;
  };
  '/v1/companies/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your installer company and the fleets it works for. */
    get: operations['getMyCompany'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/companies/me/technicians': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your company's technicians (company admin). */
    get: operations['listTechnicians'];
    put?: never;
    /** Add a technician to your installer company. */
    post: operations['addTechnician'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/companies/me/technicians/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a technician who left: their token stops working at once (company admin). */
    delete: operations['removeTechnician'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your organisation's webhook endpoints (provider admin, installer company admin). */
    get: operations['listWebhooks'];
    put?: never;
    /** Register an endpoint for your organisation's events (provider admin: all the provider's; installer company admin: the jobs assigned to the company). Deliveries follow Standard Webhooks, signed with the secret answered this once. */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{webhookId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of your webhook endpoints. */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /** Remove the endpoint and its deliveries. */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /** Change the URL, the event types or the description; pause the endpoint (deliveries are kept, none sent) or resume it. */
    patch: operations['editWebhook'];
    trace?: never;
  };
  '/v1/webhooks/{webhookId}/secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A new signing secret, answered this once; for 24 hours deliveries carry a signature by the old secret too. */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{webhookId}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The endpoint's deliveries, newest first: status, attempts, the last status code and when the next attempt is due. */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a delivery again (a failed one, say): pending at once, with the same webhook-id and body, and retried as a new one would be. */
    post: operations['redeliverWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    /** @description A problem (RFC 9457): what went wrong, and for a refused request which parts of it. */
    Problem: {
      /**
       * Format: uri
       * @description Stable, to switch on: https://installer-jobs.dev/problems/<name>, e.g. wrong-status (409), locked-field, invalid-values (422), rate-limited (429), service-unavailable and outcome-unknown (503); internal for a fault on our side.
       */
      type: string;
      /** @description What went wrong, in a sentence a person can act on; may change wording, unlike type. */
      title: string;
      /** @description The HTTP status, repeated. */
      status: number;
      /** @description More about this occurrence, when there is more to say than the title. */
      detail?: string;
      /** @description The path of the request that failed. */
      instance: string;
      /** @description The offending parts of the request; absent when the problem is not about particular fields. */
      errors?: {
        /** @description JSON pointer into the request body (/values/vin), or to a query parameter (/cursor) or header (/headers/idempotency-key); / for the whole body. */
        pointer: string;
        /** @description What is wrong with it, to show next to the field. */
        message: string;
        /** @description The rule it breaks (required, pattern, locked, unique …), for code that reacts to one. */
        rule?: string;
      }[];
      /** @description A job type's YAML source that cannot be published (invalid-job-type): every problem in it, errors and warnings, by line and column. */
      problems?: {
        line: number;
        column: number;
        /** @description Where in the definition, e.g. steps[1].collect[0]; empty for the source as a whole. */
        path: string;
        /** @description The same words as `npx installer-jobs job-types validate`. */
        message: string;
        /**
         * @description An error stops publishing; a warning never does.
         * @enum {unknown}
         */
        severity: 'error' | 'warning';
      }[];
    };
    /** @description Liveness: the process answers (always 200 ok). It checks nothing else, so that an orchestrator restarts the API only when the API itself hangs, never because Postgres or Temporal is away; readiness is GET /readyz. */
    Health: {
      /** @constant */
      status: 'ok';
    };
    /** @description Readiness: ready (200) when Postgres and Temporal answer, a worker polls the task queue and the job types are loaded; not-ready (503) otherwise, with each part in checks. While no worker polls, reads still work and changes answer 503. */
    Readiness: {
      /** @enum {unknown} */
      status: 'ready' | 'not-ready';
      checks: {
        /** @description Whether Postgres answered within 3 seconds. */
        postgres: {
          ok: boolean;
          /** @description Why not; absent when ok. */
          error?: string;
        };
        /** @description Whether Temporal answered within 3 seconds. */
        temporal: {
          ok: boolean;
          /** @description Why not; absent when ok. */
          error?: string;
        };
        /** @description Whether a worker has polled the task queue within the last 75 seconds (an idle worker polls about once a minute). */
        worker: {
          ok: boolean;
          /** @description Why not; absent when ok. */
          error?: string;
        };
        /** @description Whether the built-in job types are loaded (a broken one stops the API from starting at all). */
        jobTypes: {
          ok: boolean;
          /** @description How many built-in job types this process loaded. */
          builtIn: number;
          /** @description Why not; absent when ok. */
          error?: string;
        };
      };
    };
    /** @description A job type new jobs can be created from, in its current version. */
    JobTypeSummary: {
      /** @description The jobTypeId of POST /v1/jobs. */
      id: string;
      /** @description New jobs get this version; a job keeps the version it was created with. */
      version: number;
      title: string;
      /** @description What the job type is for; null when the YAML has none. */
      description: string | null;
      /**
       * @description builtin: shipped with the server, for every provider; provider: your provider's own, published through PUT /v1/job-types/{id}.
       * @enum {unknown}
       */
      owner: 'builtin' | 'provider';
      /** @description Your provider retired it (its own: archived; a built-in: hidden): no new job or duplicate from it; jobs already created run on. */
      archived: boolean;
    };
    /** @description The job types new jobs can be created from. */
    JobTypeList: {
      items: components['schemas']['JobTypeSummary'][];
    };
    /** @description A job type (its current version, or the one asked for) with everything a portal needs to render and pre-check its create form. */
    JobType: {
      /** @description The jobTypeId of POST /v1/jobs. */
      id: string;
      /** @description New jobs get this version; a job keeps the version it was created with. */
      version: number;
      title: string;
      /** @description What the job type is for; null when the YAML has none. */
      description: string | null;
      /**
       * @description builtin: shipped with the server, for every provider; provider: your provider's own, published through PUT /v1/job-types/{id}.
       * @enum {unknown}
       */
      owner: 'builtin' | 'provider';
      /** @description Your provider retired it (its own: archived; a built-in: hidden): no new job or duplicate from it; jobs already created run on. */
      archived: boolean;
      /** @description Every version published, oldest first. */
      versions: {
        version: number;
        /**
         * Format: date-time
         * @description For a built-in type: when the server first loaded it.
         */
        publishedAt: string;
        /** @description Who published it, for the owner's provider admins; null for a built-in type and for everyone else. */
        publishedBy: {
          userId: string;
          email: string;
        } | null;
      }[];
      /** @description The YAML as published, for the owner's provider admins, and of a built-in type (its shipped version) for any provider admin to copy; null for everyone else. */
      source: string | null;
      /** @description Groups of fields, in the order forms show them. */
      sections: {
        id: string;
        title: string;
        /** @description Help text under the heading; null when there is none. */
        description: string | null;
      }[];
      fields: {
        /** @description The key in a job's values. */
        key: string;
        label: string;
        /** @description Help text for the person filling the field; null when there is none. */
        description: string | null;
        /** @description Id of the section the field is shown in. */
        section: string;
        /** @enum {unknown} */
        type: 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'enum' | 'date' | 'datetime' | 'address' | 'photo';
        /** @description The job cannot succeed while it is blank. */
        required: boolean;
        /**
         * @description allowed: the provider may fill it at creation; required: must; forbidden: only the installer fills it.
         * @enum {unknown}
         */
        preset: 'allowed' | 'forbidden' | 'required';
        /** @description A value given at creation is locked: the installer reads it but cannot change it. */
        presetLocks: boolean;
        /** @description A photo field taking a list of photos, [{photoId}, …], between validation.minItems (default 1) and maxItems (default 20). */
        multiple: boolean;
        /** @description Suggested value to pre-fill; null when there is none. */
        default:
          | string
          | number
          | boolean
          | {
              text: string;
              lat?: number;
              lng?: number;
            }
          | {
              photoId: string;
            }
          | null;
        /** @description The rules a value must meet, on both sides; valueSchema says the same as a JSON Schema. */
        validation: {
          /** @description ECMAScript regular expression the whole value must match. */
          pattern?: string;
          /** @description What to tell someone whose value does not match: completes "<label> …". */
          patternMessage?: string;
          minLength?: number;
          maxLength?: number;
          minimum?: number;
          maximum?: number;
          /** @description Fewest photos of a photo field with multiple: true. */
          minItems?: number;
          /** @description Most photos of a photo field with multiple: true. */
          maxItems?: number;
          /** @description The choices of an enum field, in display order. */
          options?: {
            value: string;
            label: string;
          }[];
        };
        /** @description The step in which the installer fills it; null when only the provider can. */
        collectedBy: string | null;
        /** @description A JSON Schema (draft 2020-12) of the field's value. */
        valueSchema: {
          [key: string]: unknown;
        };
      }[];
      /** @description What the installer does, in this order. */
      steps: {
        /** @description The stepId of POST /v1/jobs/{id}/steps/{stepId}/complete. */
        id: string;
        title: string;
        /** @description What to do; null when the YAML says nothing more than the title. */
        description: string | null;
        /** @description Keys of the fields the installer fills in this step. */
        collect: string[];
        /** @description Items the installer must tick off to complete the step. */
        checklist: string[];
        /**
         * @description What completing the step does to the CloudBoxx; null when nothing.
         * @enum {unknown}
         */
        action: 'cloudboxx.applyConfiguration' | 'cloudboxx.verifyLockUnlock' | 'cloudboxx.readVehicleState' | null;
        /** @description The field holding the QNR of the box the action talks to; null without an action. */
        qnrField: string | null;
        /** @description How long the step waits for the box before it fails; null without an action. */
        actionTimeoutMs: number | null;
        /** @description Fields the action fills from the vehicle's answer (locked once filled): field key → what the vehicle reported. */
        fills: {
          [key: string]: 'odometerKm' | 'fuelLevelPercent' | 'batteryLevelPercent' | 'centralLock' | 'drivingEnabled';
        };
        /** @description The step applies only to jobs whose field has this value (equals) or one of these values (in); exactly one of the two is given. null: to every job. */
        when: {
          field: string;
          equals?: string | boolean;
          in?: string[];
        } | null;
      }[];
      /** @description Which fields name the job's vehicle. */
      vehicle: {
        /** @description The field holding the job's CloudBoxx QNR (in a swap: the new box). */
        qnrField: string;
        /** @description A swap: the field holding the QNR of the box taken out. */
        oldQnrField: string | null;
        /** @description The field holding the VIN compared with OneAPI before configuring. */
        vinField: string | null;
        /** @description False when the box goes into a vehicle OneAPI does not know yet. */
        knownToOneApi: boolean;
      };
      /** @description The vehicle access the installer gets when starting a job. */
      access: {
        permissions: ('lock' | 'unlock' | 'enableDriving' | 'disableDriving' | 'readState' | 'configure')[];
        /** @description How long it lasts at most, from the start of the job. */
        maxDurationMs: number;
        /** @description What the engine does to the vehicle when access ends, however the job ends; [] leaves it as it is. */
        onEnd: ('lock' | 'disableDriving')[];
      };
      /** @description Counted from the job's creation; a job that misses one FAILS. Absent: no such deadline. */
      deadlines: {
        startWithinMs?: number;
        completeWithinMs?: number;
      };
      /** @description JSON Schemas to check a form before sending it. */
      valueSchemas: {
        /** @description For `values` of POST /v1/jobs. */
        provider: {
          [key: string]: unknown;
        };
        /** @description For `values` of POST /v1/jobs/{id}/steps/{stepId}/complete, by step id. */
        steps: {
          [key: string]: {
            [key: string]: unknown;
          };
        };
      };
    };
    /** @description Whether the source could be published, and every problem in it. */
    JobTypeValidation: {
      /** @description No errors (warnings may remain). */
      valid: boolean;
      problems: {
        line: number;
        column: number;
        /** @description Where in the definition, e.g. steps[1].collect[0]; empty for the source as a whole. */
        path: string;
        /** @description The same words as `npx installer-jobs job-types validate`. */
        message: string;
        /**
         * @description An error stops publishing; a warning never does.
         * @enum {unknown}
         */
        severity: 'error' | 'warning';
      }[];
    };
    /** @description The version published (201), or the identical one published before (200). */
    PublishedJobType: {
      id: string;
      /** @description New jobs of this type get this version from now on. */
      version: number;
      /**
       * @description published: a new version; unchanged: this content was the latest (or this very) version already.
       * @enum {unknown}
       */
      status: 'published' | 'unchanged';
      /** @description sha256 of the definition; formatting and comments do not count. */
      contentHash: string;
      /** Format: date-time */
      publishedAt: string;
      publishedBy: {
        userId: string;
        email: string;
      };
      /** @description Worth reading; they did not stop publishing. */
      warnings: {
        line: number;
        column: number;
        /** @description Where in the definition, e.g. steps[1].collect[0]; empty for the source as a whole. */
        path: string;
        /** @description The same words as `npx installer-jobs job-types validate`. */
        message: string;
        /**
         * @description An error stops publishing; a warning never does.
         * @enum {unknown}
         */
        severity: 'error' | 'warning';
      }[];
    };
    /** @description What a job of this type would look like with these values; preview is null while the source has errors. */
    JobTypePreview: {
      valid: boolean;
      /** @description The source's problems. */
      problems: {
        line: number;
        column: number;
        /** @description Where in the definition, e.g. steps[1].collect[0]; empty for the source as a whole. */
        path: string;
        /** @description The same words as `npx installer-jobs job-types validate`. */
        message: string;
        /**
         * @description An error stops publishing; a warning never does.
         * @enum {unknown}
         */
        severity: 'error' | 'warning';
      }[];
      preview: {
        steps: {
          id: string;
          title: string;
          /** @description False when the step's `when` excludes it for these values. */
          applies: boolean;
        }[];
        /** @description Fields the installer would read but not change. */
        lockedFields: string[];
        /** @description The CloudBoxx configuration as it would be rendered; null when the type configures nothing. */
        configuration: {
          [key: string]: unknown;
        } | null;
        /** @description Placeholders the sample values leave open (the installer fills them later). */
        unresolvedPlaceholders: string[];
        /** @description What is wrong with the sample values, as POST /v1/jobs would refuse them. */
        problems: {
          pointer: string;
          message: string;
          rule?: string;
        }[];
      } | null;
    };
    /** @description What your provider's admins did to the job type, oldest first. */
    JobTypeHistory: {
      items: {
        /**
         * @description For a built-in type, archived means hidden from your people.
         * @enum {unknown}
         */
        action: 'published' | 'archived' | 'unarchived';
        /** @description The version published, or the latest one when archived or unarchived. */
        version: number | null;
        actor: {
          userId: string;
          email: string;
        };
        /** Format: date-time */
        occurredAt: string;
      }[];
    };
    /** @description The job as it is now. */
    Job: {
      /** @description The job id, e.g. J-01HZX3K9QF. */
      id: string;
      /**
       * @description PENDING → ASSIGNED → RUNNING → SUCCEEDED or FAILED.
       * @enum {unknown}
       */
      status: 'PENDING' | 'ASSIGNED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
      /** @description The job type and the version the job was created with; the job keeps that version for life. */
      jobType: {
        id: string;
        version: number;
        /** @description The job type's title in that version; null for a job not changed since before titles were kept. */
        title: string | null;
      };
      /**
       * Format: uuid
       * @description The fleet the vehicle belongs to.
       */
      fleetId: string;
      /**
       * Format: uuid
       * @description The installer company the job is assigned to; null while PENDING.
       */
      installerCompanyId: string | null;
      /** @description The provider's customer the job is for; null when none was given. */
      customerName: string | null;
      /**
       * Format: date-time
       * @description When the provider wishes the work to start; null when no wish was given.
       */
      requestedStartAt: string | null;
      /** @description Field values by field key (see GET /v1/job-types/{id} for the fields); a blank field is absent. */
      values: {
        [key: string]: unknown;
      };
      /** @description Keys of the fields the provider set: the installer reads but cannot change them. */
      lockedFields: string[];
      /** @description The steps that apply to this job, in order. */
      steps: components['schemas']['JobStep'][];
      /** @description Id of the last step completed; null before the first. */
      lastCompletedStep: string | null;
      /** @description Title of the last step completed, as the list shows it; null before the first. */
      lastCompletedStepTitle: string | null;
      /** @description Why the job FAILED: the installer's explanation, or the deadline it missed; null unless FAILED. */
      failureReason: string | null;
      accessGrant: components['schemas']['AccessGrant'];
      /** @description The job's vehicle: its CloudBoxx once known, and how it was left when access ended. */
      vehicle: {
        /** @description QNR of the job's CloudBoxx (in a swap: the new box), once the provider or a step gave it. */
        qnr?: string;
        /** @description A swap: the QNR of the box taken out. */
        oldQnr?: string;
        /** @description What the engine did to the vehicle when access ended (the job type's access.onEnd); absent while access is open or was never opened. */
        security?: {
          /**
           * @description pending: the job type's access.onEnd commands are being sent, retried until OneAPI answers (detail says what is being done to the vehicle); secured: every command landed and the vehicle reported it; notSecured: the vehicle reported another state or cannot be reached — check it; notRequired: the job type leaves the vehicle as it is, or no box was ever known.
           * @enum {unknown}
           */
          state: 'pending' | 'secured' | 'notSecured' | 'notRequired';
          /**
           * Format: date-time
           * @description When the vehicle reported the commanded state.
           */
          securedAt?: string;
          /** @description Why not (yet), or which commands the vehicle model cannot do. */
          detail?: string;
          commands?: {
            /** @enum {unknown} */
            command: 'lock' | 'disableDriving';
            /**
             * @description skipped: the vehicle model cannot do it (OneAPI capabilities); mismatch: the vehicle reports another state.
             * @enum {unknown}
             */
            outcome: 'done' | 'skipped' | 'mismatch';
            reported?: {
              /** @enum {unknown} */
              centralLock?: 'locked' | 'unlocked';
              drivingEnabled?: boolean;
            };
          }[];
        };
      };
      /** @description The Temporal workflow that runs the job, for operators. */
      workflowId: string;
      /**
       * Format: date-time
       * @description When the job was created.
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the job last changed.
       */
      updatedAt: string;
      /**
       * Format: date-time
       * @description When the job was assigned; null while PENDING.
       */
      assignedAt: string | null;
      /**
       * Format: date-time
       * @description When the installer started the job; null before that.
       */
      startedAt: string | null;
      /**
       * Format: date-time
       * @description When the job SUCCEEDED or FAILED; null until then.
       */
      finishedAt: string | null;
    };
    /** @description One step of the job, in the order the installer works through them. */
    JobStep: {
      /** @description The step id from the job type, as in POST /v1/jobs/{id}/steps/{stepId}/complete. */
      id: string;
      title: string;
      /**
       * @description inProgress: the step's action is running against the vehicle; its outcome follows on the job.
       * @enum {unknown}
       */
      status: 'open' | 'inProgress' | 'done';
      /**
       * Format: date-time
       * @description When the installer completed it; absent while open.
       */
      completedAt?: string;
      /** @description Why the step's last action failed; the installer may complete the step again. */
      actionError?: string;
    };
    /** @description The job-scoped vehicle access opened when the installer started the job; null before that. */
    AccessGrant: {
      grantId: string;
      /** @description What the installer may do to the vehicle: the job type's access.permissions. */
      permissions: string[];
      /**
       * Format: date-time
       * @description When the job was started.
       */
      grantedAt: string;
      /**
       * Format: date-time
       * @description When the access ends at the latest; the job fails if it is still RUNNING then.
       */
      expiresAt: string;
      /**
       * Format: date-time
       * @description When the access was closed, because the job ended or the access expired; absent while open.
       */
      revokedAt?: string;
      /** @description Why the access was closed (e.g. "job succeeded", or the deadline that passed); absent while open. */
      revokeReason?: string;
    } | null;
    /** @description A job as GET /v1/jobs/{id} shows it; with fields, only id and the properties named there. */
    JobListItem: {
      /** @description The job id, e.g. J-01HZX3K9QF. */
      id: string;
      /**
       * @description PENDING → ASSIGNED → RUNNING → SUCCEEDED or FAILED.
       * @enum {unknown}
       */
      status?: 'PENDING' | 'ASSIGNED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
      /** @description The job type and the version the job was created with; the job keeps that version for life. */
      jobType?: {
        id: string;
        version: number;
        /** @description The job type's title in that version; null for a job not changed since before titles were kept. */
        title: string | null;
      };
      /**
       * Format: uuid
       * @description The fleet the vehicle belongs to.
       */
      fleetId?: string;
      /**
       * Format: uuid
       * @description The installer company the job is assigned to; null while PENDING.
       */
      installerCompanyId?: string | null;
      /** @description The provider's customer the job is for; null when none was given. */
      customerName?: string | null;
      /**
       * Format: date-time
       * @description When the provider wishes the work to start; null when no wish was given.
       */
      requestedStartAt?: string | null;
      /** @description Field values by field key (see GET /v1/job-types/{id} for the fields); a blank field is absent. */
      values?: {
        [key: string]: unknown;
      };
      /** @description Keys of the fields the provider set: the installer reads but cannot change them. */
      lockedFields?: string[];
      /** @description The steps that apply to this job, in order. */
      steps?: components['schemas']['JobStep'][];
      /** @description Id of the last step completed; null before the first. */
      lastCompletedStep?: string | null;
      /** @description Title of the last step completed, as the list shows it; null before the first. */
      lastCompletedStepTitle?: string | null;
      /** @description Why the job FAILED: the installer's explanation, or the deadline it missed; null unless FAILED. */
      failureReason?: string | null;
      accessGrant?: components['schemas']['AccessGrant'];
      /** @description The job's vehicle: its CloudBoxx once known, and how it was left when access ended. */
      vehicle?: {
        /** @description QNR of the job's CloudBoxx (in a swap: the new box), once the provider or a step gave it. */
        qnr?: string;
        /** @description A swap: the QNR of the box taken out. */
        oldQnr?: string;
        /** @description What the engine did to the vehicle when access ended (the job type's access.onEnd); absent while access is open or was never opened. */
        security?: {
          /**
           * @description pending: the job type's access.onEnd commands are being sent, retried until OneAPI answers (detail says what is being done to the vehicle); secured: every command landed and the vehicle reported it; notSecured: the vehicle reported another state or cannot be reached — check it; notRequired: the job type leaves the vehicle as it is, or no box was ever known.
           * @enum {unknown}
           */
          state: 'pending' | 'secured' | 'notSecured' | 'notRequired';
          /**
           * Format: date-time
           * @description When the vehicle reported the commanded state.
           */
          securedAt?: string;
          /** @description Why not (yet), or which commands the vehicle model cannot do. */
          detail?: string;
          commands?: {
            /** @enum {unknown} */
            command: 'lock' | 'disableDriving';
            /**
             * @description skipped: the vehicle model cannot do it (OneAPI capabilities); mismatch: the vehicle reports another state.
             * @enum {unknown}
             */
            outcome: 'done' | 'skipped' | 'mismatch';
            reported?: {
              /** @enum {unknown} */
              centralLock?: 'locked' | 'unlocked';
              drivingEnabled?: boolean;
            };
          }[];
        };
      };
      /** @description The Temporal workflow that runs the job, for operators. */
      workflowId?: string;
      /**
       * Format: date-time
       * @description When the job was created.
       */
      createdAt?: string;
      /**
       * Format: date-time
       * @description When the job last changed.
       */
      updatedAt?: string;
      /**
       * Format: date-time
       * @description When the job was assigned; null while PENDING.
       */
      assignedAt?: string | null;
      /**
       * Format: date-time
       * @description When the installer started the job; null before that.
       */
      startedAt?: string | null;
      /**
       * Format: date-time
       * @description When the job SUCCEEDED or FAILED; null until then.
       */
      finishedAt?: string | null;
    };
    /** @description One page of the jobs you may see. */
    JobListPage: {
      items: components['schemas']['JobListItem'][];
      /** @description Send as cursor, with the same filters, for the next page; null on the last page. */
      nextCursor: string | null;
    };
    /** @description With count: the jobs created, in order. */
    CreatedJobs: {
      items: components['schemas']['Job'][];
    };
    /** @description Which row became which job, and the problems of the rows that did not (or, in a dry run, would not). */
    JobImport: {
      dryRun: boolean;
      /** @description Rows under the header, blank lines not counted. */
      rows: number;
      /** @description Rows without a problem: those created, or those a dry run would create. */
      validRows: number;
      /** @description One entry per job created, in the order of the rows; empty in a dry run. */
      created: {
        /** @description The row in the file, the header being row 1. */
        row: number;
        jobId: string;
      }[];
      /** @description Every problem by row and column, in the order of the file (the first 10000 if there are more). */
      problems: {
        /** @description The row in the file, the header being row 1. */
        row: number;
        /** @description The column, as the header names it (or the field it should name); absent for the row as a whole. */
        column?: string;
        /** @description What is wrong, in the words the create form uses. */
        message: string;
        /** @description The rule broken: a field's (required, type, pattern, enum, format, minimum …) or the file's (unknownColumn, duplicateColumn, columns, csv, empty, invitation, customer, geocode). */
        rule: string;
      }[];
      /** @description How many problems there are in all. */
      problemCount: number;
    };
    /** @description The job's audit trail, oldest first, a page at a time. */
    JobEvents: {
      /** @description Send as cursor for the next page; null on the last page (a later request may find events added since). While the job runs, an event recorded late (a step's action start, with its outcome) may fall on a page already read: read again from the start, or follow the event stream. */
      nextCursor: string | null;
      events: {
        /** @description What happened: job.created, job.edited, job.assigned, job.started, step.completed, values.saved, vehicle.command, vehicle.command.failed, job.succeeded, job.failed. */
        type: string;
        /** @description Who did it. */
        actor:
          | {
              /** @constant */
              kind: 'user';
              /**
               * Format: uuid
               * @description The user.
               */
              userId: string;
              /**
               * Format: uuid
               * @description Their provider or installer company.
               */
              organisationId: string;
              /** @description The role they acted in: provider_admin, provider_dispatcher, provider_customer (a customer-portal user), installer_admin or installer_technician. */
              role: string;
              /** Format: email */
              email?: string;
            }
          | {
              /** @constant */
              kind: 'system';
              /** @description What made it act, e.g. deadline. */
              reason: string;
            };
        /** @description The particulars, depending on type: the values given, the step, the command and its result, the reason. */
        data: {
          [key: string]: unknown;
        };
        /**
         * Format: date-time
         * @description When it happened.
         */
        occurredAt: string;
      }[];
    };
    /** @description A photo of a job, stored as uploaded. Put its photoId in a photo field of the job (`{"photoId": …}`); fetch it from url, its thumbnail from thumbnailUrl. */
    Photo: {
      /** Format: uuid */
      photoId: string;
      /** @description The job it was uploaded for. */
      jobId: string;
      /**
       * @description As recognised from the bytes, whatever the upload said.
       * @enum {unknown}
       */
      contentType: 'image/jpeg' | 'image/png' | 'image/heic' | 'image/heif' | 'image/webp';
      /** @description Bytes, as uploaded. */
      size: number;
      /** @description Pixels as the photo is shown (its EXIF orientation applied). */
      width: number;
      height: number;
      /** @description Hex SHA-256 of the bytes as uploaded; also the ETag of url. */
      sha256: string;
      /** @description The installer who uploaded it. */
      takenBy: {
        /** Format: uuid */
        userId: string;
        email: string;
      };
      /** Format: date-time */
      uploadedAt: string;
      /** @description GET it here: the original, EXIF and all. */
      url: string;
      /** @description GET a image/jpeg of at most 320 px here, without metadata; null when none could be made (a HEIF no decoder here reads: show a placeholder, or url). */
      thumbnailUrl: string | null;
    };
    /** @description The command went through; the vehicle state the CloudBoxx reported back. */
    VehicleCommandResult: {
      /** @description The CloudBoxx the command went to. */
      qnr: string;
      /** @enum {unknown} */
      command: 'lock' | 'unlock' | 'enableDriving' | 'disableDriving' | 'readState';
      /** @description What the vehicle reported; which properties are present depends on its model. */
      state: {
        /** @enum {unknown} */
        centralLock?: 'locked' | 'unlocked';
        /** @description False while the immobiliser is engaged; absent on vehicles without one. */
        drivingEnabled?: boolean;
        /**
         * Format: date-time
         * @description When the CloudBoxx reported this state.
         */
        modifiedAt?: string;
        /** @description Odometer reading in kilometres, where the vehicle reports one. */
        odometerKm?: number;
        /** @description Fuel level, on combustion vehicles that report it. */
        fuelLevelPercent?: number;
        /** @description Battery state of charge, on electric vehicles that report it. */
        batteryLevelPercent?: number;
      };
    };
    /** @description A fleet of the provider: its jobs and invitations belong to it. */
    Fleet: {
      /**
       * Format: uuid
       * @description The fleetId of jobs and invitations.
       */
      id: string;
      name: string;
      /** Format: date-time */
      createdAt: string;
    };
    /** @description The provider's fleets, by name. */
    FleetList: {
      fleets: components['schemas']['Fleet'][];
    };
    /** @description An invitation of an installer company to work for a fleet. */
    Invitation: {
      /**
       * Format: uuid
       * @description What DELETE /v1/fleets/{fleetId}/invitations/{invitationId} takes.
       */
      id: string;
      /**
       * Format: email
       * @description Where the invitation was sent.
       */
      email: string;
      /**
       * @description PENDING until the company answers; a DECLINED address may be invited again.
       * @enum {unknown}
       */
      status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
      /**
       * Format: uuid
       * @description The fleet the company is invited for.
       */
      fleetId: string;
      /** @description The company that accepted; null unless ACCEPTED. */
      installerCompany: {
        /**
         * Format: uuid
         * @description The installerCompanyId to assign jobs to.
         */
        id: string;
        name: string;
      } | null;
      /**
       * Format: uuid
       * @description The provider admin who sent it; null once that user is removed.
       */
      invitedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the company accepted or declined; null while PENDING.
       */
      respondedAt: string | null;
      /** @description The delivery of its latest e-mail (the invitation, then its reminder) to the SMTP server; null for an invitation sent before installer-jobs sent e-mail. */
      mail: {
        /**
         * @description sending: being handed over, or retried after a failure (see lastError) for up to 24 hours; sent: the SMTP server took it; failed: refused (5xx) or still failing after 24 hours — check the address, withdraw and invite again.
         * @enum {unknown}
         */
        status: 'sending' | 'sent' | 'failed';
        /**
         * Format: date-time
         * @description When the SMTP server was last tried.
         */
        lastAttemptAt: string | null;
        /** @description The last failed attempt's reason, as the SMTP server gave it; null once one got through. */
        lastError: string | null;
        /**
         * Format: date-time
         * @description When the invitation e-mail was taken by the SMTP server.
         */
        sentAt: string | null;
        /**
         * Format: date-time
         * @description When the one reminder was taken by the SMTP server (INVITATION_REMINDER_HOURS after an unanswered invitation).
         */
        reminderSentAt: string | null;
      } | null;
    };
    /** @description The fleet's invitations, newest first. */
    InvitationList: {
      invitations: components['schemas']['Invitation'][];
    };
    /** @description The invitation sent, with its token. */
    NewInvitation: {
      /**
       * Format: uuid
       * @description What DELETE /v1/fleets/{fleetId}/invitations/{invitationId} takes.
       */
      id: string;
      /**
       * Format: email
       * @description Where the invitation was sent.
       */
      email: string;
      /**
       * @description PENDING until the company answers; a DECLINED address may be invited again.
       * @enum {unknown}
       */
      status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
      /**
       * Format: uuid
       * @description The fleet the company is invited for.
       */
      fleetId: string;
      /** @description The company that accepted; null unless ACCEPTED. */
      installerCompany: {
        /**
         * Format: uuid
         * @description The installerCompanyId to assign jobs to.
         */
        id: string;
        name: string;
      } | null;
      /**
       * Format: uuid
       * @description The provider admin who sent it; null once that user is removed.
       */
      invitedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the company accepted or declined; null while PENDING.
       */
      respondedAt: string | null;
      /** @description The delivery of its latest e-mail (the invitation, then its reminder) to the SMTP server; null for an invitation sent before installer-jobs sent e-mail. */
      mail: {
        /**
         * @description sending: being handed over, or retried after a failure (see lastError) for up to 24 hours; sent: the SMTP server took it; failed: refused (5xx) or still failing after 24 hours — check the address, withdraw and invite again.
         * @enum {unknown}
         */
        status: 'sending' | 'sent' | 'failed';
        /**
         * Format: date-time
         * @description When the SMTP server was last tried.
         */
        lastAttemptAt: string | null;
        /** @description The last failed attempt's reason, as the SMTP server gave it; null once one got through. */
        lastError: string | null;
        /**
         * Format: date-time
         * @description When the invitation e-mail was taken by the SMTP server.
         */
        sentAt: string | null;
        /**
         * Format: date-time
         * @description When the one reminder was taken by the SMTP server (INVITATION_REMINDER_HOURS after an unanswered invitation).
         */
        reminderSentAt: string | null;
      } | null;
      /** @description The credential for /v1/invitations/{token}, for a portal that sends its own link; shown this once, we keep only its hash. The e-mails installer-jobs sends carry links of their own, which work alike. */
      token: string;
    };
    /** @description Who invites the company, for which fleet: what the registration page shows. */
    InvitationPreview: {
      /**
       * Format: email
       * @description Where the invitation was sent; the default adminEmail when registering.
       */
      email: string;
      /**
       * @description PENDING until the company answers; a DECLINED address may be invited again.
       * @enum {unknown}
       */
      status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
      /** @description True once 5 accepts through this link have failed: it accepts no more; the provider sends a new invitation. */
      locked: boolean;
      fleetName: string;
      /** @description The mobility provider inviting the company. */
      providerName: string;
    };
    /** @description The invitation as answered. */
    AnsweredInvitation: {
      /**
       * Format: uuid
       * @description The invitation.
       */
      id: string;
      /** Format: email */
      email: string;
      /**
       * @description PENDING until the company answers; a DECLINED address may be invited again.
       * @enum {unknown}
       */
      status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
      /**
       * Format: uuid
       * @description The fleet the company now works for, if it accepted.
       */
      fleetId: string;
      /**
       * Format: date-time
       * @description When the company accepted or declined; null while PENDING.
       */
      respondedAt: string | null;
    };
    /** @description The company is registered and works for the fleet; its first admin can sign in with adminToken. */
    CompanyRegistered: {
      invitation: components['schemas']['AnsweredInvitation'];
      /**
       * Format: uuid
       * @description The new company.
       */
      installerCompanyId: string;
      /**
       * Format: uuid
       * @description The company's first admin.
       */
      adminUserId: string;
      /** Format: email */
      adminEmail: string;
      /** @description The admin's API token; shown this once, we keep only its hash. */
      adminToken: string;
    };
    /** @description Accepted with a company admin token: the fleet is added to that company. */
    InvitationAccepted: {
      invitation: components['schemas']['AnsweredInvitation'];
      /**
       * Format: uuid
       * @description Your company.
       */
      installerCompanyId: string;
    };
    /** @description Declined; the provider may invite the address again. */
    InvitationDeclined: {
      invitation: components['schemas']['AnsweredInvitation'];
    };
    /** @description Who the link signs in, before it is used: what a sign-in page shows. */
    AccountLinkPreview: {
      /**
       * Format: email
       * @description The account the link is for.
       */
      email: string;
      /** @description The provider or installer company that added you. */
      organisationName: string;
      /** @enum {unknown} */
      organisationKind: 'provider' | 'installer_company';
      /**
       * @description What the user may do (README, the roles table).
       * @enum {unknown}
       */
      role: 'provider_admin' | 'provider_dispatcher' | 'provider_customer' | 'installer_admin' | 'installer_technician';
      /**
       * Format: date-time
       * @description After this the link opens nothing (ACCOUNT_LINK_VALID_HOURS after the e-mail was sent).
       */
      expiresAt: string;
    };
    /** @description A new API token for the account; the link is used up. */
    ClaimedAccount: {
      /** Format: uuid */
      userId: string;
      /** Format: email */
      email: string;
      /**
       * @description What the user may do (README, the roles table).
       * @enum {unknown}
       */
      role: 'provider_admin' | 'provider_dispatcher' | 'provider_customer' | 'installer_admin' | 'installer_technician';
      /**
       * Format: uuid
       * @description The provider or installer company the account belongs to.
       */
      organisationId: string;
      /** @description Your API token (Authorization: Bearer …); shown this once, we keep only its hash. Any token the administrator was shown for you keeps working beside it. */
      token: string;
    };
    /** @description Your installer company and the fleets it works for. */
    Company: {
      /**
       * Format: uuid
       * @description Your installerCompanyId.
       */
      id: string;
      name: string;
      /** Format: date-time */
      createdAt: string;
      /** @description The fleets whose invitation the company accepted, by provider and fleet name: their jobs can be assigned to you. */
      fleets: {
        /**
         * Format: uuid
         * @description The fleet.
         */
        id: string;
        name: string;
        /** @description The mobility provider the fleet belongs to. */
        provider: {
          /**
           * Format: uuid
           * @description The provider.
           */
          id: string;
          name: string;
        };
        /**
         * Format: date-time
         * @description When the company accepted the invitation for this fleet.
         */
        acceptedAt: string;
      }[];
    };
    /** @description The technician added, with their API token. */
    NewTechnician: {
      /**
       * Format: uuid
       * @description The technician.
       */
      userId: string;
      /** Format: email */
      email: string;
      /** @description null when none was given. */
      name: string | null;
      /** @constant */
      role: 'installer_technician';
      /** @description The technician's API token; shown this once, we keep only its hash. Their welcome e-mail carries a sign-in link to a token of their own (POST /v1/account-links/{token}/claim): hand this one over only if that cannot be used. */
      token: string;
    };
    /** @description Your company's technicians, oldest first. */
    TechnicianList: {
      technicians: {
        /**
         * Format: uuid
         * @description The technician.
         */
        id: string;
        /** Format: email */
        email: string;
        /** @description null when none was given. */
        name: string | null;
        /** Format: date-time */
        createdAt: string;
      }[];
    };
    /** @description The user added, with their API token. */
    NewProviderUser: {
      /** Format: uuid */
      userId: string;
      /** Format: email */
      email: string;
      /**
       * @description provider_admin: everything, for all customers. provider_dispatcher (provider staff) and provider_customer (a customer-portal user) see, create, edit, duplicate and delete jobs for the given customers only; the dispatcher also assigns them, the customer-portal user does not.
       * @enum {unknown}
       */
      role: 'provider_admin' | 'provider_dispatcher' | 'provider_customer';
      /** @description The customers a dispatcher or customer-portal user acts for; null for an admin, who acts for all. */
      customers: string[] | null;
      /** @description The user's API token; shown this once, we keep only its hash. Their welcome e-mail carries a sign-in link to a token of their own (POST /v1/account-links/{token}/claim): hand this one over only if that cannot be used. */
      token: string;
    };
    /** @description The provider's users, oldest first. */
    ProviderUserList: {
      users: {
        /** Format: uuid */
        id: string;
        /** Format: email */
        email: string;
        /**
         * @description provider_admin: everything, for all customers. provider_dispatcher (provider staff) and provider_customer (a customer-portal user) see, create, edit, duplicate and delete jobs for the given customers only; the dispatcher also assigns them, the customer-portal user does not.
         * @enum {unknown}
         */
        role: 'provider_admin' | 'provider_dispatcher' | 'provider_customer';
        /** @description The customers a dispatcher or customer-portal user acts for; null for an admin, who acts for all. */
        customers: string[] | null;
        /** Format: date-time */
        createdAt: string;
      }[];
    };
    /** @description A webhook endpoint (its secret is shown only when made or rotated). */
    Webhook: {
      /** Format: uuid */
      id: string;
      url: string;
      eventTypes: (
        | 'job.created'
        | 'job.assigned'
        | 'job.started'
        | 'step.completed'
        | 'job.succeeded'
        | 'job.failed'
        | 'job.deleted'
        | 'vehicle.secured'
        | 'vehicle.not-secured'
        | 'vehicle.securing.overdue'
        | 'invitation.accepted'
        | 'invitation.declined'
      )[];
      description: string | null;
      paused: boolean;
      /** Format: date-time */
      pausedAt: string | null;
      /**
       * Format: date-time
       * @description After a rotation: until when deliveries are also signed with the secret before it.
       */
      previousSecretUntil: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    /** @description The endpoint with its signing secret, shown this once. */
    WebhookWithSecret: {
      /** Format: uuid */
      id: string;
      url: string;
      eventTypes: (
        | 'job.created'
        | 'job.assigned'
        | 'job.started'
        | 'step.completed'
        | 'job.succeeded'
        | 'job.failed'
        | 'job.deleted'
        | 'vehicle.secured'
        | 'vehicle.not-secured'
        | 'vehicle.securing.overdue'
        | 'invitation.accepted'
        | 'invitation.declined'
      )[];
      description: string | null;
      paused: boolean;
      /** Format: date-time */
      pausedAt: string | null;
      /**
       * Format: date-time
       * @description After a rotation: until when deliveries are also signed with the secret before it.
       */
      previousSecretUntil: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @description The signing secret (Standard Webhooks, whsec_…): shown this once; verify deliveries with it (README, Webhooks). */
      secret: string;
    };
    /** @description Your organisation's webhook endpoints, oldest first. */
    WebhookList: {
      webhooks: components['schemas']['Webhook'][];
    };
    /** @description One event for one endpoint, and how its attempts went. */
    WebhookDelivery: {
      /**
       * Format: uuid
       * @description The delivery; its webhook-id header is msg_ and this, the same on every attempt.
       */
      id: string;
      /**
       * Format: uuid
       * @description The endpoint.
       */
      webhookId: string;
      /** @enum {unknown} */
      type:
        | 'job.created'
        | 'job.assigned'
        | 'job.started'
        | 'step.completed'
        | 'job.succeeded'
        | 'job.failed'
        | 'job.deleted'
        | 'vehicle.secured'
        | 'vehicle.not-secured'
        | 'vehicle.securing.overdue'
        | 'invitation.accepted'
        | 'invitation.declined';
      /**
       * @description pending: not yet answered with 2xx and still being tried; delivered: answered 2xx; failed: retried for 3 days in vain (redeliver by hand).
       * @enum {unknown}
       */
      status: 'pending' | 'delivered' | 'failed';
      /** @description Attempts made (since the last redelivery by hand). */
      attempts: number;
      /** Format: date-time */
      nextAttemptAt: string | null;
      /** Format: date-time */
      firstAttemptAt: string | null;
      /** Format: date-time */
      lastAttemptAt: string | null;
      /** @description The endpoint's answer to the last attempt; null when none came (timeout, refused). */
      lastStatusCode: number | null;
      /** @description Why the last attempt failed, shortly. */
      lastError: string | null;
      /** Format: date-time */
      deliveredAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @description The body sent: {type, timestamp, data}. data holds the jobId (of an invitation answer: the invitationId) and, by type, job.created: jobType; job.assigned: installerCompanyId; step.completed: stepId; job.failed: reason; vehicle.secured: state; vehicle.not-secured: state, detail; vehicle.securing.overdue: qnr, after; invitation.accepted: fleetId, installerCompanyId; invitation.declined: fleetId, installerCompanyId. jobType is the job type's id and version, `<id>@<version>` (e.g. cloudboxx-install@3, as GET /v1/job-types/{id}/versions/{version} shows it); state is the job's vehicle.security.state (GET /v1/jobs/{id}) when access ended, detail why the vehicle was not secured (check it); qnr is the CloudBoxx of a vehicle still not secured after `after` (a duration in words) without an answer from OneAPI: it is still being tried. */
      payload: Record<string, never>;
    };
    /** @description An endpoint's deliveries, newest first. */
    WebhookDeliveryPage: {
      items: components['schemas']['WebhookDelivery'][];
      /** @description Send as cursor for the next page; null on the last page. */
      nextCursor: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Liveness: the process answers (always 200 ok). It checks nothing else, so that an orchestrator restarts the API only when the API itself hangs, never because Postgres or Temporal is away; readiness is GET /readyz. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Readiness: ready (200) when Postgres and Temporal answer, a worker polls the task queue and the job types are loaded; not-ready (503) otherwise, with each part in checks. While no worker polls, reads still work and changes answer 503. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readiness: ready (200) when Postgres and Temporal answer, a worker polls the task queue and the job types are loaded; not-ready (503) otherwise, with each part in checks. While no worker polls, reads still work and changes answer 503. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  listJobTypes: {
    parameters: {
      query?: {
        /** @description Only built-in types, or only your provider's own. */
        owner?: 'builtin' | 'provider';
        /** @description true: only the types your provider retired (to bring one back); default false: those new jobs can use. */
        archived?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job types new jobs can be created from. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobTypeList'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJobType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job type id (kebab-case), e.g. cloudboxx-install. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A job type (its current version, or the one asked for) with everything a portal needs to render and pre-check its create form. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobType'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  publishJobType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job type id (kebab-case), e.g. cloudboxx-install. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/yaml': string;
        'text/yaml': string;
      };
    };
    responses: {
      /** @description The version published (201), or the identical one published before (200). */
      200: {
        headers: {
          /** @description The published version. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublishedJobType'];
        };
      };
      /** @description The version published (201), or the identical one published before (200). */
      201: {
        headers: {
          /** @description The published version. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublishedJobType'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: the body is not a YAML text (application/yaml or text/yaml) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). invalid-job-type: the YAML breaks the grammar of job types; every problem with its line and column */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  validateJobType: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/yaml': unknown;
        'text/yaml': unknown;
      };
    };
    responses: {
      /** @description Whether the source could be published, and every problem in it. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobTypeValidation'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: the body is not a YAML text (application/yaml or text/yaml) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewJobType: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The YAML source of the job type, as PUT /v1/job-types/{id} takes it: at most 256 KiB (262144 bytes) in UTF-8, a larger body answers 413 payload-too-large. */
          source: string;
          /** @description Sample provider values, as `values` of POST /v1/jobs. */
          values?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description What a job of this type would look like with these values; preview is null while the source has errors. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobTypePreview'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJobTypeVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job type id (kebab-case), e.g. cloudboxx-install. */
        id: string;
        /** @description A published version of the job type, from 1. */
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A job type (its current version, or the one asked for) with everything a portal needs to render and pre-check its create form. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobType'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJobTypeHistory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job type id (kebab-case), e.g. cloudboxx-install. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What your provider's admins did to the job type, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobTypeHistory'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  archiveJobType: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job type id (kebab-case), e.g. cloudboxx-install. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A job type (its current version, or the one asked for) with everything a portal needs to render and pre-check its create form. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobType'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  unarchiveJobType: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job type id (kebab-case), e.g. cloudboxx-install. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A job type (its current version, or the one asked for) with everything a portal needs to render and pre-check its create form. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobType'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  suggestAddresses: {
    parameters: {
      query: {
        /** @description What has been typed so far: a street, a place, a postcode (at least 3 characters). */
        q: string;
        /** @description Suggestions at most. */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Addresses matching the words, best first; pick one and send it as the field value {text, lat, lng}. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** @description The address as the geocoder names it. */
              text: string;
              lat: number;
              lng: number;
              /**
               * Format: uri
               * @description The place on OpenStreetMap.
               */
              mapUrl: string;
            }[];
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJobs: {
    parameters: {
      query?: {
        /** @description Only jobs in one of these statuses. */
        status?: ('PENDING' | 'ASSIGNED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED')[];
        /** @description Only jobs of one of these job types. */
        jobTypeId?: string[];
        /** @description Only jobs in one of these fleets. */
        fleetId?: string[];
        /** @description Only jobs assigned to one of these installer companies. */
        installerCompanyId?: string[];
        /** @description Only jobs for this customer: the whole name, case-insensitive, without regard to blanks at either end or doubled inside (names are kept tidy as they enter). */
        customer?: string;
        /** @description Created at or after. An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00. */
        createdFrom?: string;
        /** @description Created at or before. An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00. */
        createdTo?: string;
        /** @description Requested to start at or after. An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00. */
        requestedStartFrom?: string;
        /** @description Requested to start at or before. An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00. */
        requestedStartTo?: string;
        /** @description Finished (SUCCEEDED or FAILED) at or after. An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00. */
        finishedFrom?: string;
        /** @description Finished (SUCCEEDED or FAILED) at or before. An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00. */
        finishedTo?: string;
        /** @description Search: every word must appear, case-insensitively and anywhere (so a prefix or part of it will do), in the job id, customer name, an address, the job type (id or title), a step title, or the value of a field its job type marks searchable (e.g. a VIN or licence plate). A word of one or two characters is searched together with its neighbour, as typed ("Am Markt 7"). */
        q?: string;
        /** @description Order of the list; status sorts in lifecycle order (PENDING … SUCCEEDED, FAILED), then by creation. Default: the date of a range filter, if any (createdAt, else finishedAt, else requestedStartAt), else createdAt. */
        sort?: 'createdAt' | 'updatedAt' | 'requestedStartAt' | 'finishedAt' | 'status';
        /** @description Default: desc (newest first) for createdAt, updatedAt and finishedAt (open jobs last); asc for requestedStartAt (soonest first; jobs without one last) and status. */
        order?: 'asc' | 'desc';
        /** @description Jobs per page. */
        limit?: number;
        /** @description The nextCursor of the previous page, to read on; send the same filters and order. Opaque (base64url): only a cursor this API gave out is taken, as it was; anything else, or one sent with another sort or order, answers 400. A cursor stays valid while jobs are added. */
        cursor?: string;
        /** @description Only these properties of each job (id is always there). Default: all. */
        fields?: (
          | 'id'
          | 'status'
          | 'jobType'
          | 'fleetId'
          | 'installerCompanyId'
          | 'customerName'
          | 'requestedStartAt'
          | 'values'
          | 'lockedFields'
          | 'steps'
          | 'lastCompletedStep'
          | 'lastCompletedStepTitle'
          | 'failureReason'
          | 'accessGrant'
          | 'vehicle'
          | 'workflowId'
          | 'createdAt'
          | 'updatedAt'
          | 'assignedAt'
          | 'startedAt'
          | 'finishedAt'
        )[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the jobs you may see. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobListPage'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Id of a job type in job-types/, e.g. cloudboxx-install. */
          jobTypeId: string;
          /**
           * Format: uuid
           * @description The fleet the vehicle belongs to.
           */
          fleetId: string;
          /**
           * @description Field values by field key. Every field is optional at creation; a value given by the provider is locked for the installer.
           * @default {}
           */
          values?: {
            [key: string]: unknown;
          };
          /** @description The provider's customer the job is for; a dispatcher or customer-portal user names one of theirs, or leaves it out to use their only one. Kept without blanks at either end and with single spaces inside; blanks alone are refused as empty. Compared with a user's customers case-insensitively. */
          customerName?: string & unknown;
          /**
           * Format: date-time
           * @description A wish, not a promise: when the work should start. RFC 3339 with Z or ±HH:MM (within ±14:00), years 1900–9999.
           */
          requestedStartAt?: string;
          /**
           * Format: uuid
           * @description "Save & Assign": assign the new job(s) at once to this company, which must have accepted an invitation for the fleet.
           */
          installerCompanyId?: string;
          /** @description Create this many identical jobs (up to 1 000, started 24 at a time); the answer is then { items: [...] }. With an Idempotency-Key, a retry after a failure starts only the jobs still missing. */
          count?: number;
        };
      };
    };
    responses: {
      /** @description The new job; with count, { items } holding the new jobs. */
      201: {
        headers: {
          /** @description The new job, when one was created (no count). */
          Location?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'] | components['schemas']['CreatedJobs'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). unknown-job-type: no job type of yours or built in has this jobTypeId; job-type-archived: it is archived; invalid-values: the values break the job type's rules; company-not-invited: installerCompanyId has not accepted an invitation for the fleet; idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  importJobs: {
    parameters: {
      query: {
        /** @description The job type of every row: its field keys are the CSV's columns (GET /v1/job-types/{id}). */
        jobTypeId: string;
        /** @description The fleet of every row. */
        fleetId: string;
        /** @description true: check every row and answer its problems (200); nothing is created. */
        dryRun?: 'true' | 'false';
        /** @description true: create every row or none — any problem answers 422 with all of them. */
        atomic?: 'true' | 'false';
      };
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'text/csv': unknown;
      };
    };
    responses: {
      /** @description Which row became which job, and the problems of the rows that did not (or, in a dry run, would not). */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobImport'];
        };
      };
      /** @description Which row became which job, and the problems of the rows that did not (or, in a dry run, would not). */
      201: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobImport'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the CSV is over 2 MiB, or has more than 1000 rows under its header (rule maxRows) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: the body is not text/csv */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). unknown-job-type: no job type of yours or built in has this jobTypeId; job-type-archived: it is archived; invalid-import: with atomic=true, a row has problems; idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJobPhotos: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The photos uploaded for the job and still kept, oldest first. */
            items: {
              /** Format: uuid */
              photoId: string;
              /** @description The job it was uploaded for. */
              jobId: string;
              /**
               * @description As recognised from the bytes, whatever the upload said.
               * @enum {unknown}
               */
              contentType: 'image/jpeg' | 'image/png' | 'image/heic' | 'image/heif' | 'image/webp';
              /** @description Bytes, as uploaded. */
              size: number;
              /** @description Pixels as the photo is shown (its EXIF orientation applied). */
              width: number;
              height: number;
              /** @description Hex SHA-256 of the bytes as uploaded; also the ETag of url. */
              sha256: string;
              /** @description The installer who uploaded it. */
              takenBy: {
                /** Format: uuid */
                userId: string;
                email: string;
              };
              /** Format: date-time */
              uploadedAt: string;
              /** @description GET it here: the original, EXIF and all. */
              url: string;
              /** @description GET a image/jpeg of at most 320 px here, without metadata; null when none could be made (a HEIF no decoder here reads: show a placeholder, or url). */
              thumbnailUrl: string | null;
              /** @description Key of the photo field that holds the photo; null while none does (such a photo is removed a while after the job ends). */
              field: string | null;
            }[];
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadJobPhoto: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'image/jpeg': string;
        'image/png': string;
        'image/heic': string;
        'image/heif': string;
        'image/webp': string;
        'application/octet-stream': string;
      };
    };
    responses: {
      /** @description A photo of a job, stored as uploaded. Put its photoId in a photo field of the job (`{"photoId": …}`); fetch it from url, its thumbnail from thumbnailUrl. */
      201: {
        headers: {
          /** @description The photo. */
          Location?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Photo'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the photo is over 20 MiB (PHOTO_MAX_BYTES), by its Content-Length or as it arrives */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: the bytes are not a JPEG, PNG, HEIC/HEIF or WebP image */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPhoto: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The photo id, as its upload answered. */
        photoId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The photo, as uploaded. */
      200: {
        headers: {
          /** @description The SHA-256 of the bytes, quoted; send it back as If-None-Match. */
          ETag?: string;
          /** @description private: kept by the device of the user who may see it, never by a shared cache. */
          'Cache-Control'?: string;
          /** @description Bytes. */
          'Content-Length'?: number;
          [name: string]: unknown;
        };
        content: {
          'image/jpeg': string;
          'image/png': string;
          'image/heic': string;
          'image/heif': string;
          'image/webp': string;
        };
      };
      /** @description Not modified: If-None-Match names these bytes. */
      304: {
        headers: {
          /** @description The SHA-256 of the bytes, quoted; send it back as If-None-Match. */
          ETag?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPhotoThumbnail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The photo id, as its upload answered. */
        photoId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The thumbnail. */
      200: {
        headers: {
          /** @description The SHA-256 of the bytes, quoted; send it back as If-None-Match. */
          ETag?: string;
          /** @description private: kept by the device of the user who may see it, never by a shared cache. */
          'Cache-Control'?: string;
          /** @description Bytes. */
          'Content-Length'?: number;
          [name: string]: unknown;
        };
        content: {
          'image/jpeg': string;
        };
      };
      /** @description Not modified: If-None-Match names these bytes. */
      304: {
        headers: {
          /** @description The SHA-256 of the bytes, quoted; send it back as If-None-Match. */
          ETag?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  editJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Merged into the job's values; a field set to null is cleared (and unlocked). */
          values?: {
            [key: string]: unknown;
          };
          /** @description Another customer, or null for none; a dispatcher or customer-portal user names one of theirs and cannot clear it. Kept without blanks at either end and with single spaces inside; blanks alone are refused as empty. Compared with a user's customers case-insensitively. */
          customerName?: ((string & unknown) | null) & unknown;
          /**
           * Format: date-time
           * @description A new wish (RFC 3339 with Z or ±HH:MM within ±14:00, years 1900–9999), or null to clear it.
           */
          requestedStartAt?: string | null;
        };
      };
    };
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  duplicateJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job as it is now. */
      201: {
        headers: {
          /** @description The new job. */
          Location?: string;
          /** @description The keys of the values left out, comma-separated; absent when none was. */
          'Dropped-Values'?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assignJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uuid
           * @description A company whose invitation for the job's fleet is ACCEPTED.
           */
          installerCompanyId: string;
        };
      };
    };
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listJobEvents: {
    parameters: {
      query?: {
        /** @description Events per page. */
        limit?: number;
        /** @description The nextCursor of the previous page, to read on (later events); one of another job's trail answers 400. */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job's audit trail, oldest first, a page at a time. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobEvents'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  saveJobValues: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Fields of steps not yet completed; null clears one. Locked fields cannot change. */
          values: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  completeJobStep: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
        /** @description The id of a step of the job's job type, as the job's steps list it, e.g. mount. */
        stepId: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Values of the fields this step collects. */
          values?: {
            [key: string]: unknown;
          };
          /** @description The checklist items ticked off, as the step's checklist words them: all of them (else 422 checklist-incomplete) and no other (422 unknown-checklist-item). */
          checklist?: string[];
        };
      };
    };
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description The job as it is now. */
      202: {
        headers: {
          /** @description The job, where the outcome of the action arrives. */
          Location?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  completeJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  failJob: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Why the job could not be completed, or why the company declines it: the provider reads it. */
          reason: string;
        };
      };
    };
    responses: {
      /** @description The job as it is now. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  sendVehicleCommand: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The job id, e.g. J-01HZX3K9QF. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Allowed when the job type's access.permissions include it.
           * @enum {unknown}
           */
          command: 'lock' | 'unlock' | 'enableDriving' | 'disableDriving' | 'readState';
          /** @description Which CloudBoxx, when the job has two (a swap). */
          qnr?: string;
        };
      };
    };
    responses: {
      /** @description The command went through; the vehicle state the CloudBoxx reported back. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VehicleCommandResult'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description Resume after this event, for a client that cannot set the Last-Event-ID header on its first connection; the header, when sent, wins (it is what a reconnecting EventSource sends, while the URL keeps the first position). Refused like the header, naming /lastEventId. */
        lastEventId?: string;
      };
      header?: {
        /** @description Resume after this event: the `id` of the last message received (an EventSource sends it by itself when it reconnects). The stream then sends every event after it that you may see, then goes on live. Without it, the stream starts now. Anything but an id the stream gave out answers 400 invalid-request naming /headers/last-event-id: rule pattern for what is no id, rule given-out for an id of no event or beyond the newest (kept from before the database was reset, say): reconnect without it. */
        'Last-Event-ID'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /**
       * @description Server-Sent Events (text/event-stream), open until the client or the server ends it.
       *
       *     - First `retry:` (the milliseconds to wait before reconnecting) and `id:` alone: the position the stream starts from, so that it is resumable before its first event.
       *     - Then one message per event you may see, oldest first: `id: <position>`, `event: <type>`, `data: <JSON>`; the JSON holds
       *       - `type`: What happened: job.created, job.edited, job.assigned, job.started, step.completed, values.saved, vehicle.command, job.succeeded, job.failed, job.deleted, vehicle.secured, vehicle.not-secured, vehicle.securing.overdue … of a job; invitation.accepted or invitation.declined of an invitation.
       *       - `jobId`: The job it happened to; null for an invitation answer.
       *       - `invitationId`: The invitation answered; null for a job event.
       *       - `actor`: Who did it.
       *       - `data`: The particulars, depending on type, as in the job events (job.created's jobType is the job type's id and version, `<id>@<version>`, e.g. cloudboxx-install@3); for an invitation answer its fleet, e-mail and company.
       *       - `occurredAt`: When it happened.
       *     - A comment line `: keep-alive` every 15 s.
       *     - When the server ends a stream, last `event: stream.ended` with `data: {"reason": …}`: shutdown, too-slow (the client did not read fast enough), access-changed (the token was revoked, or its role or customers changed), unavailable (the database could not be read). Reconnect with Last-Event-ID: nothing is missed.
       */
      200: {
        headers: {
          /** @description no-cache, no-transform: each message is passed on as it comes. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': {
            /** @description The position to resume after (Last-Event-ID). */
            id?: string;
            /** @description The event's type, or stream.ended. */
            event?: string;
            /** @description Milliseconds to wait before reconnecting. */
            retry?: number;
            data: string;
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listFleets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The provider's fleets, by name. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FleetList'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createFleet: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description How the fleet is called in the portals, e.g. a city; unique among your fleets. */
          name: string & unknown;
        };
      };
    };
    responses: {
      /** @description A fleet of the provider: its jobs and invitations belong to it. */
      201: {
        headers: {
          /** @description The new fleet's invitations. */
          Location?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Fleet'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listInvitations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The fleet id (GET /v1/fleets). */
        fleetId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The fleet's invitations, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationList'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createInvitation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The fleet id (GET /v1/fleets). */
        fleetId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: email
           * @description Where the invitation goes; the installer company registers through its link. Compared case-insensitively.
           */
          email: string;
        };
      };
    };
    responses: {
      /** @description The invitation sent, with its token. */
      201: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NewInvitation'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The fleet id (GET /v1/fleets). */
        fleetId: string;
        /** @description The invitation id (GET /v1/fleets/{fleetId}/invitations). */
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invitation's token, from the link in its e-mail: inv_ and 32 characters. */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Who invites the company, for which fleet: what the registration page shows. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationPreview'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptInvitation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The invitation's token, from the link in its e-mail: inv_ and 32 characters. */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description The installer company registering through this invitation. */
          companyName: string & unknown;
          /**
           * Format: email
           * @description The company's first admin; defaults to the address the invitation was sent to.
           */
          adminEmail?: string;
        };
      };
    };
    responses: {
      /** @description Accepted with a company admin token: the fleet is added to that company. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationAccepted'];
        };
      };
      /** @description The company is registered and works for the fleet; its first admin can sign in with adminToken. */
      201: {
        headers: {
          /** @description The new company. */
          Location?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompanyRegistered'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  declineInvitation: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The invitation's token, from the link in its e-mail: inv_ and 32 characters. */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Declined; the provider may invite the address again. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationDeclined'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAccountLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The sign-in link's token, from the link in the welcome e-mail: acl_ and 32 characters. */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Who the link signs in, before it is used: what a sign-in page shows. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountLinkPreview'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  claimAccountLink: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The sign-in link's token, from the link in the welcome e-mail: acl_ and 32 characters. */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A new API token for the account; the link is used up. */
      201: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClaimedAccount'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listUsers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The provider's users, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProviderUserList'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /**
           * @description provider_admin: everything, for all customers. provider_dispatcher (provider staff) and provider_customer (a customer-portal user) see, create, edit, duplicate and delete jobs for the given customers only; the dispatcher also assigns them, the customer-portal user does not.
           * @enum {unknown}
           */
          role: 'provider_admin' | 'provider_dispatcher' | 'provider_customer';
          /** @description Required for a dispatcher and a customer-portal user, refused for an admin: the customers they act for. Each kept without blanks at either end and with single spaces inside (blanks alone are refused as empty), and matched with jobs' customer names case-insensitively, so a name may be given once only, in whatever spelling. */
          customers?: (string & unknown)[];
        };
      };
    };
    responses: {
      /** @description The user added, with their API token. */
      201: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NewProviderUser'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (as the list of users or technicians gives it). */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyProvider: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your mobility provider and its settings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description Your providerId.
             */
            id: string;
            name: string;
            /** @description How long the photos of a finished job are kept. */
            photoRetention: {
              days: number;
              /**
               * @description provider: your own setting; default: the installation's (PHOTO_RETENTION_DAYS).
               * @enum {unknown}
               */
              source: 'provider' | 'default';
            };
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  editMyProvider: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Days the photos of a finished job are kept before photo housekeeping removes them (with a photo.removed event on the job); null: the installation's default. */
          photoRetentionDays?: number | null;
        };
      };
    };
    responses: {
      /** @description Your mobility provider and its settings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description Your providerId.
             */
            id: string;
            name: string;
            /** @description How long the photos of a finished job are kept. */
            photoRetention: {
              days: number;
              /**
               * @description provider: your own setting; default: the installation's (PHOTO_RETENTION_DAYS).
               * @enum {unknown}
               */
              source: 'provider' | 'default';
            };
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyCompany: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your installer company and the fleets it works for. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Company'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTechnicians: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your company's technicians, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TechnicianList'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addTechnician: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: email
           * @description The technician's sign-in address: one account per address in your company, whatever its case (409 email-taken otherwise); the same address may have an account in another organisation too.
           */
          email: string;
          /** @description Shown to the company and in job events. */
          name?: string;
        };
      };
    };
    responses: {
      /** @description The technician added, with their API token. */
      201: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NewTechnician'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeTechnician: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (as the list of users or technicians gives it). */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your organisation's webhook endpoints, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookList'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description Where deliveries are POSTed: an https URL on the public internet, without user name or password (plain http and private addresses only where the installation allows them, as `npm start` does).
           */
          url: string;
          /** @description The events to deliver. A company's endpoint gets the events of the jobs assigned to it (from the assignment on) and of its own invitation answers, so it cannot subscribe to job.created (a job is created before it is assigned to a company), job.deleted (only a job not yet assigned (PENDING) can be deleted), invitation.declined (a declined invitation names no company): 422 event-type-not-receivable. vehicle.not-secured: when the job ended, its vehicle could not be locked or immobilised as the job type says (check it); vehicle.securing.overdue: securing it has gone unanswered for a while and is still being tried. */
          eventTypes: (
            | 'job.created'
            | 'job.assigned'
            | 'job.started'
            | 'step.completed'
            | 'job.succeeded'
            | 'job.failed'
            | 'job.deleted'
            | 'vehicle.secured'
            | 'vehicle.not-secured'
            | 'vehicle.securing.overdue'
            | 'invitation.accepted'
            | 'invitation.declined'
          )[];
          /** @description What the endpoint is for, for people. */
          description?: string;
        };
      };
    };
    responses: {
      /** @description The endpoint with its signing secret, shown this once. */
      201: {
        headers: {
          /** @description The new endpoint. */
          Location?: string;
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecret'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). invalid-webhook-url: unless the installation allows private targets, the URL is not https, or names a host that does not resolve or resolves to a loopback, link-local or private address (its form, http(s) without user name or password, is the schema's); event-type-not-receivable: an installer company's endpoint subscribes to a type it never receives — job.created (a job is created before it is assigned to a company), job.deleted (only a job not yet assigned (PENDING) can be deleted), invitation.declined (a declined invitation names no company); each named at /eventTypes/<index> with rule receivable; idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint id (GET /v1/webhooks). */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A webhook endpoint (its secret is shown only when made or rotated). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint id (GET /v1/webhooks). */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  editWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint id (GET /v1/webhooks). */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description Where deliveries are POSTed: an https URL on the public internet, without user name or password (plain http and private addresses only where the installation allows them, as `npm start` does).
           */
          url?: string;
          /** @description The events to deliver. A company's endpoint gets the events of the jobs assigned to it (from the assignment on) and of its own invitation answers, so it cannot subscribe to job.created (a job is created before it is assigned to a company), job.deleted (only a job not yet assigned (PENDING) can be deleted), invitation.declined (a declined invitation names no company): 422 event-type-not-receivable. vehicle.not-secured: when the job ended, its vehicle could not be locked or immobilised as the job type says (check it); vehicle.securing.overdue: securing it has gone unanswered for a while and is still being tried. */
          eventTypes?: (
            | 'job.created'
            | 'job.assigned'
            | 'job.started'
            | 'step.completed'
            | 'job.succeeded'
            | 'job.failed'
            | 'job.deleted'
            | 'vehicle.secured'
            | 'vehicle.not-secured'
            | 'vehicle.securing.overdue'
            | 'invitation.accepted'
            | 'invitation.declined'
          )[];
          /** @description What the endpoint is for, for people. */
          description?: string | null;
          /** @description true: deliveries are recorded but none is sent; false: what was recorded meanwhile is sent, in order. */
          paused?: boolean;
        };
      };
    };
    responses: {
      /** @description A webhook endpoint (its secret is shown only when made or rotated). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unsupported-media-type: a body is sent, but not as application/json (or another +json type) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). invalid-webhook-url: unless the installation allows private targets, the URL is not https, or names a host that does not resolve or resolves to a loopback, link-local or private address (its form, http(s) without user name or password, is the schema's); event-type-not-receivable: an installer company's endpoint subscribes to a type it never receives — job.created (a job is created before it is assigned to a company), job.deleted (only a job not yet assigned (PENDING) can be deleted), invitation.declined (a declined invitation names no company); each named at /eventTypes/<index> with rule receivable */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The webhook endpoint id (GET /v1/webhooks). */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint with its signing secret, shown this once. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecret'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description Only deliveries in this state. */
        status?: 'pending' | 'delivered' | 'failed';
        /** @description Deliveries per page. */
        limit?: number;
        /** @description The nextCursor of the previous page, to read on (older deliveries). */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The webhook endpoint id (GET /v1/webhooks). */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An endpoint's deliveries, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryPage'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeliverWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for 24 hours; use a new one for every new request (a UUID, say). An empty key is no key. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description The webhook endpoint id (GET /v1/webhooks). */
        webhookId: string;
        /** @description The delivery id (GET /v1/webhooks/{webhookId}/deliveries). */
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One event for one endpoint, and how its attempts went. */
      200: {
        headers: {
          /** @description true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key */
      409: {
        headers: {
          /** @description Seconds to wait before retrying, with idempotency-key-in-use. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description payload-too-large: the request body is over 256 kB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457). idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE) */
      429: {
        headers: {
          /** @description Seconds until the token may send again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description headers-too-large: the request headers are over 16 kB in all */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description internal: a fault on our side; it has been logged */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice) */
      503: {
        headers: {
          /** @description Seconds to wait before retrying. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
