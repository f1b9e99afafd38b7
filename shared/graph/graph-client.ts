/**
 * A Microsoft Graph client (`@microsoft/microsoft-graph-client`) whose requests carry a token from an
 * `@azure/identity` credential. Used by the B2C set-up script (scripts/b2c-setup) and by the media account directory
 * (shared/media-accounts/graph-media-account-directory.ts).
 *
 * The graph client's own AuthenticationHandler sends tokens over https only, to hosts it knows; the base URL here is
 * held to https (or plain http on loopback, for the tests' stand-in, test-support/graph-stand-in.ts) by the settings
 * that give it, and the client talks to nothing else, so the same chain runs against Graph and the stand-in.
 */
import type { TokenCredential } from '@azure/identity';
import {
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

/** Sends the credential's token on every request, and bounds each request's time when asked to. */
class BearerTokenHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly timeoutMs: number | undefined,
  ) {}

  async execute(context: Context): Promise<void> {
    const token = await this.credential.getToken(this.scope);
    if (token === null) throw new Error(`No token for ${this.scope}`);
    const headers = new Headers(context.options?.headers);
    headers.set('Authorization', `Bearer ${token.token}`);
    context.options = {
      ...context.options,
      headers: Object.fromEntries(headers),
      ...(this.timeoutMs === undefined || context.options?.signal != null
        ? {}
        : { signal: AbortSignal.timeout(this.timeoutMs) }),
    };
    if (this.next === undefined) throw new Error('The bearer token handler must not be the last middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export interface GraphClientOptions {
  /** Graph's address without a trailing slash: https://graph.microsoft.com, or the tests' stand-in. */
  baseUrl: string;
  credential: TokenCredential;
  /**
   * Whether the graph client's own RetryHandler retries 429/503/504 (waiting as Graph says). The set-up script wants
   * it; the media account directory retries itself, with a bound it chooses and a clock tests can replace.
   */
  clientRetries: boolean;
  /** Each request's time limit; unset: none. */
  timeoutMs?: number;
}

/** Tokens, then (if asked) the client's own retry, then redirect, telemetry and HTTP. */
export function createGraphClient(options: GraphClientOptions): Client {
  return Client.initWithMiddleware({
    baseUrl: `${options.baseUrl}/`,
    middleware: [
      new BearerTokenHandler(options.credential, `${options.baseUrl}/.default`, options.timeoutMs),
      ...(options.clientRetries ? [new RetryHandler()] : []),
      new RedirectHandler(),
      new TelemetryHandler(),
      new HTTPMessageHandler(),
    ],
  });
}
