import { describe, expect, it } from 'vitest';
import { FLOWS, INTERRUPTIONS, planInterruptions } from './plan';
import { seededRng } from './random';

describe('planInterruptions', () => {
	it('gives n points, the same for the same seed and another for another seed', () => {
		const a = planInterruptions(seededRng(5), { n: 60 });
		expect(a).toHaveLength(60);
		expect(planInterruptions(seededRng(5), { n: 60 })).toEqual(a);
		expect(planInterruptions(seededRng(6), { n: 60 })).not.toEqual(a);
	});

	it('covers every flow × interruption within the first blocks', () => {
		const plan = planInterruptions(seededRng(1), { n: 40 });
		const pairs = new Set(plan.map((e) => `${e.flow}/${e.kind}`));
		expect(pairs.size).toBe(FLOWS.length * INTERRUPTIONS.length);
	});

	it('opens each context with practice that answers, so mistakes and review have material', () => {
		const plan = planInterruptions(seededRng(9), { n: 50, perContext: 5 });
		const firsts = plan.filter((e, i) => i === 0 || plan[i - 1].context !== e.context);
		expect(firsts).toHaveLength(10);
		for (const e of firsts) {
			expect(e.flow).toBe('practice');
			expect(e.steps).toBeGreaterThanOrEqual(2);
		}
	});

	it('keeps steps within 0..maxSteps, with interruptions right at the start too', () => {
		const plan = planInterruptions(seededRng(3), { n: 200, maxSteps: 4 });
		expect(Math.max(...plan.map((e) => e.steps))).toBe(4);
		expect(plan.some((e) => e.steps === 0)).toBe(true);
	});
});
