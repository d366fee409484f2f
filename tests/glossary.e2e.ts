import { expect, open, test } from './fixtures';

test.use({ locale: 'en', viewport: { width: 360, height: 800 } });

// One walk through the glossary: search in each language, then "practise this term" lands on
// Practice with the term's unit (and concept) chosen.
test('glossary search in both languages leads to practice with the unit chosen', async ({
	page
}) => {
	await open(page, '/glossary');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
	const search = page.getByRole('searchbox', { name: 'Search the glossary' });
	const terms = page.getByTestId('glossary-term');

	await search.fill('OFFSH'); // partial English, other case
	await expect(terms.first().getByRole('heading')).toContainText('离岸服务外包');
	await expect(terms.first().getByRole('heading')).toContainText('offshore outsourcing');
	await expect(page.getByTestId('glossary-count')).toHaveText(/^\d+ terms?$/);

	await search.fill('离岸'); // partial Chinese
	// The term itself, not the terms that contain its name ("other offshore outsourcing …").
	const offshore = terms.filter({
		has: page.getByRole('heading', { name: '离岸服务外包 offshore outsourcing', exact: true })
	});
	await expect(offshore).toHaveCount(1);
	await expect(offshore.locator('blockquote[lang="zh-CN"]')).toContainText('离岸服务外包');

	await search.fill('no such term');
	await expect(terms).toHaveCount(0);
	await expect(page.getByTestId('glossary-count')).toContainText('No term matches');

	await search.fill('离岸');
	await offshore.getByRole('link', { name: /Practise this term/ }).click();
	await expect(page).toHaveURL(
		/\/practice\?unit=outsourcing-models&concept=outsourcing-mode\.offshore$/
	);
	const units = page.getByRole('group', { name: 'Units' });
	await expect(
		units.getByRole('checkbox', { name: 'New outsourcing models and the three outsourcing modes' })
	).toBeChecked();
	await expect(units.getByRole('checkbox', { checked: true })).toHaveCount(1);
	await expect(page.getByRole('checkbox', { name: 'offshore outsourcing' })).toBeChecked();
});
