/**
 * The answer families the generators label their dimensions with, read from the built bank
 * (`question-bank/families.yaml` → generated/generators.json, see ./content.ts): one source, so
 * a label edited in the YAML shows in generated items as it does in authored ones.
 */
import type { Family, FamilyOption, L10n } from '../types';
import { generatorContent, type GeneratorFamilyId } from './content';

/** A family by id (mode, direction, outsourcing-type, outsourcing-class, outsourcing-subclass). */
export function generatorFamily(id: GeneratorFamilyId): Family {
	return generatorContent().families[id];
}

/** An option of a family; throws on an unknown id so a typo fails loudly in tests. */
export function familyOption(family: Family, id: string): FamilyOption {
	const option = family.options.find((o) => o.id === id);
	if (!option) throw new Error(`${family.id}: no option "${id}"`);
	return option;
}

/** An option label in both languages. */
export function optionLabel(family: Family, id: string): L10n {
	return familyOption(family, id).label;
}
