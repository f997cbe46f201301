// The job's rules without Temporal: what a refused step completion or draft tells the caller.
import { expect } from 'chai';
import { JOB_WORKFLOW_GENERATION } from '../common/job-workflow';
import type { CompiledJobType } from '../definitions/compiled-job-type';
import { securingWords, type Actor } from '../common/job';
import { findRefusal } from '../common/job-refusal';
import { compileText, variant, withFields } from '../test/support/job-type-texts';
import { JobMachine } from './job-machine';

const PROVIDER: Actor = { kind: 'user', userId: 'u-provider', organisationId: 'provider-1', role: 'provider_admin' };
const INSTALLER: Actor = { kind: 'user', userId: 'u-installer', organisationId: 'company-1', role: 'installer_technician' };
const NOW = '2026-01-05T08:00:00.000Z';

/** A PENDING job of BASE_YAML's type (steps mount, configure), or of `jobType`, with the provider's `values`. */
function pendingJob(options: { jobId?: string; jobType?: CompiledJobType; values?: Record<string, unknown> } = {}): JobMachine {
  const jobId = options.jobId ?? 'job-1';
  const input = {
    generation: JOB_WORKFLOW_GENERATION,
    jobId,
    providerId: 'provider-1',
    fleetId: 'fleet-1',
    jobType: options.jobType ?? compileText(),
    values: { operation: 'install', boxQnr: '0123456789ABCDEF', ...options.values },
    createdBy: PROVIDER,
    createdAt: NOW,
  };
  return new JobMachine(input, `installer-job-${jobId}`, Date.parse(NOW));
}

/** The same, assigned to INSTALLER's company and started. */
function runningJob(options: Parameters<typeof pendingJob>[0] = {}): JobMachine {
  const job = pendingJob(options);
  job.assign({ actor: PROVIDER, installerCompanyId: 'company-1' }, NOW);
  job.start(NOW, { grantId: 'g-1', permissions: ['lock'], grantedAt: NOW, expiresAt: '2026-01-05T16:00:00.000Z' });
  return job;
}

function refusalOf(check: () => unknown) {
  try {
    check();
  } catch (error) {
    return findRefusal(error);
  }
  expect.fail('the check should have refused');
}

describe('the job machine', () => {
  it("refuses a step the job does not have as unknownStep, naming it and listing the job's steps", () => {
    const refusal = refusalOf(() => runningJob().checkCompleteStep({ actor: INSTALLER, stepId: 'verify' }));
    expect(refusal).to.deep.equal({
      reason: 'unknownStep',
      message: 'Job job-1 has no step "verify"; its steps are: mount, configure.',
      problems: [{ pointer: '/stepId', message: 'must be one of: mount, configure', rule: 'unknownStep' }],
    });
  });

  describe('photos', () => {
    const photoType = () =>
      compileText(
        variant(
          'collect: [boxSerial, odometerKm]',
          'collect: [boxSerial, odometerKm, boxPhoto, wiringPhotos]',
          withFields([
            '{ key: boxPhoto, label: Box photo, section: setup, type: photo, preset: forbidden }',
            '{ key: wiringPhotos, label: Wiring photos, section: setup, type: photo, multiple: true, preset: forbidden }',
          ]),
        ),
      );

    it('refuses a photo another field of the job holds, and one photo given for two fields at once', () => {
      const job = runningJob({ jobType: photoType() });
      job.saveValues({ actor: INSTALLER, values: { boxPhoto: { photoId: 'p1' } } });
      const reused = refusalOf(() =>
        job.checkCompleteStep({
          actor: INSTALLER,
          stepId: 'mount',
          values: { boxSerial: 'CBX12345', wiringPhotos: [{ photoId: 'p2' }, { photoId: 'p1' }] },
        }),
      );
      expect(reused?.reason).to.equal('invalidValues');
      expect(reused?.problems).to.deep.include({
        pointer: '/values/wiringPhotos/1/photoId',
        message: 'Wiring photos: photo p1 is already used for "Box photo"; take a photo for each field',
        rule: 'photoInUse',
      });
      const twice = refusalOf(() =>
        job.checkSaveValues({ actor: INSTALLER, values: { boxPhoto: { photoId: 'p3' }, wiringPhotos: [{ photoId: 'p3' }] } }),
      );
      expect(twice?.problems?.map((problem) => problem.pointer)).to.deep.equal([
        '/values/boxPhoto/photoId',
        '/values/wiringPhotos/0/photoId',
      ]);
    });

    it('takes a photo moved from one field to another in the same request, and the same photo sent again for its own field', () => {
      const job = runningJob({ jobType: photoType() });
      job.saveValues({ actor: INSTALLER, values: { boxPhoto: { photoId: 'p1' } } });
      expect(() =>
        job.checkSaveValues({ actor: INSTALLER, values: { boxPhoto: { photoId: 'p2' }, wiringPhotos: [{ photoId: 'p1' }] } }),
      ).not.to.throw();
      expect(() =>
        job.checkCompleteStep({
          actor: INSTALLER,
          stepId: 'mount',
          values: { boxSerial: 'CBX12345', boxPhoto: { photoId: 'p1' } },
          checklist: ['Power', 'CAN bus'],
        }),
      ).not.to.throw();
    });
  });

  it('still refuses a known step out of order as stepOutOfOrder', () => {
    expect(refusalOf(() => runningJob().checkCompleteStep({ actor: INSTALLER, stepId: 'configure' }))?.reason).to.equal('stepOutOfOrder');
  });

  it('escapes ~ and / in the pointer of a draft value the job type does not know', () => {
    const refusal = refusalOf(() => runningJob().checkSaveValues({ actor: INSTALLER, values: { 'a/b~c': 1 } }));
    expect(refusal?.problems).to.deep.equal([
      { pointer: '/values/a~1b~0c', message: 'job type test-type has no field "a/b~c"', rule: 'unknownField' },
    ]);
  });
});

describe('the job machine: a value the provider set locks its field', () => {
  const SITE = { text: 'Am Markt 7, Berlin', lat: 52.5, lng: 13.4 };

  /** A RUNNING job whose provider gave the address `site`. */
  function jobWithSite(): JobMachine {
    const jobType = compileText(withFields(['{ key: site, label: Site, section: setup, type: address, preset: required }']));
    return runningJob({ jobId: 'job-4', jobType, values: { site: SITE } });
  }

  const DRAFTS: Array<[title: string, values: Record<string, unknown>, reason: string | undefined]> = [
    ['the same address re-sent', { site: SITE }, undefined],
    ['the same address with its keys in another order', { site: { lng: 13.4, lat: 52.5, text: 'Am Markt 7, Berlin' } }, undefined],
    ['another address', { site: { ...SITE, text: 'Am Markt 8, Berlin' } }, 'lockedField'],
    ['the same operation', { operation: 'install' }, undefined],
    ['another operation', { operation: 'swap' }, 'lockedField'],
  ];
  for (const [title, values, reason] of DRAFTS) {
    it(`${title} in a draft: ${reason ?? 'accepted'}`, () => {
      const job = jobWithSite();
      let refused: string | undefined;
      try {
        job.checkSaveValues({ actor: INSTALLER, values });
      } catch (error) {
        refused = findRefusal(error)?.reason ?? String(error);
      }
      expect(refused).to.equal(reason);
      if (reason === undefined) {
        job.saveValues({ actor: INSTALLER, values });
        expect(job.values.site, "the provider's value stays").to.deep.equal(SITE);
      }
    });
  }

  it('names the locked field in the refusal', () => {
    const refusal = refusalOf(() => jobWithSite().checkSaveValues({ actor: INSTALLER, values: { site: { text: 'Elsewhere' } } }));
    expect(refusal?.problems).to.deep.equal([
      { pointer: '/values/site', message: 'Site was set when the job was created and cannot be changed', rule: 'locked' },
    ]);
  });
});

describe("the job machine: a job's vehicle and what can be stored", () => {
  it('refuses a fail reason or an edit Postgres could not store, naming the pointer', () => {
    expect(refusalOf(() => runningJob().checkFail(INSTALLER, 'broken\u0000'))).to.deep.include({ reason: 'invalidValues' });
    const pending = pendingJob({ jobId: 'job-2' });
    const refused = refusalOf(() =>
      pending.checkEdit({ actor: PROVIDER, customerName: 'Po\u0000ison', requestedStartAt: '0000-01-01T00:00:00Z' }),
    );
    expect(refused?.problems.map((problem) => problem.pointer)).to.deep.equal(['/customerName', '/requestedStartAt']);
  });

  it('a saved draft counts when its step is completed', () => {
    const job = runningJob();
    job.saveValues({ actor: INSTALLER, values: { boxSerial: 'CBX12345', odometerKm: 12 } });
    const step = job.checkCompleteStep({ actor: INSTALLER, stepId: 'mount', checklist: ['Power', 'CAN bus'] });
    expect(step.id).to.equal('mount');
  });

  it('refuses a step with an action once the access window is over by the clock, before its timer has ended the job', () => {
    const job = runningJob();
    job.completeStep({ actor: INSTALLER, stepId: 'mount', values: { boxSerial: 'CBX12345' }, checklist: ['Power', 'CAN bus'] }, NOW);
    const configure = { actor: INSTALLER, stepId: 'configure' };
    expect(job.checkCompleteStep(configure, { now: Date.parse('2026-01-05T15:59:59.000Z') }).id).to.equal('configure');
    expect(refusalOf(() => job.checkCompleteStep(configure, { now: Date.parse('2026-01-05T16:00:00.000Z') }))).to.deep.include({
      reason: 'accessDenied',
      message: 'The vehicle access of job job-1 has ended, so step "Configure" cannot run its action.',
    });
    expect(job.checkCompleteStep(configure).id, "the handler's check, without the clock, as runs replay").to.equal('configure');
  });

  it("secures the job's box when access ends; a running action keeps the step in progress and a repeat starts nothing", () => {
    const job = runningJob();
    expect(job.securingPlan()).to.deep.equal({ qnr: '0123456789ABCDEF', commands: ['lock', 'disableDriving'] });
    job.completeStep({ actor: INSTALLER, stepId: 'mount', values: { boxSerial: 'CBX12345' }, checklist: ['Power', 'CAN bus'] }, NOW);
    job.beginStepAction({ actor: INSTALLER, stepId: 'configure' });
    expect(job.snapshot(1).steps.find((step) => step.id === 'configure')?.status).to.equal('inProgress');
    expect(job.checkCompleteStep({ actor: INSTALLER, stepId: 'configure' }).id, 'a repeat while it runs').to.equal('configure');
    job.failStepAction('configure', 'The CloudBoxx did not answer.');
    expect(job.snapshot(2).steps.find((step) => step.id === 'configure')).to.deep.include({
      status: 'open',
      actionError: 'The CloudBoxx did not answer.',
    });
  });
});

describe("the job machine: a step's values while its action runs", () => {
  it('refuses, in the validator, a draft of a field whose step runs its action with the value it was completed with', () => {
    const jobType = compileText(
      variant(
        '    action: cloudboxx.applyConfiguration\n',
        '    action: cloudboxx.applyConfiguration\n    collect: [odometerKm]\n',
        variant('    collect: [boxSerial, odometerKm]\n', '    collect: [boxSerial]\n'),
      ),
    );
    const job = runningJob({ jobType });
    job.completeStep({ actor: INSTALLER, stepId: 'mount', values: { boxSerial: 'CBX12345' }, checklist: ['Power', 'CAN bus'] }, NOW);
    const draft = { actor: INSTALLER, values: { odometerKm: 1200 } };
    expect(() => job.checkSaveValues(draft, { whileActionRuns: 'refuse' }), 'before the action runs').not.to.throw();
    job.beginStepAction({ actor: INSTALLER, stepId: 'configure', values: { odometerKm: 1000 } });
    expect(refusalOf(() => job.checkSaveValues(draft, { whileActionRuns: 'refuse' }))).to.deep.equal({
      reason: 'invalidValues',
      message: 'Some values cannot be saved.',
      problems: [
        {
          pointer: '/values/odometerKm',
          message: 'Odometer belongs to step "configure", whose action is running with the value it was completed with',
          rule: 'stepInProgress',
        },
      ],
    });
    expect(() => job.checkSaveValues(draft), "the handler's check, as runs that saved one replay").not.to.throw();
  });
});

describe('the job machine: what the vehicle is said to undergo once access ends', () => {
  const ENDINGS: Array<[onEnd: string | undefined, pending: string, overdue: string]> = [
    [undefined, 'Access has ended; the vehicle is being locked and immobilised.', 'lock and immobilise'],
    ['[lock, disableDriving]', 'Access has ended; the vehicle is being locked and immobilised.', 'lock and immobilise'],
    ['[lock]', 'Access has ended; the vehicle is being locked.', 'lock'],
    ['[disableDriving]', 'Access has ended; the vehicle is being immobilised.', 'immobilise'],
    ['[]', 'Access has ended; the job type leaves the vehicle as it is (access.onEnd: []).', ''],
  ];
  for (const [onEnd, pending, overdue] of ENDINGS) {
    it(`onEnd: ${onEnd ?? '(the default)'} — "${pending}"`, () => {
      const jobType =
        onEnd === undefined ? compileText() : compileText(variant('maxDuration: PT8H', `maxDuration: PT8H\n  onEnd: ${onEnd}`));
      const job = runningJob({ jobType });
      job.fail('gave up', NOW);
      expect(job.securingPending()).to.deep.equal({ state: 'pending', detail: pending });
      expect(securingWords(jobType.access.onEnd, 'to').join(' and '), 'what an overdue securing is still trying').to.equal(overdue);
    });
  }
});

describe('the job machine: what a step completes with', () => {
  it('answers every problem of a step request at once, each with its pointer', () => {
    const refusal = refusalOf(() =>
      runningJob().checkCompleteStep({ actor: INSTALLER, stepId: 'mount', values: { boxSerial: 'bad', odometerKm: -1 } }),
    );
    expect(refusal?.reason).to.equal('invalidValues');
    expect(refusal?.problems.map((problem) => problem.pointer)).to.have.members(['/values/boxSerial', '/values/odometerKm', '/checklist']);
  });

  it("takes a field's default as its value when the step leaves it out, and says so", () => {
    const jobType = compileText(
      variant(
        '    required: true\n    validation:\n      pattern: "^[A-Z0-9]{8,12}$"',
        '    required: true\n    default: CBX00000\n    validation:\n      pattern: "^[A-Z0-9]{8,12}$"',
      ),
    );
    const job = runningJob({ jobId: 'job-3', jobType });
    const request = { actor: INSTALLER, stepId: 'mount', checklist: ['Power', 'CAN bus'] };
    const step = job.checkCompleteStep(request);
    expect(job.defaultedKeys(step, request)).to.deep.equal(['boxSerial']);
    job.completeStep(request, NOW);
    expect(job.values.boxSerial).to.equal('CBX00000');
  });
});

describe("the job machine: a step's checklist", () => {
  const MOUNT = { actor: INSTALLER, stepId: 'mount', values: { boxSerial: 'CBX12345' } };

  it('refuses an item the step does not have beside its own, naming it at its place and the items the step has', () => {
    const refusal = refusalOf(() => runningJob().checkCompleteStep({ ...MOUNT, checklist: ['Power', 'CAN bus', 'Bogus'] }));
    expect(refusal).to.deep.equal({
      reason: 'unknownChecklistItem',
      message: 'Step "Mount" has no checklist item "Bogus"; its items are: "Power", "CAN bus".',
      problems: [
        {
          pointer: '/checklist/2',
          message: '"Bogus" is not an item of this step; its items are: "Power", "CAN bus"',
          rule: 'unknownChecklistItem',
        },
      ],
    });
  });

  it("names each unknown item, and the step's items left unticked, in one answer", () => {
    const refusal = refusalOf(() => runningJob().checkCompleteStep({ ...MOUNT, checklist: ['Doors reacted', 'Power', 'power'] }));
    expect(refusal?.reason).to.equal('unknownChecklistItem');
    expect(refusal?.message).to.equal('Step "Mount" has no checklist items "Doors reacted", "power"; its items are: "Power", "CAN bus".');
    expect(refusal?.problems.map(({ pointer, rule }) => ({ pointer, rule }))).to.deep.equal([
      { pointer: '/checklist/0', rule: 'unknownChecklistItem' },
      { pointer: '/checklist/2', rule: 'unknownChecklistItem' },
      { pointer: '/checklist', rule: 'checklist' },
    ]);
  });

  it('refuses any item for a step without a checklist', () => {
    const job = runningJob();
    job.completeStep({ ...MOUNT, checklist: ['Power', 'CAN bus'] }, NOW);
    const refusal = refusalOf(() => job.checkCompleteStep({ actor: INSTALLER, stepId: 'configure', checklist: ['Doors reacted'] }));
    expect(refusal).to.deep.equal({
      reason: 'unknownChecklistItem',
      message: 'Step "Configure" has no checklist item "Doors reacted"; it has no checklist items.',
      problems: [
        {
          pointer: '/checklist/0',
          message: '"Doors reacted" is not an item of this step; it has no checklist items',
          rule: 'unknownChecklistItem',
        },
      ],
    });
    expect(() => job.checkCompleteStep({ actor: INSTALLER, stepId: 'configure', checklist: [] })).not.to.throw();
  });

  it("lists an unknown item with the values' problems when the values are refused", () => {
    const refusal = refusalOf(() =>
      runningJob().checkCompleteStep({ ...MOUNT, values: { boxSerial: 'bad' }, checklist: ['Power', 'CAN bus', 'Bogus'] }),
    );
    expect(refusal?.reason).to.equal('invalidValues');
    expect(refusal?.problems.map((problem) => problem.pointer)).to.deep.equal(['/values/boxSerial', '/checklist/2']);
  });

  it("takes unknown items when told to, as the workflow's handler does for runs that took them before the rule", () => {
    const job = runningJob();
    expect(job.checkCompleteStep({ ...MOUNT, checklist: ['Power', 'CAN bus', 'Bogus'] }, { unknownChecklistItems: 'take' }).id).to.equal(
      'mount',
    );
    const missing = refusalOf(() => job.checkCompleteStep({ ...MOUNT, checklist: ['Bogus'] }, { unknownChecklistItems: 'take' }));
    expect(missing?.reason, 'the step still needs its own items').to.equal('checklistIncomplete');
  });
});

/**
 * Who may do what, when: every change against every status and every kind of caller. A change
 * that is allowed may still be refused by a rule of the job type (an incomplete job); it is never
 * refused as someone else's job or as the wrong status.
 */
describe('the job machine: status × caller × change', () => {
  const OTHER_COMPANY: Actor = { kind: 'user', userId: 'u-other', organisationId: 'company-2', role: 'installer_admin' };
  const OTHER_PROVIDER: Actor = { kind: 'user', userId: 'u-elsewhere', organisationId: 'provider-2', role: 'provider_admin' };
  const CALLERS = { provider: PROVIDER, installer: INSTALLER, otherCompany: OTHER_COMPANY, otherProvider: OTHER_PROVIDER } as const;
  type Caller = keyof typeof CALLERS;
  type Status = 'PENDING' | 'ASSIGNED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'DELETED';

  function jobIn(status: Status): JobMachine {
    if (status === 'PENDING' || status === 'DELETED' || status === 'ASSIGNED') {
      const job = pendingJob({ jobId: 'job-t' });
      if (status === 'DELETED') job.delete();
      if (status === 'ASSIGNED') job.assign({ actor: PROVIDER, installerCompanyId: 'company-1' }, NOW);
      return job;
    }
    const job = runningJob({ jobId: 'job-t' });
    if (status === 'SUCCEEDED') job.complete(NOW);
    if (status === 'FAILED') job.fail('gave up', NOW);
    return job;
  }

  /** `status`: the statuses the change is allowed in. */
  const CHANGES: Record<
    string,
    { side: 'provider' | 'installer'; status: Status | Status[]; run: (job: JobMachine, actor: Actor) => unknown }
  > = {
    edit: { side: 'provider', status: 'PENDING', run: (job, actor) => job.checkEdit({ actor, values: { odometerKm: 5 } }) },
    assign: { side: 'provider', status: 'PENDING', run: (job, actor) => job.checkAssign({ actor, installerCompanyId: 'company-1' }) },
    delete: { side: 'provider', status: 'PENDING', run: (job, actor) => job.checkDelete(actor) },
    start: { side: 'installer', status: 'ASSIGNED', run: (job, actor) => job.checkStart(actor) },
    completeStep: {
      side: 'installer',
      status: 'RUNNING',
      run: (job, actor) =>
        job.checkCompleteStep({ actor, stepId: 'mount', values: { boxSerial: 'CBX12345' }, checklist: ['Power', 'CAN bus'] }),
    },
    saveValues: {
      side: 'installer',
      status: 'RUNNING',
      run: (job, actor) => job.checkSaveValues({ actor, values: { boxSerial: 'CBX12345' } }),
    },
    complete: { side: 'installer', status: 'RUNNING', run: (job, actor) => job.checkComplete(actor) },
    // Before the start too: the company declines an assigned job (its provider cannot change it any more).
    fail: { side: 'installer', status: ['ASSIGNED', 'RUNNING'], run: (job, actor) => job.checkFail(actor, 'no access to the car') },
    vehicleCommand: {
      side: 'installer',
      status: 'RUNNING',
      run: (job, actor) => job.checkVehicleCommand({ actor, command: 'lock' }, Date.parse(NOW)),
    },
  };

  /** What the rules say: the right side of the job, then the right status. */
  function expected(change: (typeof CHANGES)[string], caller: Caller, status: Status): 'allowed' | 'notYourJob' | 'wrongStatus' {
    const isSide =
      change.side === 'provider' ? caller === 'provider' : caller === 'installer' && status !== 'PENDING' && status !== 'DELETED';
    if (!isSide) return 'notYourJob';
    return ([] as Status[]).concat(change.status).includes(status) ? 'allowed' : 'wrongStatus';
  }

  const STATUSES: Status[] = ['PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'DELETED'];
  for (const [name, change] of Object.entries(CHANGES)) {
    for (const status of STATUSES) {
      for (const caller of Object.keys(CALLERS) as Caller[]) {
        const want = expected(change, caller, status);
        it(`${name} by ${caller} on a ${status} job: ${want}`, () => {
          let reason: string | undefined;
          try {
            change.run(jobIn(status), CALLERS[caller]);
          } catch (error) {
            reason = findRefusal(error)?.reason ?? String(error);
          }
          if (want === 'allowed')
            expect(reason, "refused only by the job type's own rules, if at all").to.be.oneOf([undefined, 'incomplete']);
          else expect(reason).to.equal(want);
        });
      }
    }
  }
});
