/**
 * `npm run sets:template`: writes static/question-files/template.xlsx and sample.xlsx from the CSV files of
 * the same name, so the CSV and XLSX versions always hold the same rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { rowsToXlsx } from '../../src/lib/sets/formats/export';

const dir = fileURLToPath(new URL('../../static/question-files/', import.meta.url));
for (const name of ['template', 'sample']) {
	const rows = Papa.parse<string[]>(
		readFileSync(`${dir}${name}.csv`, 'utf8').replace(/^\uFEFF/, ''),
		{
			skipEmptyLines: true
		}
	).data;
	const blob = await rowsToXlsx(rows);
	writeFileSync(`${dir}${name}.xlsx`, new Uint8Array(await blob.arrayBuffer()));
	console.log(`wrote ${dir}${name}.xlsx`);
}
