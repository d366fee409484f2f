/**
 * What the student's phone needs from the moment it joins a room, as one chunk that
 * PlayerScreen loads then (and fetches ahead while the join form is filled in): the classroom
 * client (join request, SSE subscription, answers) and the game screen. Kept out of the join
 * page's first load (issue #14).
 */
export { ClassroomApiError, joinRoom, resumePlayer } from '$lib/classroom/client.svelte';
export { errorKey } from '../errors';
export { default as PlayerGame } from './PlayerGame.svelte';
