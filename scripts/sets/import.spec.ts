import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Runs the CLI as `npm run sets:import` does (the script under tsx's loader), in this Node with
 * tsx's loader directly: `npx` first resolves the package and starts a second Node, which cost
 * more CPU than the import itself (2.7 against 1.2 CPU-seconds a run). Returns stdout and the
 * exit code.
 */
function cli(...args: string[]): { out: string; code: number } {
	try {
		return {
			out: execFileSync(process.execPath, ['--import', 'tsx', 'scripts/sets/import.ts', ...args], {
				encoding: 'utf8'
			}),
			code: 0
		};
	} catch (error) {
		const e = error as { stdout: string; status: number };
		return { out: e.stdout, code: e.status };
	}
}

describe('npm run sets:import', () => {
	it('--json prints one object per file with the preview, and a refusal for an unreadable file', () => {
		const { out, code } = cli(
			'--json',
			'static/question-files/sample-aiken.txt',
			'static/question-files/template.csv',
			'package.json'
		);
		const [aiken, csv, refused] = out
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(aiken).toEqual({
			file: 'static/question-files/sample-aiken.txt',
			format: 'aiken',
			imported: [
				{
					line: 1,
					type: 'single',
					stem: 'Which mode of supply covers a consultant flying abroad to advise a client?',
					key: 'D'
				},
				{
					line: 8,
					type: 'single',
					stem: '外国游客在中国境内住宿属于哪种服务贸易提供方式？',
					key: 'B'
				},
				{
					line: 25,
					type: 'single',
					stem: 'An online course sold to learners abroad is an example of which mode?',
					key: 'A'
				}
			],
			rejected: [
				{ line: 14, reason: 'No ANSWER: line after the options.' },
				{ line: 19, reason: 'The key "E" is not one of the options.' }
			]
		});
		expect(csv).toMatchObject({ format: 'csv', rejected: [] });
		expect(csv.imported).toHaveLength(5);
		expect(refused).toMatchObject({ file: 'package.json', format: null });
		expect(code).toBe(1);
	}, 30_000);

	it('words reasons in Chinese with --lang zh', () => {
		const { out } = cli('--lang', 'zh', 'static/question-files/sample-cn.txt');
		expect(out).toContain('line 26: 缺少“答案：”行。');
	}, 30_000);
});
