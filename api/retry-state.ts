/** What a request carries for its retries; `idempotentPosts` (api/idempotency.ts) sets it. */
export interface RetryState {
  /** Set when the request has an Idempotency-Key: the same for every retry of it, unique otherwise. */
  requestKey?: string;
}
