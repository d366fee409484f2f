/**
 * `npm run sets:import -- [--json] [--lang zh] FILE…`: the app's import preview on the command
 * line, for an instructor checking a folder of question files (and for tests). Reads each file,
 * detects its format from the content, prints what would be imported and what would not (with
 * its line and why). Writes nothing. With `--json`, one JSON object per file and line:
 * `{"file","format","imported":[{"line","type","stem","key"}],"rejected":[{"line","reason"}]}`;
 * a file refused as a whole gives `{"file","format":null,"error"}`. Exit code 1 if any file was
 * refused whole or had a rejected question, so scripts can gate on it.
 */
import { readFileSync } from 'node:fs';
import en from '../../src/lib/i18n/locales/en/sets.json' with { type: 'json' };
import zh from '../../src/lib/i18n/locales/zh-CN/sets.json' with { type: 'json' };
import { importFile } from '../../src/lib/sets/formats/import';
import { reasonText } from '../../src/lib/sets/formats/reason-text';
import { ImportError } from '../../src/lib/sets/formats/types';

const args = process.argv.slice(2);
const json = args.includes('--json');
const langAt = args.indexOf('--lang');
const table = (langAt >= 0 && args[langAt + 1]?.startsWith('zh') ? zh : en).reason as Record<
	string,
	string
>;
const files = args.filter((a, i) => !a.startsWith('--') && !(langAt >= 0 && i === langAt + 1));

if (files.length === 0) {
	console.error('usage: npm run sets:import -- [--json] [--lang zh|en] FILE…');
	process.exit(2);
}

let failed = false;
for (const file of files) {
	try {
		const { format, encoding, preview } = await importFile(
			file,
			new Uint8Array(readFileSync(file))
		);
		if (preview.rejected.length > 0) failed = true;
		const imported = preview.imported.map(({ line, type, stem, key }) => ({
			line,
			type,
			stem,
			key
		}));
		const rejected = preview.rejected.map(({ line, reason }) => ({
			line,
			reason: reasonText(reason, table)
		}));
		if (json) console.log(JSON.stringify({ file, format, imported, rejected }));
		else {
			console.log(
				`${file}: ${format}${encoding && encoding !== 'utf-8' ? ` (${encoding})` : ''} — ${imported.length} to import, ${rejected.length} rejected`
			);
			for (const q of imported)
				console.log(`  ✓ line ${q.line} ${q.type}: ${q.stem.replace(/\s+/g, ' ')} [${q.key}]`);
			for (const r of rejected) console.log(`  ✗ line ${r.line}: ${r.reason}`);
		}
	} catch (error) {
		failed = true;
		const message =
			error instanceof ImportError
				? reasonText(error.reason, table)
				: `cannot read: ${(error as Error).message}`;
		if (json) console.log(JSON.stringify({ file, format: null, error: message }));
		else console.log(`${file}: ${message}`);
	}
}
process.exit(failed ? 1 : 0);
