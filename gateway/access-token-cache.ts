export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * Holds one OAuth2 access token for all callers: fetched on first use, renewed shortly before it
 * expires, and requested once however many callers are waiting for it at the same moment.
 */
export class AccessTokenCache {
  private current: { accessToken: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly requestToken: () => Promise<IssuedToken>,
    private readonly now: () => number,
    private readonly renewBeforeExpiryMs: number,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.accessToken;
    this.pending ??= this.renew().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /**
   * Drops `rejectedToken` after the service refused it. Callers that were refused the same token
   * concurrently cause one renewal between them, not one each.
   */
  invalidate(rejectedToken: string): void {
    if (this.current?.accessToken === rejectedToken) this.current = undefined;
  }

  private async renew(): Promise<string> {
    const issuedAt = this.now();
    const token = await this.requestToken();
    // Counted from the request, not the answer, so latency never makes us overestimate the lifetime.
    const expiresAt = issuedAt + token.expiresInSeconds * 1000;
    this.current = { accessToken: token.accessToken, renewAt: expiresAt - this.renewBeforeExpiryMs };
    return token.accessToken;
  }
}
