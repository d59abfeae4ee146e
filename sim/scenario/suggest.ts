// "Did you mean …?" for misspelled keys, operations and values: the closest known word by optimal string
// alignment distance (Levenshtein plus swapping two neighbours, since `stpes` is one slip, not two).

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word closest to `word`, if it is close enough to be a slip: a case difference, one edit
 * (`P9` for `P1`), or two edits in a word of more than four letters. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const close = bestDistance <= 1 ? word.length >= 2 : bestDistance <= 2 && bestDistance < word.length / 2;
  return close ? best : undefined;
}

/** `(did you mean "steps"?)`, or the list of what is allowed when nothing is close. */
export function suggestion(word: string, known: readonly string[], listName = 'expected one of'): string {
  const near = closest(word, known);
  if (near !== undefined) return `did you mean "${near}"?`;
  return `${listName} ${known.join(', ')}`;
}
