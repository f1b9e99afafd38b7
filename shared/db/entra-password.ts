/**
 * PostgreSQL with Microsoft Entra authentication: in Azure the app signs in to its flexible server as its managed
 * identity, with an Entra access token as the password (no password exists to leak or rotate). Tokens last about an
 * hour; a connection is checked only when it opens, so each new connection is given a token that is still valid, and
 * a fresh one is fetched a while before the cached one expires. Where the token comes from is injected: production
 * passes `@azure/identity`'s ManagedIdentityCredential (functions/dependencies.ts), tests their own source.
 */

/** The scope of an Entra token for Azure Database for PostgreSQL. */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/** An access token and when it expires (ms since the epoch), as `@azure/core-auth`'s AccessToken. */
export interface AccessTokenLike {
  token: string;
  expiresOnTimestamp: number;
}

/** Whatever gets tokens: structurally `@azure/core-auth`'s TokenCredential, so any `@azure/identity` credential fits. */
export interface TokenSource {
  getToken(scopes: string | string[]): Promise<AccessTokenLike | null>;
}

export interface EntraPasswordOptions {
  now?: () => number;
  /** How long before expiry a cached token is replaced (default 5 minutes). */
  refreshBeforeMs?: number;
}

/**
 * The `password` function for `pg`: answers a cached token while it has more than `refreshBeforeMs` to live, else
 * fetches a new one (callers at the same moment share one request). A source that fails or answers nothing fails
 * the connection, naming the cause.
 */
export function entraPassword(source: TokenSource, options: EntraPasswordOptions = {}): () => Promise<string> {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60 * 1000;
  let cached: AccessTokenLike | undefined;
  let inFlight: Promise<AccessTokenLike> | undefined;

  const fetchToken = async (): Promise<AccessTokenLike> => {
    let token: AccessTokenLike | null;
    try {
      token = await source.getToken(POSTGRES_ENTRA_SCOPE);
    } catch (error) {
      throw new Error(`Could not get an Entra token for PostgreSQL: ${(error as Error).message}`, { cause: error });
    }
    if (!token?.token) throw new Error('Could not get an Entra token for PostgreSQL: the credential answered none');
    return token;
  };

  return async () => {
    if (cached && cached.expiresOnTimestamp - now() > refreshBeforeMs) return cached.token;
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    cached = await inFlight;
    return cached.token;
  };
}
