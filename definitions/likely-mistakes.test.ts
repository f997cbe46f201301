// Warnings of likely mistakes: the exact line the author reads, and the type still loads.
import { expect } from 'chai';
import { BASE_YAML, problemsOf, TEST_FILE, variant, withFields } from '../test/support/job-type-texts';

const linesOf = (text: string) => problemsOf(text).map((line) => line.replace(`${TEST_FILE}:`, ''));

describe('warnings of likely mistakes', () => {
  it('draws none from the base definition', () => {
    expect(linesOf(BASE_YAML)).to.deep.equal([]);
  });

  it('warns of a section that no field is in', () => {
    const text = variant('    title: Setup\n', '    title: Setup\n  - id: extras\n    title: Extras\n');
    expect(linesOf(text)).to.deep.equal([
      '7:5 sections[1]: warning: section "extras" has no fields: forms would show its heading with nothing under it',
    ]);
  });

  it('warns of an old box no step talks to, and not once a step does', () => {
    const withOldBox = withFields(['{ key: oldQnr, label: Old QNR, section: setup, type: string, preset: required }']).replace(
      'vehicle:\n  qnrField: boxQnr\n',
      'vehicle:\n  qnrField: boxQnr\n  oldQnrField: oldQnr\n',
    );
    expect(linesOf(withOldBox)).to.deep.equal([
      `51:16 vehicle.oldQnrField: warning: no step talks to the box taken out: "oldQnr" is named here, but no step with an action has qnrField: oldQnr, so the old box is never reached (add such a step, e.g. to read the vehicle's state before the removal, or leave oldQnrField out; the field itself stays)`,
    ]);
    const reading = variant(
      '    qnrField: boxQnr\ncloudboxx:',
      '    qnrField: boxQnr\n  - id: read-old\n    title: Read the old box\n    action: cloudboxx.readVehicleState\n    qnrField: oldQnr\ncloudboxx:',
      withOldBox,
    ).replace('[lock, unlock, configure]', '[lock, unlock, readState, configure]');
    expect(linesOf(reading)).to.deep.equal([]);
  });

  it('warns of a step that collects a field the provider must preset', () => {
    const text = variant('collect: [boxSerial, odometerKm]', 'collect: [boxSerial, odometerKm, operation]');
    expect(linesOf(text)).to.deep.equal([
      '33:38 steps[0].collect[2]: warning: "operation" is preset: required, so the provider always fills it and it is locked for the installer: step "mount" collects a value nobody can change there (leave it out of collect, or make the preset allowed or forbidden)',
    ]);
  });

  it('warns of checklist items that differ only in case or spacing, naming the first', () => {
    const text = variant('checklist: [Power, CAN bus]', 'checklist: [Power, CAN bus, can  Bus]');
    expect(linesOf(text)).to.deep.equal([
      '34:33 steps[0].checklist[2]: warning: "can  Bus" looks like checklist item "CAN bus" (steps[0].checklist[1]), differing only in case, spacing or invisible characters: people cannot tell them apart',
    ]);
  });

  it('warns of enum options that look alike, by value and by label', () => {
    const text = variant(
      '        - { value: swap, label: Swap }\n',
      '        - { value: swap, label: Swap }\n        - { value: Swap, label: "swap " }\n',
    );
    expect(linesOf(text)).to.deep.equal([
      '17:20 fields[0].validation.options[2].value: warning: "Swap" looks like option value "swap" (fields[0].validation.options[1].value), differing only in case, spacing or invisible characters: people cannot tell them apart',
      '17:33 fields[0].validation.options[2].label: warning: "swap " looks like option label "Swap" (fields[0].validation.options[1].label), differing only in case, spacing or invisible characters: people cannot tell them apart',
    ]);
  });

  it('warns of invisible characters wherever a text is, naming the character', () => {
    const zeroWidth = variant('title: Test type', 'title: "Test\u200Btype"');
    expect(linesOf(zeroWidth)).to.deep.equal([
      '3:8 title: warning: holds the invisible character U+200B (a zero-width character): people see the text without it, but it is stored and compared with it; remove it unless the script needs it',
    ]);
    const bidi = variant('serial: ${boxSerial}', 'serial: "\u202E${boxSerial}"');
    expect(linesOf(bidi)).to.deep.equal([
      '41:13 cloudboxx.configuration.serial: warning: holds the invisible character U+202E (a bidirectional control, which reorders what follows it): people see the text without it, but it is stored and compared with it; remove it unless the script needs it',
    ]);
  });

  it('takes an option that looks like another only through an invisible character as a look-alike too', () => {
    const text = variant(
      '        - { value: swap, label: Swap }\n',
      '        - { value: swap, label: Swap }\n        - { value: "sw\u00ADap", label: Other }\n',
    );
    const lines = linesOf(text);
    expect(lines.some((line) => line.includes('looks like option value "swap"'))).to.equal(true);
    expect(lines.some((line) => line.includes('U+00AD (a soft hyphen)'))).to.equal(true);
  });
});
