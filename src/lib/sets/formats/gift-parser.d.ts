/** Types for the peggy-generated GIFT parser (gift-parser.js, from gift.peggy). */
export interface GiftAnswer {
	mark: '=' | '~';
	weight: number | null;
	text: string;
	/** Right-hand side of `left -> right` (matching), else null. */
	right: string | null;
	feedback: string | null;
}
export type GiftBody =
	| { kind: 'essay' }
	| { kind: 'numerical' }
	| { kind: 'truefalse'; value: boolean; feedback: string[] }
	| { kind: 'answers'; answers: GiftAnswer[] };
export type GiftBlock = GiftBody & {
	general: string | null;
	at: { offset: number; line: number; column: number };
};
export interface GiftQuestion {
	name: string | null;
	format: 'markdown' | 'html' | 'plain' | 'moodle' | null;
	before: string;
	block: GiftBlock | null;
	after: string;
}
export class SyntaxError extends Error {
	location: { start: { offset: number; line: number; column: number } };
	expected: unknown;
	found: string | null;
}
export function parse(input: string, options?: { startRule?: string }): GiftQuestion;
