import { describe, expect, it } from 'vitest';
import { GENERATOR_FAMILIES } from './families';
import { FAMILIES_YAML } from './spec-support';

describe('generator families', () => {
	it('are an exact copy of question-bank/families.yaml', () => {
		for (const [id, family] of Object.entries(GENERATOR_FAMILIES)) {
			const yaml = FAMILIES_YAML[id];
			expect(yaml, id).toBeDefined();
			expect(family?.label).toEqual(yaml.label);
			expect(
				family?.options.map((o) => ({
					id: o.id,
					zh: o.label.zh,
					en: o.label.en,
					parent: o.parent,
					noCase: o.noCase
				}))
			).toEqual(
				yaml.options.map((o) => ({
					id: o.id,
					zh: o.zh,
					en: o.en,
					parent: o.parent,
					noCase: o.noCase
				}))
			);
		}
	});
});
