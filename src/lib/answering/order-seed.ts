/** A fresh seed for a new attempt (routes call this; machines only receive it in input). */
export function newOrderSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0];
}
