/**
 * `npm run sets:template`: writes static/question-files/template.xlsx and sample.xlsx from the CSV files of
 * the same name, so the CSV and XLSX versions always hold the same rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/universal';

const dir = fileURLToPath(new URL('../../static/question-files/', import.meta.url));
for (const name of ['template', 'sample']) {
	const rows = Papa.parse<string[]>(
		readFileSync(`${dir}${name}.csv`, 'utf8').replace(/^\uFEFF/, ''),
		{
			skipEmptyLines: true
		}
	).data;
	const data = rows.map((row, r) =>
		row.map((value) => ({
			value,
			type: String,
			...(r === 0 ? { fontWeight: 'bold' as const } : {})
		}))
	);
	const blob = await writeXlsxFile(data, {
		columns: rows[0].map((_, i) => ({ width: i === 1 ? 50 : 16 }))
	}).toBlob();
	writeFileSync(`${dir}${name}.xlsx`, new Uint8Array(await blob.arrayBuffer()));
	console.log(`wrote ${dir}${name}.xlsx`);
}
