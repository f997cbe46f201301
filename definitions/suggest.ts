// "did you mean" for names an author mistyped.
import { distance } from 'fastest-levenshtein';

/** The candidate closest to `word`, if close enough to be a plausible typo. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const d = distance(lower, name.toLowerCase());
    if (best === undefined || d < best.distance) best = { name, distance: d };
  }
  // Two edits (e.g. a swapped pair of letters) for all but the shortest names.
  const tolerance = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && best.distance <= tolerance && best.name !== word ? best.name : undefined;
}

/**
 * closestName and didYouMean that stop suggesting once `comparisons` names have been compared: a
 * source full of unknown names (it may come from anyone, through the API) costs no more than that.
 */
export function suggestionBudget(comparisons: number): { closestName: typeof closestName; didYouMean: typeof didYouMean } {
  let left = comparisons;
  const budgeted = (word: string, candidates: Iterable<string>): string | undefined => {
    const names = [...candidates];
    if (names.length > left) {
      left = 0;
      return undefined;
    }
    left -= names.length;
    return closestName(word, names);
  };
  return {
    closestName: budgeted,
    didYouMean: (word, candidates) => {
      const name = budgeted(word, candidates);
      return name === undefined ? '' : ` (did you mean "${name}"?)`;
    },
  };
}

/** ` (did you mean "boxSerial"?)`, or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const name = closestName(word, candidates);
  return name === undefined ? '' : ` (did you mean "${name}"?)`;
}

/** `"a", "b" and "c"` */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
