// Parses a job-type file keeping the YAML syntax tree, so that every later check can point at
// the line and column the author has to fix.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { DefinitionPath } from './errors';

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
}

export function parseYamlSource(text: string): ParsedYamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys off: we report duplicate keys ourselves, naming the key and where it first appeared.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: DefinitionPath, target: PositionTarget = 'value'): SourcePosition =>
    at(offsetOf(doc, path, target));

  const fatal: SourceMessage[] = doc.errors.map((error) => ({
    ...at(error.pos[0]),
    message: `YAML syntax error: ${ADMIN_WORDS[error.code] ?? error.message}`,
  }));
  const structure = structuralProblems(doc, at);
  fatal.push(...structure.fatal);
  // Duplicate keys and unknown tags still leave a readable document: keep checking it.
  const problems = [
    ...fatal,
    ...doc.warnings.map((warning) => ({ ...at(warning.pos[0]), message: `YAML: ${warning.message}` })),
    ...structure.duplicates,
  ];
  // After a syntax error the tree is guesswork; anything else found in it would mislead.
  if (fatal.length > 0) return { data: undefined, problems: sortByPosition(fatal), locate };

  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), problems: sortByPosition(problems), locate };
  } catch (error) {
    // yaml throws on alias bombs and the like; those are the author's problem, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    problems.push({ line: 1, column: 1, message: `YAML could not be read: ${message}` });
    return { data: undefined, problems: sortByPosition(problems), locate };
  }
}

/** yaml's messages that speak to programmers, by error code. */
const ADMIN_WORDS: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'a job-type file holds one definition; remove the "---" line and what follows (or move it to a file of its own)',
};

/** What the YAML library accepts but a definition cannot mean: duplicate keys, keys that are lists or mappings, dangling aliases. */
function structuralProblems(
  doc: Document,
  at: (offset: number) => SourcePosition,
): { fatal: SourceMessage[]; duplicates: SourceMessage[] } {
  const fatal: SourceMessage[] = [];
  const duplicates: SourceMessage[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown, path: DefinitionPath): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) {
        fatal.push({ ...at(node.range?.[0] ?? 0), path, message: `YAML: alias *${node.source} refers to no anchor defined before it` });
      }
    } else if (isMap(node)) {
      const firstSeen = new Map<string, number>();
      for (const pair of node.items) {
        const offset = pairOffset(pair);
        if (pair.key !== null && !isScalar(pair.key)) {
          fatal.push({ ...at(offset), path, message: 'a key must be a plain name, not a list or a mapping' });
          continue;
        }
        const key = scalarKey(pair);
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
