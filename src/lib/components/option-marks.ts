/**
 * A colour and a shape for each option position, so "pick the red triangle" works for everyone:
 * the shape alone tells the options apart for colour-blind students, the colour alone at a
 * glance from the back row, and the number stays beside both. Colours are from the Okabe–Ito
 * palette (Okabe & Ito, "Color Universal Design", 2008), chosen to stay distinct under the
 * common colour-vision deficiencies; every shape has a dark outline, so it also reads on a
 * washed-out projector. Paths are in a 24×24 box.
 */
export interface OptionMark {
	shape: string;
	colour: string;
	path: string;
}

export const OPTION_MARKS: readonly OptionMark[] = [
	{ shape: 'triangle', colour: '#D55E00', path: 'M12 2 23 21.5H1Z' },
	{ shape: 'diamond', colour: '#0072B2', path: 'M12 1 23 12 12 23 1 12Z' },
	{
		shape: 'circle',
		colour: '#E69F00',
		path: 'M12 1.5a10.5 10.5 0 1 0 0 21 10.5 10.5 0 1 0 0-21Z'
	},
	{ shape: 'square', colour: '#009E73', path: 'M2.5 2.5h19v19h-19Z' },
	{
		shape: 'star',
		colour: '#CC79A7',
		path: 'M12 1.5 15.1 8.4 22.5 9.1 16.9 14.1 18.6 21.5 12 17.6 5.4 21.5 7.1 14.1 1.5 9.1 8.9 8.4Z'
	},
	{ shape: 'hexagon', colour: '#56B4E9', path: 'M6.5 2.5h11L23 12l-5.5 9.5h-11L1 12Z' },
	{ shape: 'pentagon', colour: '#F0E442', path: 'M12 1.5 22.5 9.1 18.5 21.5h-13L1.5 9.1Z' },
	{ shape: 'cross', colour: '#999999', path: 'M8.5 1.5h7v7h7v7h-7v7h-7v-7h-7v-7h7Z' }
];

/** The mark of the option at `index` (0-based); past eight they repeat, the number does not. */
export const optionMark = (index: number): OptionMark => OPTION_MARKS[index % OPTION_MARKS.length];
