// Every page is prerendered: the app shell and lessons are static, and the service worker
// precaches them so navigation works with no network.
export const prerender = true;
