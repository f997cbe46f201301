// Warnings about what a definition may mean but more often got wrong: nothing here stops a job
// type from loading or being published, as each has a use, yet each would puzzle the installer
// or the provider's own staff later. Like the other semantic checks, every read is defensive
// about shapes (the grammar reports malformed ones).
import { formatPath, type DefinitionPath } from './errors';

type Rec = Record<string, unknown>;
export type Warn = (path: DefinitionPath, message: string) => void;

export function warnOfLikelyMistakes(data: Rec, warn: Warn): void {
  warnOfEmptySections(data, warn);
  warnOfUnusedOldBox(data, warn);
  warnOfCollectedPresets(data, warn);
  warnOfLookAlikes(data, warn);
  warnOfInvisibleCharacters(data, warn);
}

/** A section no field names is an empty heading in every form. */
function warnOfEmptySections(data: Rec, warn: Warn): void {
  const used = new Set(list(data.fields).flatMap((field) => (isRec(field) && typeof field.section === 'string' ? [field.section] : [])));
  const ids = new Set(list(data.sections).flatMap((section) => (isRec(section) && typeof section.id === 'string' ? [section.id] : [])));
  // A field naming an unknown section is an error that names the sections; a renamed one would echo it here.
  if ([...used].some((id) => !ids.has(id))) return;
  list(data.sections).forEach((section, index) => {
    if (!isRec(section) || typeof section.id !== 'string' || used.has(section.id)) return;
    warn(['sections', index], `section "${section.id}" has no fields: forms would show its heading with nothing under it`);
  });
}

/** vehicle.oldQnrField only matters to a step that talks to the box taken out. */
function warnOfUnusedOldBox(data: Rec, warn: Warn): void {
  const oldBox = isRec(data.vehicle) ? data.vehicle.oldQnrField : undefined;
  if (typeof oldBox !== 'string') return;
  if (list(data.steps).some((step) => isRec(step) && step.qnrField === oldBox)) return;
  warn(
    ['vehicle', 'oldQnrField'],
    `no step talks to the box taken out: "${oldBox}" is named here, but no step with an action has qnrField: ${oldBox}, so the old box is never reached (add such a step, e.g. to read the vehicle's state before the removal, or leave oldQnrField out; the field itself stays)`,
  );
}

/**
 * A field the provider must fill at creation (preset: required) is locked for the installer: a step
 * that collects it shows an input nobody can use (a value sent for it is refused as locked).
 */
function warnOfCollectedPresets(data: Rec, warn: Warn): void {
  const presetRequired = new Set(
    list(data.fields).flatMap((field) => (isRec(field) && field.preset === 'required' && typeof field.key === 'string' ? [field.key] : [])),
  );
  list(data.steps).forEach((step, stepIndex) => {
    if (!isRec(step)) return;
    list(step.collect).forEach((key, index) => {
      if (typeof key !== 'string' || !presetRequired.has(key)) return;
      warn(
        ['steps', stepIndex, 'collect', index],
        `"${key}" is preset: required, so the provider always fills it and it is locked for the installer: step "${String(step.id)}" collects a value nobody can change there (leave it out of collect, or make the preset allowed or forbidden)`,
      );
    });
  });
}

/**
 * Checklist items and enum options that differ only in case, spacing or invisible characters: an
 * installer ticks one and wonders about the other; a dispatcher picks the wrong option.
 */
function warnOfLookAlikes(data: Rec, warn: Warn): void {
  list(data.steps).forEach((step, stepIndex) => {
    if (!isRec(step)) return;
    warnOfLookAlikeTexts(list(step.checklist), (index) => ['steps', stepIndex, 'checklist', index], 'checklist item', warn);
  });
  list(data.fields).forEach((field, fieldIndex) => {
    if (!isRec(field) || !isRec(field.validation)) return;
    const options = list(field.validation.options);
    const optionPath = (key: 'value' | 'label') => (index: number) => ['fields', fieldIndex, 'validation', 'options', index, key];
    warnOfLookAlikeTexts(
      options.map((option) => (isRec(option) ? option.value : undefined)),
      optionPath('value'),
      'option value',
      warn,
    );
    warnOfLookAlikeTexts(
      options.map((option) => (isRec(option) ? option.label : undefined)),
      optionPath('label'),
      'option label',
      warn,
    );
  });
}

function warnOfLookAlikeTexts(texts: unknown[], pathOf: (index: number) => DefinitionPath, noun: string, warn: Warn): void {
  const firstOf = new Map<string, { index: number; text: string }>();
  texts.forEach((text, index) => {
    if (typeof text !== 'string') return;
    const likeness = text.normalize('NFKC').replace(INVISIBLE_ALL, '').replace(/\s+/g, ' ').trim().toLowerCase();
    const first = firstOf.get(likeness);
    if (first === undefined) firstOf.set(likeness, { index, text });
    // Exact repeats are the grammar's (uniqueItems) or the duplicate checks' to report.
    else if (first.text !== text)
      warn(
        pathOf(index),
        `${JSON.stringify(text)} looks like ${noun} ${JSON.stringify(first.text)} (${formatPath(pathOf(first.index))}), differing only in case, spacing or invisible characters: people cannot tell them apart`,
      );
  });
}

/**
 * Characters that show nothing (zero-width spaces and joiners, the soft hyphen, the byte order
 * mark) or silently reorder what follows (bidirectional controls), usually pasted in by accident.
 * A warning rather than a refusal: some scripts need the zero-width joiners.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

function warnOfInvisibleCharacters(data: Rec, warn: Warn): void {
  const visit = (value: unknown, path: DefinitionPath): void => {
    if (typeof value === 'string') {
      const found = INVISIBLE.exec(value);
      if (found !== null)
        warn(
          path,
          `holds the invisible character U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (${invisibleKind(found[0])}): people see the text without it, but it is stored and compared with it; remove it unless the script needs it`,
        );
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (isRec(value)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(data, []);
}

function invisibleKind(char: string): string {
  const code = char.codePointAt(0)!;
  if (code === 0xad) return 'a soft hyphen';
  if (code === 0xfeff) return 'a byte order mark';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f)
    return 'a bidirectional control, which reorders what follows it';
  return 'a zero-width character';
}

function isRec(value: unknown): value is Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
