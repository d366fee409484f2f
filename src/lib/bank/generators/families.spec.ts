import { describe, expect, it } from 'vitest';
import { GENERATOR_FAMILY_IDS } from './content';
import { generatorFamily } from './families';
import { FAMILIES_YAML } from './spec-support';

describe('generator families', () => {
	it('are read from the built bank, equal to question-bank/families.yaml', () => {
		for (const id of GENERATOR_FAMILY_IDS) {
			const family = generatorFamily(id);
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
