import type { Reason } from './types';

/**
 * Words a reason with a `sets.json` locale bundle's `reason` table (`{{name}}` placeholders, as
 * i18next writes them). For places without i18next: the CLI and tests.
 */
export function reasonText(reason: Reason, table: Record<string, string>): string {
	const template = table[reason.code] ?? reason.code;
	return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
		String(reason.params?.[name] ?? '')
	);
}
