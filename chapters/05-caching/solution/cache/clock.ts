/** Milliseconds since the epoch. Injected, so that a test can move time instead of waiting for it. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A number in (0, 1]: never 0, so that Math.log() of it is finite. Injected for the same reason as the clock. */
export type Random = () => number;

export const systemRandom: Random = () => 1 - Math.random();
