/**
 * Wording rules shared by the generators (which follow them when they build a list) and the
 * generator text check (`scripts/bank/generator-text.ts`, which enforces them on every item).
 */

/** Length of the longest run two sequences share (characters, or words). */
export function longestSharedRun<T>(a: readonly T[], b: readonly T[]): number {
	let best = 0;
	const row = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = 0;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : 0;
			best = Math.max(best, row[j]);
			diagonal = above;
		}
	}
	return best;
}

/** Chinese characters, or lower-case English words, of a list entry. */
export function wordUnits(text: string, lang: 'zh' | 'en'): string[] {
	return lang === 'zh'
		? [...text.trim()]
		: text
				.toLowerCase()
				.replace(/[^a-z\s-]/g, ' ')
				.split(/\s+/)
				.filter(Boolean);
}

/**
 * True when two entries of one list repeat the same words mechanically: a shared run of five
 * Chinese characters (工业产品的产品策划、工业产品的结构设计) or four English words
 * ("… for an industrial product; … for an industrial product").
 */
export function repeatsWords(x: string, y: string, lang: 'zh' | 'en'): boolean {
	return longestSharedRun(wordUnits(x, lang), wordUnits(y, lang)) >= (lang === 'zh' ? 5 : 4);
}
