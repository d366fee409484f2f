/**
 * vitest globalSetup: writes generated/generators.json from question-bank/ before any test file
 * is transformed, so the generators (which import it) run on exactly what bank:build would emit,
 * in a fresh clone too. Fails the run with the validation errors if the content is invalid.
 */
import { DEFAULT_OUT_DIR } from './build';
import { formatGeneratorError, writeGeneratorContent } from './generator-content';

export default function setup(): void {
	const errors = writeGeneratorContent(DEFAULT_OUT_DIR);
	if (errors.length)
		throw new Error(
			`generator content is invalid:\n${errors.map(formatGeneratorError).join('\n')}`
		);
}
