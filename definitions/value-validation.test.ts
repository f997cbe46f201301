// Job values checked against a compiled job type, provider side and installer side.
import { expect } from 'chai';
import type { CompiledJobType } from './compiled-job-type';
import { loadJobTypeFromText } from './loader';
import { cachedValueValidatorCount, fieldValueProblems, validateProviderValues, validateStepValues } from './value-validation';
import { providerValuesSchema, stepValuesSchema } from './value-schemas';

export const ALL_TYPES_YAML = `id: all-types
version: 1
title: All field types
sections: [{ id: main, title: Main }]
fields:
  - { key: plate, label: Licence plate, section: main, type: string, required: true, validation: { pattern: "^[A-Z]{1,3}-[A-Z]{1,2} [0-9]{1,4}$", patternMessage: "must look like B-AB 1234", maxLength: 12 } }
  - { key: notes, label: Notes, section: main, type: text, preset: forbidden }
  - { key: odometerKm, label: Odometer, section: main, type: integer, required: true, preset: forbidden, validation: { minimum: 0, maximum: 2000000 } }
  - { key: batteryVolts, label: Battery voltage, section: main, type: number, validation: { minimum: 9.5 } }
  - { key: hasKeyHolder, label: Key holder fitted, section: main, type: boolean }
  - { key: fuelType, label: Fuel, section: main, type: enum, preset: required, validation: { options: [{ value: petrol, label: Petrol }, { value: electric, label: Electric }] } }
  - { key: firstRegistration, label: First registration, section: main, type: date }
  - { key: appointment, label: Appointment, section: main, type: datetime }
  - { key: location, label: Vehicle location, section: main, type: address }
  - { key: photo, label: Photo, section: main, type: photo, required: true, preset: forbidden }
  - { key: boxQnr, label: CloudBoxx QNR, section: main, type: string }
vehicle: { qnrField: boxQnr }
steps:
  - { id: check-in, title: Check-in, collect: [plate, odometerKm, batteryVolts, hasKeyHolder, firstRegistration] }
  - { id: document, title: Document, collect: [notes, photo, location, appointment, boxQnr] }
access: { permissions: [readState], maxDuration: PT2H }
`;

describe('job values', () => {
  let compiled: CompiledJobType;
  before(() => {
    compiled = loadJobTypeFromText('job-types/all-types.yaml', ALL_TYPES_YAML);
  });

  describe('at creation (provider side)', () => {
    it('accepts a value for every field the provider may set', () => {
      expect(
        validateProviderValues(compiled, {
          plate: 'B-AB 1234',
          batteryVolts: 12.6,
          hasKeyHolder: false,
          fuelType: 'electric',
          firstRegistration: '2025-03-01',
          appointment: '2026-11-23T14:30:00+01:00',
          location: { text: 'Hauptstraße 1, 10115 Berlin', lat: 52.53, lng: 13.38 },
        }),
      ).to.deep.equal([]);
    });

    it('requires only the fields with preset: required; everything else may stay blank', () => {
      expect(validateProviderValues(compiled, {})).to.deep.equal([
        { pointer: '/values/fuelType', field: 'fuelType', rule: 'required', message: 'Fuel must be given when the job is created' },
      ]);
    });

    it('refuses a field only the installer fills', () => {
      expect(validateProviderValues(compiled, { fuelType: 'petrol', odometerKm: 5 })).to.deep.equal([
        {
          pointer: '/values/odometerKm',
          field: 'odometerKm',
          rule: 'presetForbidden',
          message: 'Odometer is filled in by the installer and cannot be set when the job is created',
        },
      ]);
    });

    it('names an unknown field and what was probably meant', () => {
      expect(validateProviderValues(compiled, { fuelType: 'petrol', plates: 'B-AB 1' })).to.deep.equal([
        { pointer: '/values/plates', field: null, rule: 'unknownField', message: 'unknown field "plates" (did you mean "plate"?)' },
      ]);
    });

    it('explains each broken rule in the words of the field', () => {
      const issues = validateProviderValues(compiled, {
        plate: 'b-ab 1234',
        batteryVolts: 3,
        hasKeyHolder: 'yes',
        fuelType: 'diesel',
        firstRegistration: '01.03.2025',
        appointment: '2026-11-23T14:30:00',
        location: { text: 'Hauptstraße 1', lat: 52.5 },
      });
      expect(issues.map((issue) => [issue.pointer, issue.rule, issue.message])).to.deep.equal([
        ['/values/plate', 'pattern', 'Licence plate must look like B-AB 1234'],
        ['/values/batteryVolts', 'minimum', 'Battery voltage must be at least 9.5'],
        ['/values/hasKeyHolder', 'type', 'Key holder fitted must be true or false'],
        ['/values/fuelType', 'enum', 'Fuel must be one of "petrol" or "electric"'],
        ['/values/firstRegistration', 'format', 'First registration must be a date like 2026-11-23'],
        ['/values/appointment', 'format', 'Appointment must be a date and time with time zone, like 2026-11-23T14:30:00Z'],
        ['/values/location', 'invalid', 'Vehicle location needs both lat and lng, or neither'],
      ]);
    });

    it('refuses an object for an enum with the options, whatever the object holds', () => {
      // String() of an object whose toString is not a function throws: the message must not need it.
      for (const fuelType of [{ toString: false }, { valueOf: 1, toString: null }, ['petrol']])
        expect(validateProviderValues(compiled, { fuelType }).map((issue) => [issue.pointer, issue.rule, issue.message])).to.deep.include([
          '/values/fuelType',
          'enum',
          'Fuel must be one of "petrol" or "electric"',
        ]);
    });

    it('refuses a whole number beyond ±(2^53 − 1) in an integer field: JSON rounds it, so what was sent could not be kept', () => {
      const counted = loadJobTypeFromText(
        'job-types/all-types.yaml',
        ALL_TYPES_YAML.replace('  - { key: boxQnr,', '  - { key: seats, label: Seats, section: main, type: integer }\n  - { key: boxQnr,'),
      );
      // 9007199254740993 arrives as 9007199254740992 (2^53), the value the job would have held.
      const sent = (seats: string): unknown => JSON.parse(`{"fuelType": "petrol", "seats": ${seats}}`);
      expect(validateProviderValues(counted, sent('9007199254740993'))).to.deep.equal([
        {
          pointer: '/values/seats',
          field: 'seats',
          rule: 'maximum',
          message: 'Seats must be at most 9007199254740991: a larger whole number is not kept exactly (it would be rounded)',
        },
      ]);
      expect(validateProviderValues(counted, sent('-9007199254740993')).map((issue) => [issue.rule, issue.message])).to.deep.equal([
        ['minimum', 'Seats must be at least -9007199254740991: a smaller whole number is not kept exactly (it would be rounded)'],
      ]);
      expect(validateProviderValues(counted, sent('1e300')).map((issue) => issue.rule)).to.deep.equal(['maximum']);
      expect(validateProviderValues(counted, sent('9007199254740991'))).to.deep.equal([]);
      expect(validateProviderValues(counted, sent('-9007199254740991'))).to.deep.equal([]);
      // A number field holds a float, rounded by nature; its own rules only.
      expect(validateProviderValues(counted, { fuelType: 'petrol', batteryVolts: 2 ** 60 })).to.deep.equal([]);
      // An own bound beyond the range (a type published before the loader refused it) gives way to it.
      expect(fieldValueProblems({ type: 'integer', validation: { maximum: 1e20 } }, 2 ** 53, 'Seats')).to.deep.equal([
        'Seats must be at most 9007199254740991: a larger whole number is not kept exactly (it would be rounded)',
      ]);
      expect(fieldValueProblems({ type: 'integer', validation: { maximum: 9 } }, 2 ** 53, 'Seats')).to.deep.equal([
        'Seats must be at most 9',
      ]);
    });

    it('does not take an empty string or null for a value', () => {
      expect(
        validateProviderValues(compiled, { fuelType: 'petrol', plate: '', batteryVolts: null }).map((issue) => issue.message),
      ).to.deep.equal(['Licence plate must not be empty', 'Battery voltage must be a number']);
    });

    it('checks the parts of an address and of a photo reference', () => {
      expect(
        validateProviderValues(compiled, { fuelType: 'petrol', location: { lat: 91, lng: 0 } }).map((i) => [i.pointer, i.message]),
      ).to.deep.equal([
        ['/values/location/text', 'Vehicle location needs "text"'],
        ['/values/location/lat', 'Vehicle location: lat must be at most 90'],
      ]);
    });

    it('refuses values that are not a mapping', () => {
      expect(validateProviderValues(compiled, ['B-AB 1'])).to.deep.equal([
        { pointer: '/values', field: null, rule: 'type', message: 'values must be a mapping from field key to value' },
      ]);
    });
  });

  describe('during a step (installer side)', () => {
    it('accepts the fields the step collects', () => {
      expect(validateStepValues(compiled, 'check-in', { plate: 'B-AB 1234', odometerKm: 12_345 }, { fuelType: 'petrol' })).to.deep.equal(
        [],
      );
    });

    it('requires the required fields of the step, unless they were given at creation', () => {
      expect(validateStepValues(compiled, 'check-in', {}, { fuelType: 'petrol' }).map((issue) => issue.message)).to.deep.equal([
        'Licence plate is required in this step',
        'Odometer is required in this step',
      ]);
      expect(validateStepValues(compiled, 'check-in', { odometerKm: 1 }, { fuelType: 'petrol', plate: 'B-AB 1234' })).to.deep.equal([]);
    });

    it('refuses a change to a field locked at creation, but not the same value again', () => {
      const preset = { fuelType: 'petrol', plate: 'B-AB 1234' };
      expect(validateStepValues(compiled, 'check-in', { odometerKm: 1, plate: 'B-CD 5678' }, preset)).to.deep.equal([
        {
          pointer: '/values/plate',
          field: 'plate',
          rule: 'locked',
          message: 'Licence plate was set when the job was created and cannot be changed',
        },
      ]);
      expect(validateStepValues(compiled, 'check-in', { odometerKm: 1, plate: 'B-AB 1234' }, preset)).to.deep.equal([]);
    });

    it('refuses a field of another step, and one only the provider sets', () => {
      expect(
        validateStepValues(compiled, 'check-in', { plate: 'B-AB 1234', odometerKm: 1, photo: { photoId: 'p1' }, fuelType: 'petrol' }),
      ).to.deep.equal([
        {
          pointer: '/values/fuelType',
          field: 'fuelType',
          rule: 'notInStep',
          message: 'Fuel is not collected in step "check-in"; only the provider sets it',
        },
        {
          pointer: '/values/photo',
          field: 'photo',
          rule: 'notInStep',
          message: 'Photo is not collected in step "check-in"; it belongs to step "document"',
        },
      ]);
    });

    it('checks a photo reference', () => {
      expect(validateStepValues(compiled, 'document', { photo: { id: 'p1' } }).map((i) => [i.pointer, i.message])).to.deep.equal([
        ['/values/photo/photoId', 'Photo needs "photoId"'],
        ['/values/photo', 'Photo has an unknown key "id"; a photo reference {photoId} has no such part'],
      ]);
    });

    it('checks a field of several photos: a list, within its bounds, no photo twice', () => {
      const photos = loadJobTypeFromText(
        'job-types/photos.yaml',
        `id: photos
version: 1
title: Photos
sections: [{ id: main, title: Main }]
fields:
  - { key: wiring, label: Wiring photos, section: main, type: photo, multiple: true, required: true, preset: forbidden, validation: { minItems: 2, maxItems: 3 } }
  - { key: extra, label: Extra photos, section: main, type: photo, multiple: true, preset: forbidden }
  - { key: boxQnr, label: CloudBoxx QNR, section: main, type: string }
vehicle: { qnrField: boxQnr }
steps:
  - { id: document, title: Document, collect: [wiring, extra, boxQnr] }
access: { permissions: [readState], maxDuration: PT2H }
`,
      );
      const problems = (values: Record<string, unknown>) =>
        validateStepValues(photos, 'document', values).map((i) => [i.pointer, i.rule, i.message]);
      const ids = (...names: string[]) => names.map((photoId) => ({ photoId }));
      expect(problems({ wiring: ids('a', 'b'), extra: ids('c') })).to.deep.equal([]);
      expect(problems({ wiring: ids('a') })).to.deep.equal([['/values/wiring', 'minItems', 'Wiring photos needs at least 2 photos']]);
      expect(problems({ wiring: ids('a', 'b', 'c', 'd') })).to.deep.equal([
        ['/values/wiring', 'maxItems', 'Wiring photos takes at most 3 photos'],
      ]);
      expect(problems({ wiring: ids('a', 'a') })).to.deep.equal([
        ['/values/wiring', 'photoInUse', 'Wiring photos lists the same photo twice'],
      ]);
      expect(problems({ wiring: { photoId: 'a' } })).to.deep.equal([
        ['/values/wiring', 'type', 'Wiring photos must be a list of photo references [{photoId}, …]'],
      ]);
      // An optional list still takes at least one photo when given, and at most 20 unless maxItems says.
      expect(problems({ wiring: ids('a', 'b'), extra: ids(...Array.from({ length: 21 }, (_, i) => `x${i}`)) })).to.deep.equal([
        ['/values/extra', 'maxItems', 'Extra photos takes at most 20 photos'],
      ]);
      expect(problems({})).to.deep.equal([['/values/wiring', 'required', 'Wiring photos is required in this step']]);
    });

    it('names a step the job type does not have', () => {
      expect(validateStepValues(compiled, 'mount', {})).to.deep.equal([
        { pointer: '', field: null, rule: 'unknownStep', message: 'job type all-types@1 has no step "mount"' },
      ]);
    });
  });

  it('compiles each schema once per job type version and side', () => {
    const fresh = loadJobTypeFromText(
      'job-types/all-types.yaml',
      ALL_TYPES_YAML.replace('title: All field types', 'title: All field types, again'),
    );
    const before = cachedValueValidatorCount();
    for (let round = 0; round < 3; round++) {
      validateProviderValues(fresh, {});
      validateStepValues(fresh, 'check-in', {});
      validateStepValues(fresh, 'document', {});
    }
    expect(cachedValueValidatorCount() - before).to.equal(3);
  });

  // Whatever the workflow accepts is written to the read model, so it must be what Postgres can store.
  describe('only what Postgres can store', () => {
    it('refuses a NUL or a lone surrogate in any string of a value, names included, on both sides', () => {
      expect(
        validateProviderValues(compiled, { fuelType: 'petrol', plate: 'B-AB 1\u0000', location: { text: 'Haupt\uD800straße' } }),
      ).to.deep.equal([
        {
          pointer: '/values/plate',
          field: 'plate',
          rule: 'invalid',
          message: 'Licence plate must not contain the NUL character (U+0000), found at position 6',
        },
        {
          pointer: '/values/location/text',
          field: 'location',
          rule: 'invalid',
          message:
            'Vehicle location: text must be valid Unicode: it has a lone surrogate (U+D800) at position 5, half of a character without its other half',
        },
      ]);
      const step = validateStepValues(compiled, 'document', { photo: { photoId: 'p\u0000' }, notes: 'ok 📦', 'x\u0000': 1 });
      expect(step.map((issue) => [issue.pointer, issue.rule])).to.deep.equal([
        ['/values/photo/photoId', 'invalid'],
        ['/values/x\u0000', 'invalid'],
      ]);
    });

    it('refuses them in a single value (drafts, defaults) too', () => {
      expect(fieldValueProblems({ type: 'text', validation: {} }, 'a\u0000', 'Notes')).to.deep.equal([
        'Notes must not contain the NUL character (U+0000), found at position 1',
      ]);
      expect(fieldValueProblems({ type: 'address', validation: {} }, { text: '\uDC00' }, 'Location')[0]).to.match(
        /^Location: text must be valid Unicode/,
      );
      expect(fieldValueProblems({ type: 'date', validation: {} }, '1899-12-31', 'Delivered')).to.deep.equal([
        'Delivered must have a year between 1900 and 9999, not 1899',
      ]);
    });

    it('holds dates and date-times to years 1900-9999 and offsets up to ±14:00', () => {
      expect(
        validateProviderValues(compiled, { fuelType: 'petrol', firstRegistration: '0000-01-01', appointment: '2026-11-23T14:30:00-23:59' }),
      ).to.deep.equal([
        {
          pointer: '/values/firstRegistration',
          field: 'firstRegistration',
          rule: 'format',
          message: 'First registration must have a year between 1900 and 9999, not 0000',
        },
        {
          pointer: '/values/appointment',
          field: 'appointment',
          rule: 'format',
          message: 'Appointment must have a time zone offset between -14:00 and +14:00, not -23:59',
        },
      ]);
      expect(
        validateProviderValues(compiled, { fuelType: 'petrol', firstRegistration: '9999-12-31', appointment: '2026-11-23T14:30:00+14:00' }),
      ).to.deep.equal([]);
    });
  });

  it('publishes the schemas as plain JSON Schema', () => {
    const provider = providerValuesSchema(compiled);
    expect(provider.required).to.deep.equal(['fuelType']);
    expect((provider.properties as Record<string, unknown>).odometerKm).to.equal(false);
    const step = stepValuesSchema(compiled, 'check-in');
    expect(step?.required).to.deep.equal(['plate', 'odometerKm']);
    expect(stepValuesSchema(compiled, 'nope')).to.equal(undefined);
  });
});
