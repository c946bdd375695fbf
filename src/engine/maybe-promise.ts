/** A value now, or later when the work had to wait (the record store while it is still seeding). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Applies `next` at once to a value that is ready, and after it settles to one that is not: the request path stays
 * synchronous when nothing waits, since every promise on it is held for the whole request (bench/RESULTS.md).
 * @example andThen(records.get("user", id), (row) => row ?? null)
 */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
