import { describe, expect, it } from 'vitest';
import { formatFigure, meetsGoal, report, tally, type Figure } from './figures';

const figure = (values: number[], max = 0): Figure => ({
	title: '1. test',
	counts: values.map((value, i) => ({ label: `c${i}`, value, max })),
	notes: ['a note']
});

describe('figures and goals', () => {
	it('meets its goal only when every count is within its limit', () => {
		expect(meetsGoal(figure([0, 0]))).toBe(true);
		expect(meetsGoal(figure([0, 1]))).toBe(false);
		expect(meetsGoal(figure([2], 2))).toBe(true);
	});

	it('never meets a goal with nothing counted or a count that is not a number', () => {
		expect(meetsGoal(figure([]))).toBe(false);
		expect(meetsGoal(figure([Number.NaN]))).toBe(false);
	});

	it('prints the values against the goal, and MISS where it misses', () => {
		expect(formatFigure(figure([0, 3]))).toBe(
			'MISS 1. test: c0 / c1 = 0 / 3 (goal 0 / 0)\n       a note'
		);
		expect(formatFigure(figure([0]))).toMatch(/^ok {3}1\. test: c0 = 0 \(goal 0\)/);
	});

	it('exits 1 when any figure misses, or when nothing ran; prints the seed either way', () => {
		expect(report([figure([0]), figure([0])], 42, 'replay').exitCode).toBe(0);
		expect(report([figure([0]), figure([1])], 42, 'replay').exitCode).toBe(1);
		expect(report([], 42, 'replay').exitCode).toBe(1);
		expect(report([figure([0])], 42, 'npm run x -- --seed 42').text).toContain(
			'seed 42 (replay: npm run x -- --seed 42)'
		);
	});

	it('tallies labels in a stable order', () => {
		expect(tally(['b', 'a', 'b'])).toBe('a 1, b 2');
	});
});
