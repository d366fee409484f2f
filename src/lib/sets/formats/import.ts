/**
 * One entry point for importing a question file, shared by the app and `npm run sets:import`:
 * bytes in, detected format and preview out, or an `ImportError` that says why the whole file was
 * refused (too large, binary, unreadable encoding, not the format its name claims). The format is
 * decided from the content; the file name only breaks ties. Spreadsheet and CSV libraries are
 * imported here on demand, so they load only when an import starts.
 */
import type { Family } from '../../bank/types';
import { finishImport, type ParseResult } from './build';
import { parseAiken, looksLikeAiken } from './aiken';
import { parseCnText, looksLikeCnText } from './cn-text';
import { parseGift, looksLikeGift } from './gift';
import { parseSheetRows, type Cell } from './sheet';
import { ImportError, type FormatId, type ImportPreview } from './types';

/** Question files are text or a small workbook; anything larger is a mistake (a video, a dump). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface DecodedText {
	text: string;
	/** The encoding the bytes were in: `utf-8`, `utf-16le`, `utf-16be` or `gbk`. */
	encoding: string;
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls (Excel 97–2003), .doc
const PDF = [0x25, 0x50, 0x44, 0x46];

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK as Excel on Chinese
 * Windows saves "CSV". Bytes that are none of these (or binary) are refused.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	if (startsWith(bytes, [0xff, 0xfe]))
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	if (startsWith(bytes, [0xfe, 0xff]))
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	// NUL bytes and most control characters never occur in a text file without a UTF-16 BOM.
	const sample = bytes.subarray(0, 8192);
	let control = 0;
	for (const b of sample)
		if (b === 0 || (b < 9 && b !== 0) || (b > 13 && b < 32 && b !== 27)) control++;
	if (sample.includes(0) || control > sample.length / 100)
		throw new ImportError({ code: 'binary' });
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// Not UTF-8: GBK is what Excel and Notepad on Chinese Windows write.
	}
	try {
		return { text: new TextDecoder('gbk', { fatal: true }).decode(bytes), encoding: 'gbk' };
	} catch {
		throw new ImportError({ code: 'encoding' });
	}
}

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase() ?? '';

/** True when the first non-empty line has the template's `type` and `stem` columns. */
function looksLikeCsv(text: string): boolean {
	const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	return (
		/[,\t;]/.test(first) &&
		/(^|[,\t;"])\s*(type|题型)\s*("?)([,\t;]|$)/i.test(first) &&
		/(stem|题干)/i.test(first)
	);
}

/** The text format the content reads as, or null. The extension only breaks ties. */
export function detectTextFormat(text: string, name = ''): Exclude<FormatId, 'xlsx'> | null {
	const ext = extensionOf(name);
	const candidates: Exclude<FormatId, 'xlsx'>[] = [];
	if (looksLikeCsv(text)) candidates.push('csv');
	if (looksLikeGift(text)) candidates.push('gift');
	if (looksLikeCnText(text)) candidates.push('cn-text');
	if (looksLikeAiken(text)) candidates.push('aiken');
	const byExtension = candidates.find(
		(c) =>
			(c === 'gift' && ext === 'gift') ||
			(c === 'csv' && ext === 'csv') ||
			(c === 'aiken' && ext === 'aiken')
	);
	return byExtension ?? candidates[0] ?? null;
}

async function readXlsxRows(bytes: Uint8Array): Promise<Cell[][]> {
	const { readSheet } = await import('read-excel-file/universal');
	try {
		const copy = new Uint8Array(bytes); // a plain ArrayBuffer, whatever `bytes` views
		return (await readSheet(copy.buffer)) as Cell[][];
	} catch {
		throw new ImportError({ code: 'notSpreadsheet' });
	}
}

async function readCsvRows(text: string): Promise<Cell[][]> {
	const { default: Papa } = await import('papaparse');
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
	return parsed.data;
}

export interface ImportResult {
	format: FormatId;
	/** Text encoding, for text formats: a GBK file is read, and the preview says so. */
	encoding?: string;
	preview: ImportPreview;
}

/**
 * Reads one file into a preview. Throws `ImportError` (with a reason code for the message) when
 * the file as a whole cannot be read; never writes anything.
 */
export async function importFile(
	name: string,
	bytes: Uint8Array,
	families: readonly Family[] = [],
	makeId?: () => string
): Promise<ImportResult> {
	if (bytes.length > MAX_IMPORT_BYTES)
		throw new ImportError({ code: 'tooLarge', params: { mb: MAX_IMPORT_BYTES / 1024 / 1024 } });
	if (bytes.length === 0) throw new ImportError({ code: 'empty' });
	const ext = extensionOf(name);
	if (startsWith(bytes, ZIP)) {
		const rows = await readXlsxRows(bytes);
		return { format: 'xlsx', preview: finishImport(parseSheetRows(rows), families, makeId) };
	}
	if (ext === 'xlsx') throw new ImportError({ code: 'notWhatItSays', params: { ext } });
	if (startsWith(bytes, OLE)) throw new ImportError({ code: 'oldExcel' });
	if (startsWith(bytes, PDF)) throw new ImportError({ code: 'binary' });
	const { text, encoding } = decodeText(bytes);
	const format = detectTextFormat(text, name);
	if (!format) throw new ImportError({ code: 'unknownFormat' });
	let parsed: ParseResult;
	if (format === 'csv') parsed = parseSheetRows(await readCsvRows(text));
	else if (format === 'gift') parsed = parseGift(text);
	else if (format === 'aiken') parsed = parseAiken(text);
	else parsed = parseCnText(text);
	const preview = finishImport(parsed, families, makeId);
	if (preview.imported.length === 0 && preview.rejected.length === 0)
		throw new ImportError({ code: 'noQuestions' });
	return { format, encoding, preview };
}
