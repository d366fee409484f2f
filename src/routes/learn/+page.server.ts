import { loadIndex } from '$lib/bank/loader';

export const load = async () => ({ index: await loadIndex() });
