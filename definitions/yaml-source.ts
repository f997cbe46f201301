// Parses a job-type file keeping the YAML syntax tree, so that every later check can point at
// the line and column the author has to fix.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { DefinitionPath } from './errors';
import { unstorableSourceText } from './storable-source';

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface SourceMessage extends SourcePosition {
  /** Where in the definition, when known. */
  readonly path?: DefinitionPath;
  readonly message: string;
}

/** Where to point for a path: at its value (default) or at its key, e.g. for an unknown key. */
export type PositionTarget = 'value' | 'key';

export interface ParsedYamlSource {
  /** The plain data, or undefined when the YAML is too broken to check any further. */
  readonly data: unknown;
  /** Problems with the YAML itself; `data` is undefined when one of them makes the rest unreadable. */
  readonly problems: readonly SourceMessage[];
  /** Position of the node at `path`, or of its deepest existing ancestor. */
  locate(path: DefinitionPath, target?: PositionTarget): SourcePosition;
  /** Whether the mapping at `path` is written inside { … }; false when unknown. */
  isFlowMapping?(path: DefinitionPath): boolean;
}

/**
 * What a source may be, so that none can hold the parser or the checks for long: a job type is
 * written by a tenant and parsed by the API. Aliases may not hold aliases (the "billion laughs").
 */
export const YAML_LIMITS = { maxBytes: 256 * 1024, maxDepth: 32, maxAliases: 20 } as const;

export function parseYamlSource(text: string): ParsedYamlSource {
  const bytes = utf8Length(text);
  if (bytes > YAML_LIMITS.maxBytes) {
    const size = `${Math.ceil(bytes / 1024)} KiB`;
    const message = `the source is ${size}; a job type may be at most ${YAML_LIMITS.maxBytes / 1024} KiB (${YAML_LIMITS.maxBytes} bytes)`;
    return { data: undefined, problems: [{ line: 1, column: 1, message }], locate: () => ({ line: 1, column: 1 }) };
  }
  // UTF-16 read as UTF-8 is a NUL after (or before) every letter: "must not contain the NUL character" named
  // something the author never wrote, with no word of what to change.
  if (/^(\uFFFD\uFFFD|\uFEFF)?([^\0]\0|\0[^\0]){2}/.test(text)) {
    const message =
      'the file is saved as UTF-16 (what Windows Notepad calls "Unicode"); job types are UTF-8: save it again choosing UTF-8 as the encoding';
    return { data: undefined, problems: [{ line: 1, column: 1, message }], locate: () => ({ line: 1, column: 1 }) };
  }
  const unstorable = unstorableSourceText(text);
  if (unstorable !== undefined) {
    const before = text.slice(0, unstorable.position).split('\n');
    const where = { line: before.length, column: before.at(-1)!.length + 1 };
    return { data: undefined, problems: [{ ...where, message: unstorable.message }], locate: () => ({ line: 1, column: 1 }) };
  }
  const lineCounter = new LineCounter();
  const flowTooDeep = deepFlowNesting(text);
  if (flowTooDeep !== undefined) {
    lineCounter.addNewLine(0);
    for (let index = text.indexOf('\n'); index !== -1 && index < flowTooDeep; index = text.indexOf('\n', index + 1))
      lineCounter.addNewLine(index + 1);
    const { line, col } = lineCounter.linePos(flowTooDeep);
    return { data: undefined, problems: [{ line, column: col, message: tooDeep() }], locate: () => ({ line: 1, column: 1 }) };
  }
  // uniqueKeys off: we report duplicate keys ourselves, naming the key and where it first appeared.
  // resolveKnownTags off: YAML 1.1's !!binary, !!set, !!omap, !!pairs and !!timestamp would become a
  // Buffer, a Set, a Map or a Date, which JSON (the stored definition, the configuration pushed to a
  // box) turns into something else or nothing ({}), silently; unresolved, each is refused at its tag.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, resolveKnownTags: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: DefinitionPath, target: PositionTarget = 'value'): SourcePosition => at(offsetOf(doc, path, target));

  const fatal: SourceMessage[] = withoutCascade(doc.errors).map((error) => ({
    ...at(error.pos[0]),
    message: `YAML syntax error: ${syntaxErrorInAdminWords(error)}`,
  }));
  // The parser obeys a %YAML 1.1 directive, and 1.1 reads yes/on as true, 0815 as 815 and 010 as 8:
  // the README promises YAML 1.2, so a file asking for another version is refused, not read otherwise.
  const yamlVersion = doc.directives?.yaml;
  if (yamlVersion?.explicit === true && yamlVersion.version !== '1.2') {
    fatal.push({
      ...at(Math.max(0, text.indexOf('%YAML'))),
      message: `YAML: this file asks for YAML ${yamlVersion.version} (%YAML ${yamlVersion.version}); job types are read as YAML 1.2, where only true and false are yes/no and 0815 stays as written only in quotes: remove the %YAML line`,
    });
  }
  const structure = structuralProblems(doc, at);
  // After a syntax error the tree is guesswork: its odd keys are the parser's, not the author's.
  if (fatal.length === 0) fatal.push(...structure.fatal);
  // Duplicate keys and unknown tags still leave a readable document: keep checking it.
  const problems = [
    ...fatal,
    ...doc.warnings.map((warning) => ({ ...at(warning.pos[0]), message: `YAML: ${warningInAdminWords(warning)}` })),
    ...structure.duplicates,
  ];
  // After a syntax error the tree is guesswork; anything else found in it would mislead.
  if (fatal.length > 0) return { data: undefined, problems: sortByPosition(fatal), locate };

  try {
    const isFlowMapping = (path: DefinitionPath): boolean => {
      const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
      return isMap(node) && node.flow === true;
    };
    return { data: doc.toJS({ maxAliasCount: 100 }), problems: sortByPosition(problems), locate, isFlowMapping };
  } catch (error) {
    // yaml throws on alias bombs and the like; those are the author's problem, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    problems.push({ line: 1, column: 1, message: `YAML could not be read: ${message}` });
    return { data: undefined, problems: sortByPosition(problems), locate };
  }
}

/** An unresolved tag (!!set, !fancy) in the words of the file, with what to write instead. */
function warningInAdminWords(warning: { code: string; message: string }): string {
  const tag = /^Unresolved tag: (\S+)/.exec(warning.message)?.[1];
  if (warning.code !== 'TAG_RESOLVE_FAILED' || tag === undefined) return warning.message;
  const written = tag.replace(/^tag:yaml\.org,2002:/, '!!');
  return `the tag ${written} is not supported: a job type holds text, numbers, true or false, lists and mappings; remove the tag (to make a value text, put it in quotes)`;
}

/**
 * Once the parser meets a token it did not expect, it has lost its place, and reads what follows as
 * more errors: one unquoted `{` in a value gave over 150 lines of "Unexpected scalar" and the like
 * down to the end of the file, burying the one that says what to fix. Nothing after it is reported.
 */
function withoutCascade<E extends { code: string }>(errors: readonly E[]): E[] {
  // A tab before a list item loses it too: a dozen lines of "nested mappings", "implicit keys" after the one that says "tab".
  const firstUnexpected = errors.findIndex((error) => error.code === 'UNEXPECTED_TOKEN' || error.code === 'TAB_AS_INDENT');
  return firstUnexpected === -1 ? [...errors] : errors.slice(0, firstUnexpected + 1);
}

const FLOW_TOKENS: Partial<Record<string, string>> = {
  'flow-map-start': '{',
  'flow-map-end': '}',
  'flow-seq-start': '[',
  'flow-seq-end': ']',
  comma: ',',
};

function syntaxErrorInAdminWords(error: { code: string; message: string }): string {
  // A plain value inside { … } or [ … ] ends at the first bracket or comma: `pattern: ^\d{4}$`.
  const token = /^Unexpected (\S+) at node end/.exec(error.message)?.[1];
  const character = token === undefined ? undefined : FLOW_TOKENS[token];
  if (error.code === 'UNEXPECTED_TOKEN' && character !== undefined)
    return `unexpected "${character}" after a value: inside { … } or [ … ] a value holding {, }, [, ] or a comma must be in quotes, e.g. pattern: "^[0-9]{4}$"`;
  return ADMIN_WORDS[error.code] ?? error.message;
}

/** yaml's messages that speak to programmers, by error code. */
const ADMIN_WORDS: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'a job-type file holds one definition; remove the "---" line and what follows (or move it to a file of its own)',
};

/**
 * What the YAML library accepts but a definition cannot mean, or a server should not expand:
 * duplicate keys, keys that are lists or mappings, dangling, nested or too many aliases, nesting
 * beyond YAML_LIMITS.maxDepth.
 */
function structuralProblems(
  doc: Document,
  at: (offset: number) => SourcePosition,
): { fatal: SourceMessage[]; duplicates: SourceMessage[] } {
  const fatal: SourceMessage[] = [];
  const duplicates: SourceMessage[] = [];
  const seen = new Set<unknown>();
  let aliases = 0;
  const visit = (node: unknown, path: DefinitionPath): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if ((isMap(node) || isSeq(node)) && path.length >= YAML_LIMITS.maxDepth) {
      // Not descending further also keeps this recursion shallow.
      fatal.push({ ...at(node.range?.[0] ?? 0), path, message: tooDeep() });
      return;
    }
    if (isAlias(node)) {
      aliases++;
      const target = node.resolve(doc);
      const where = { ...at(node.range?.[0] ?? 0), path };
      if (aliases === YAML_LIMITS.maxAliases + 1) {
        fatal.push({
          ...where,
          message: `YAML: more than ${YAML_LIMITS.maxAliases} aliases (*${node.source} is one too many); a job type may use at most ${YAML_LIMITS.maxAliases}`,
        });
      } else if (target === undefined) {
        fatal.push({ ...where, message: `YAML: alias *${node.source} refers to no anchor defined before it` });
      } else if (holdsAlias(target)) {
        fatal.push({
          ...where,
          message: `YAML: alias *${node.source} refers to a node that holds aliases itself; aliases may not be nested, as each level multiplies the document`,
        });
      }
    } else if (isMap(node)) {
      const firstSeen = new Map<string, number>();
      for (const pair of node.items) {
        const offset = pairOffset(pair);
        if (pair.key !== null && !isScalar(pair.key)) {
          fatal.push({ ...at(offset), path, message: 'a key must be a plain name, not a list or a mapping' });
          continue;
        }
        // `~: x` or `: x`: the checks after this one would name the key "" and point at line 1.
        if (pair.key === null || (isScalar(pair.key) && pair.key.value === null)) {
          fatal.push({
            ...at(offset),
            path,
            message: 'a key is missing before the ":" (or is ~, which YAML reads as no key): write its name',
          });
          continue;
        }
        const key = scalarKey(pair);
        if (key === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
          // YAML 1.1's merge key: the parser (YAML 1.2) reads it as a key like any other, so it would only be "unknown".
          fatal.push({
            ...at(offset),
            path,
            message: 'YAML merge keys (<<) are not supported: write the keys out here (anchors and aliases, &name and *name, work)',
          });
          continue;
        }
        const first = firstSeen.get(key);
        if (first === undefined) firstSeen.set(key, offset);
        else duplicates.push({ ...at(offset), path, message: `duplicate key "${key}" (first used on line ${at(first).line})` });
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(doc.contents, []);
  return { fatal, duplicates };
}

function tooDeep(): string {
  return `YAML: nested more than ${YAML_LIMITS.maxDepth} levels deep; a job type may nest at most ${YAML_LIMITS.maxDepth}`;
}

/**
 * The parser recurses into flow collections ([…], {…}) and runs out of stack some thousands deep.
 * A rough count, blind to quotes and comments, finds such sources before the parser sees them; it
 * may overcount, so it refuses only far beyond any real definition. Returns the offset of the
 * bracket that first went deeper than the limit, or undefined.
 */
function deepFlowNesting(text: string): number | undefined {
  const refusedFrom = 1000;
  let depth = 0;
  let firstTooDeep: number | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '[' || char === '{') {
      depth++;
      if (depth === YAML_LIMITS.maxDepth) firstTooDeep = index;
      if (depth >= refusedFrom) return firstTooDeep;
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
      if (depth < YAML_LIMITS.maxDepth) firstTooDeep = undefined;
    }
  }
  return undefined;
}

/** Whether an alias occurs anywhere in `node` (without recursion: nesting is not limited yet here). */
function holdsAlias(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (isAlias(current)) return true;
    if (isMap(current)) for (const pair of current.items) stack.push(pair.key, pair.value);
    else if (isSeq(current)) stack.push(...current.items);
  }
  return false;
}

/** Bytes of `text` in UTF-8, without encoding it: a huge text is refused before it costs anything. */
function utf8Length(text: string): number {
  // Never fewer bytes than UTF-16 code units.
  if (text.length > YAML_LIMITS.maxBytes) return text.length;
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one code point of four bytes
      index++;
    } else bytes += 3;
  }
  return bytes;
}

function offsetOf(doc: Document, path: DefinitionPath, target: PositionTarget): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      // The last pair with that key wins, as in the parsed data.
      const pair = [...node.items].reverse().find((p) => scalarKey(p) === String(segment));
      if (pair === undefined) return offset;
      const valueStart = startOf(pair.value);
      const valueIsBlank = isScalar(pair.value) && pair.value.range?.[0] === pair.value.range?.[1];
      if ((isLast && target === 'key') || valueStart === undefined || valueIsBlank) return pairOffset(pair);
      node = pair.value;
      offset = valueStart;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const start = startOf(item);
      if (start === undefined) return offset;
      node = item;
      offset = start;
    } else {
      return offset;
    }
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  if (isPair(node)) return pairOffset(node);
  const range = (node as YamlNode | null | undefined)?.range;
  return range?.[0];
}

function pairOffset(pair: Pair): number {
  return (pair.key as YamlNode | null)?.range?.[0] ?? startOf(pair.value) ?? 0;
}

function scalarKey(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function sortByPosition<T extends SourcePosition>(items: T[]): T[] {
  return items.sort((a, b) => a.line - b.line || a.column - b.column);
}
