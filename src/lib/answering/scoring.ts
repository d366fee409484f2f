/**
 * Scoring of a learner's response against an item. Pure: the quiz in the browser, the classroom
 * server and the tests all call the same function, so a class sees the same marks a learner does.
 */
import type { FamilyId, Item, Response, Score } from '$lib/bank/types';

/**
 * Unicode punctuation, symbols and separators, any whitespace (ASCII and full-width alike), and
 * every default-ignorable code point (zero-width space and joiners, soft hyphen, word joiner,
 * BOM, variation selectors…): invisible characters a paste can bring, the whole Unicode class
 * rather than a list of the ones met so far.
 */
const IGNORED_IN_ANSWERS = /[\p{P}\p{S}\p{Z}\s\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Folds a typed answer so that trivial differences do not cost a mark: NFKC turns full-width
 * letters, digits and brackets into their ASCII forms (（RPO） → (RPO)), then case, whitespace and
 * punctuation of either script are dropped (`Movement of natural persons.` = `movementofnaturalpersons`).
 */
export function normaliseAnswer(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(IGNORED_IN_ANSWERS, '');
}

const WRONG: Score = { correct: false, fraction: 0 };

const all = (correct: boolean): Score => ({ correct, fraction: correct ? 1 : 0 });

/** Scores one response. A response of another item type scores zero instead of throwing. */
export function scoreItem(item: Item, response: Response): Score {
	switch (item.type) {
		case 'single':
			return response.type === 'single' ? all(response.choice === item.answer) : WRONG;
		case 'truefalse':
			return response.type === 'truefalse' ? all(response.value === item.answer) : WRONG;
		case 'multiple':
			return response.type === 'multiple'
				? scoreMultiple(item.options, item.answer, response.choices)
				: WRONG;
		case 'matching':
			return response.type === 'matching' ? scoreMatching(item.pairs, response.rightFor) : WRONG;
		case 'classify':
			return response.type === 'classify' ? scoreClassify(item.dimensions, response.values) : WRONG;
		case 'cloze':
			return response.type === 'cloze' ? scoreCloze(item.accept, response.text) : WRONG;
	}
}

/**
 * Each option is a yes/no judgement: ticking a key and leaving a distractor blank both count.
 * Credit is the share of options judged right, so ticking everything is not a free half mark
 * on a two-key item with many distractors.
 */
function scoreMultiple(
	options: readonly { id: string }[],
	answer: readonly string[],
	choices: readonly string[]
): Score {
	if (options.length === 0) return WRONG;
	const keys = new Set(answer);
	const chosen = new Set(choices);
	const judgedRight = options.filter((o) => keys.has(o.id) === chosen.has(o.id)).length;
	const unknownChoice = [...chosen].some((id) => !options.some((o) => o.id === id));
	const exact = judgedRight === options.length && !unknownChoice;
	return { correct: exact, fraction: judgedRight / options.length };
}

/**
 * `rightFor[i]` is the index (in key order) of the right-hand text put against left item i.
 * A pair also counts when the chosen right-hand text is identical to the key's, so two equal
 * right-hand entries cannot make a correct answer look wrong.
 */
function scoreMatching(
	pairs: readonly { left: string; right: string }[],
	rightFor: Record<number, number>
): Score {
	if (pairs.length === 0) return WRONG;
	const right = pairs.filter((_, i) => isPairRight(pairs, rightFor, i)).length;
	return { correct: right === pairs.length, fraction: right / pairs.length };
}

/**
 * Whether left item `left` got its right-hand text: the key's own entry or one with identical
 * text. Shared with the matching feedback, so a row's ✓ and the score can never disagree.
 */
export function isPairRight(
	pairs: readonly { right: string }[],
	rightFor: Record<number, number>,
	left: number
): boolean {
	const chosen = rightFor[left];
	return chosen === left || (chosen !== undefined && pairs[chosen]?.right === pairs[left]?.right);
}

/** One mark per dimension; `dimensions` lets feedback say "mode right, direction wrong". */
function scoreClassify(
	dimensions: readonly { family: FamilyId; answer: string }[],
	values: Record<string, string>
): Score {
	if (dimensions.length === 0) return WRONG;
	const perDimension: Partial<Record<FamilyId, boolean>> = {};
	for (const d of dimensions) perDimension[d.family] = values[d.family] === d.answer;
	const right = dimensions.filter((d) => perDimension[d.family]).length;
	return {
		correct: right === dimensions.length,
		fraction: right / dimensions.length,
		dimensions: perDimension
	};
}

function scoreCloze(accept: readonly string[], text: string): Score {
	return all(isClozeAccepted(accept, text));
}

/**
 * Whether typed `text` matches one of the `accept` forms after `normaliseAnswer`; blank never
 * does. Shared with the cloze feedback, so its ✓ and the score agree.
 */
export function isClozeAccepted(accept: readonly string[], text: string): boolean {
	const given = normaliseAnswer(text);
	return given !== '' && accept.some((a) => normaliseAnswer(a) === given);
}
