/**
 * The account directory the settings choose (shared/config/settings.ts userDirectorySettingsSchema), built once per
 * process: the local identity provider when LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL is set, else Azure B2C through
 * Microsoft Graph, signed in as Graph's app registration in the B2C tenant, either with its client secret or, with no
 * secret anywhere, with the function app's managed identity as the app's federated credential (the identity's token
 * for `api://AzureADTokenExchange` is the client assertion).
 */
import {
  ClientAssertionCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { UserDirectorySettings } from '../config/settings.js';
import { createGraphClient } from '../graph/graph-client.js';
import { graphMediaAccountDirectory } from './graph-media-account-directory.js';
import { localMediaAccountDirectory, type UserDirectory } from './media-account-directory.js';

/** What a managed identity asks for to sign in as an app registration that trusts it. */
const tokenExchangeScope = 'api://AzureADTokenExchange/.default';

/** Each Graph request's time limit: an admin waits on the page. */
const GRAPH_TIMEOUT_MS = 10_000;

export function graphCredential(settings: UserDirectorySettings): TokenCredential {
  const tenant = settings.B2C_TENANT_DOMAIN ?? '';
  const clientId = settings.B2C_GRAPH_CLIENT_ID ?? '';
  if (settings.B2C_GRAPH_CLIENT_SECRET !== undefined) {
    return new ClientSecretCredential(tenant, clientId, settings.B2C_GRAPH_CLIENT_SECRET);
  }
  const identity = new ManagedIdentityCredential({ clientId: settings.B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID ?? '' });
  return new ClientAssertionCredential(tenant, clientId, async () => {
    const token = await identity.getToken(tokenExchangeScope);
    return token.token;
  });
}

/** The directory for these (already checked) settings; `credential` replaces the settings' sign-in (tests). */
export function userDirectoryFromSettings(
  settings: UserDirectorySettings,
  options: { credential?: TokenCredential; sleep?: (ms: number) => Promise<void> } = {},
): UserDirectory {
  if (settings.LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL !== undefined) {
    return localMediaAccountDirectory(settings.LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL);
  }
  if (settings.B2C_TENANT_DOMAIN === undefined || settings.B2C_EXTENSIONS_APP_ID === undefined) {
    // userDirectorySettingsSchema refuses such settings; this is for a caller that skipped it.
    throw new Error('The Microsoft Graph directory needs B2C_TENANT_DOMAIN and B2C_EXTENSIONS_APP_ID');
  }
  return graphMediaAccountDirectory({
    client: createGraphClient({
      baseUrl: settings.GRAPH_BASE_URL,
      credential: options.credential ?? graphCredential(settings),
      clientRetries: false,
      timeoutMs: GRAPH_TIMEOUT_MS,
    }),
    tenantDomain: settings.B2C_TENANT_DOMAIN,
    extensionsAppId: settings.B2C_EXTENSIONS_APP_ID,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });
}
