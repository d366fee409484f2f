import { describe, expect, it } from 'vitest';
import { blankForm, checkForm, formToItem, itemToForm } from './own-item-form';

function singleForm() {
	const form = blankForm('own-abc');
	form.stem.zh = '出国留学属于哪种服务提供方式？';
	form.options = [
		{ zh: '跨境交付', en: '' },
		{ zh: '境外消费', en: '' },
		{ zh: '商业存在', en: '' },
		{ zh: '', en: '' }
	];
	form.keys = [1];
	form.explanation.zh = '消费者本人出境消费，属于境外消费。';
	return form;
}

describe('own-item form', () => {
	it('names the field of each problem, so the editor can show it there', () => {
		const form = blankForm('own-abc', 'multiple');
		form.lang = 'both';
		form.options[0].zh = '甲';
		expect(checkForm(form)).toEqual({
			'stem.zh': 'required',
			'stem.en': 'required',
			'explanation.zh': 'required',
			'explanation.en': 'required',
			'options[0].en': 'required',
			options: 'optionCount',
			keys: 'multiKeys'
		});
	});

	it('a complete Chinese-only question becomes an item that passes the bank schema, text in both keys', () => {
		const result = formToItem(singleForm(), []);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.item).toMatchObject({ type: 'single', lang: 'zh', answer: 'b' });
		// The empty fourth option is left out; the Chinese text stands in for English.
		expect(result.item.type === 'single' && result.item.options.map((o) => o.en)).toEqual([
			'跨境交付',
			'境外消费',
			'商业存在'
		]);
		expect(itemToForm(result.item).keys).toEqual([1]);
	});

	it('a cloze needs exactly one ____ and an accepted answer in each language written', () => {
		const form = blankForm('own-c', 'cloze');
		form.lang = 'en';
		form.stem.en = 'Software testing is ___ outsourcing.';
		form.explanation.en = 'Testing is part of ITO.';
		expect(checkForm(form)).toEqual({ 'stem.en': 'clozeBlank', 'accept.en': 'required' });
		form.stem.en = 'Software testing is ____ outsourcing.';
		form.accept.en = 'ITO; information technology';
		const result = formToItem(form, []);
		expect(result.ok && result.item.type === 'cloze' && result.item.accept.zh).toEqual([
			'ITO',
			'information technology'
		]);
	});
});
