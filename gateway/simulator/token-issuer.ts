import { randomBytes } from 'node:crypto';
import { TOKEN_LIFETIME_SECONDS, type WireTokenResponse } from '../oneapi-wire';

export interface SimulatorClient {
  id: string;
  secret: string;
}

/** OAuth2 client credentials as OneAPI issues them: opaque bearer tokens valid for 15 minutes. */
export class TokenIssuer {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  /** How many tokens were handed out; tests use it to see that clients share and reuse theirs. */
  issuedCount = 0;

  constructor(
    private readonly clients: readonly SimulatorClient[],
    private readonly now: () => number,
  ) {}

  /** Null when the id is unknown or the secret does not match. */
  issue(clientId: string, secret: string): WireTokenResponse | null {
    const client = this.clients.find((candidate) => candidate.id === clientId);
    if (!client || client.secret !== secret) return null;
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { clientId, expiresAt: this.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    this.issuedCount += 1;
    return { access_token: accessToken, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS };
  }

  /** The client the token belongs to; null when it is unknown, revoked or expired. */
  verify(accessToken: string): string | null {
    const token = this.tokens.get(accessToken);
    if (!token) return null;
    if (this.now() >= token.expiresAt) {
      this.tokens.delete(accessToken);
      return null;
    }
    return token.clientId;
  }

  /** As if the service had restarted or rotated its keys: every token in circulation stops working. */
  revokeAll(): void {
    this.tokens.clear();
  }
}
