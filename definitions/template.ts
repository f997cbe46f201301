// The ${fieldKey} placeholders of the CloudBoxx configuration template. Pure (no Node imports):
// the loader checks templates with it and the workflow renders them with it.
import type { DefinitionPath } from './errors';
import type { JsonObject, JsonValue } from './compiled-job-type';

const FIELD_KEY = /^[a-z][a-zA-Z0-9]*$/;

export interface PlaceholderScan {
  /** Field keys referred to, in order of appearance. */
  readonly keys: readonly string[];
  /** What is wrong with placeholders that cannot be read, in the author's words. */
  readonly problems: readonly string[];
}

export function scanPlaceholders(text: string): PlaceholderScan {
  const keys: string[] = [];
  const problems: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) break;
    const end = text.indexOf('}', start);
    if (end < 0) {
      problems.push(`placeholder "${text.slice(start)}" has no closing "}"`);
      break;
    }
    const key = text.slice(start + 2, end);
    if (FIELD_KEY.test(key)) keys.push(key);
    else problems.push(unreadablePlaceholder(text.slice(start, end + 1), key));
    from = end + 1;
  }
  return { keys, problems };
}

/**
 * Why `${…}` names no field, with the key meant where it is plain: "must name a field key" alone
 * left an author of `${ vin }` (or a no-break space pasted in) looking at a key they had spelled right.
 */
function unreadablePlaceholder(placeholder: string, key: string): string {
  // Blanks at either end only: "${box serial}" is two words, not a key with a space in it.
  const unblanked = key.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
  if (unblanked !== key && FIELD_KEY.test(unblanked))
    return `placeholder "${placeholder}" has blanks inside its braces: write \${${unblanked}}`;
  const lowered = key.charAt(0).toLowerCase() + key.slice(1);
  if (FIELD_KEY.test(lowered))
    return `placeholder "${placeholder}" must name a field key, which starts with a lowercase letter: write \${${lowered}}`;
  return `placeholder "${placeholder}" must name a field key, e.g. \${vin}`;
}

/** Calls `visit` for every string leaf of the template, with its path inside the template. */
export function forEachTemplateString(
  template: unknown,
  visit: (text: string, path: DefinitionPath) => void,
  path: DefinitionPath = [],
): void {
  if (typeof template === 'string') visit(template, path);
  else if (Array.isArray(template)) template.forEach((item, index) => forEachTemplateString(item, visit, [...path, index]));
  else if (template !== null && typeof template === 'object') {
    for (const [key, value] of Object.entries(template)) forEachTemplateString(value, visit, [...path, key]);
  }
}

/** Calls `visit` for every mapping key of the template, with its path inside the template (the key last). */
export function forEachTemplateKey(template: unknown, visit: (key: string, path: DefinitionPath) => void, path: DefinitionPath = []): void {
  if (Array.isArray(template)) template.forEach((item, index) => forEachTemplateKey(item, visit, [...path, index]));
  else if (template !== null && typeof template === 'object') {
    for (const [key, value] of Object.entries(template)) {
      visit(key, [...path, key]);
      forEachTemplateKey(value, visit, [...path, key]);
    }
  }
}

/**
 * Fills the template. A string that is exactly `${key}` becomes the value itself (a number stays a
 * number, an address stays an object); inside a longer string a value is spelled as text.
 * Placeholders without a value are listed in `unresolved` and rendered as null / "", or left as
 * they are with `keepUnresolved` (a preview shows what is still missing where it is missing).
 */
export function renderTemplate(
  template: JsonObject,
  valueOf: (key: string) => unknown,
  options: { readonly keepUnresolved?: boolean } = {},
): { readonly rendered: JsonObject; readonly unresolved: readonly string[] } {
  const unresolved = new Set<string>();
  const lookup = (key: string): JsonValue | undefined => {
    const value = toJson(valueOf(key));
    if (value === undefined) unresolved.add(key);
    return value;
  };
  const render = (node: JsonValue): JsonValue => {
    if (typeof node === 'string') {
      const whole = /^\$\{([a-z][a-zA-Z0-9]*)\}$/.exec(node);
      if (whole?.[1] !== undefined) return lookup(whole[1]) ?? (options.keepUnresolved === true ? node : null);
      return node.replace(/\$\{([a-z][a-zA-Z0-9]*)\}/g, (placeholder, key: string) => {
        const value = lookup(key);
        return value === undefined && options.keepUnresolved === true ? placeholder : asText(value);
      });
    }
    if (Array.isArray(node)) return node.map(render);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, render(value)]));
    }
    return node;
  };
  return { rendered: render(template) as JsonObject, unresolved: [...unresolved] };
}

function toJson(value: unknown): JsonValue | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return value as JsonValue;
}

/** Address values read as their text, photo references as their id (a list of them as ids joined by commas). */
function asText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (!Array.isArray(value)) {
    if (typeof value.text === 'string') return value.text;
    if (typeof value.photoId === 'string') return value.photoId;
  } else if (value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.photoId === 'string')) {
    return value.map((item) => (item as { photoId: string }).photoId).join(', ');
  }
  return JSON.stringify(value);
}
