/**
 * Matching written labels onto standard ones: exact after normalisation, then a trailing note
 * stripped, then typos and truncations by edit distance among the elements that fit the
 * position (formats.md §8).
 */
import type { FormatId } from '../../formats/types.js';
import { labelKey, stripTrailingNote } from '../../text/normalize.js';
import { similarity } from '../../text/similarity.js';
import type { MatchQuality } from './types.js';

/** A standard wording a label may match. */
export interface LabelCandidate {
  readonly key: string;
  readonly text: string;
  readonly formats: readonly FormatId[];
  /** Official order, for the position window of fuzzy matching. */
  readonly order: number;
}

/** A successful match. */
export interface LabelMatch {
  readonly candidate: LabelCandidate;
  readonly quality: Exclude<MatchQuality, 'unknown'>;
}

const keyCache = new Map<string, string>();

/** {@link labelKey}, memoised for the standard wordings. */
export function cachedKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    key = labelKey(text);
    keyCache.set(text, key);
  }
  return key;
}

/** Finds the candidate a label is written as exactly or with a note. */
export function matchExact(text: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  const key = labelKey(text);
  if (key === '') return undefined;
  for (const candidate of candidates) if (cachedKey(candidate.text) === key) return { candidate, quality: 'exact' };
  const stripped = stripTrailingNote(key);
  if (stripped !== key && stripped !== '') {
    for (const candidate of candidates) if (cachedKey(candidate.text) === stripped) return { candidate, quality: 'note' };
  }
  return undefined;
}

/**
 * Finds the candidate a label is a typo or truncation of. With one candidate left in the window
 * a looser threshold applies: the position already says which row it must be.
 */
export function matchFuzzy(text: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  const key = labelKey(text);
  if (key.length < 2) return undefined;
  let best: LabelCandidate | undefined;
  let bestScore = 0;
  for (const candidate of candidates) {
    const standard = cachedKey(candidate.text);
    let score = similarity(key, standard);
    if (standard.startsWith(key) && key.length >= Math.max(2, standard.length * 0.4)) score = Math.max(score, 0.7);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const distinct = new Set(candidates.map((c) => c.key)).size;
  const threshold = distinct === 1 ? 0.5 : 0.7;
  return best && bestScore >= threshold ? { candidate: best, quality: 'fuzzy' } : undefined;
}
