import { loadIndex } from '$lib/bank/loader';

/**
 * What the unit list shows, in both languages (a switch needs no navigation): not the whole
 * index, whose item lists and families the page never reads. The page carries its data inline
 * for hydration, and a phone's CPU turns every kilobyte of it into start-up time (issue #14).
 */
export const load = async () => ({
	units: (await loadIndex()).units.map(
		({ id, order, title, summary, itemCount, sectionCount }) => ({
			id,
			order,
			title,
			summary,
			itemCount,
			sectionCount
		})
	)
});
