import { loadGlossary, loadIndex } from '$lib/bank/loader';

// Prerendered in both languages (root layout); the glossary is its own lazy chunk, precached.
export const load = async () => ({ index: await loadIndex(), terms: await loadGlossary() });
