/**
 * The account directory (shared/media-accounts/graph-media-account-directory.ts) with the real graph client against
 * the Graph stand-in (graph-stand-in.ts), whose tenant has the P&I extension attributes `npm run b2c:setup` declares.
 * Waits between tries are recorded, not slept.
 */
import type { TokenCredential } from '@azure/identity';
import {
  B2C_ACCOUNT_STATUS,
  B2C_LAST_LOGIN,
  B2C_PUB_UNIQUE_ID,
  B2C_USER_ROLE,
  B2C_VERIFIED,
} from '../shared/auth/b2c-attributes.js';
import { createGraphClient } from '../shared/graph/graph-client.js';
import {
  graphMediaAccountDirectory,
  type GraphUserDirectory,
} from '../shared/media-accounts/graph-media-account-directory.js';
import type { GraphStandIn } from './graph-stand-in.js';

export const STAND_IN_TENANT_DOMAIN = 'pipb2ctest.onmicrosoft.com';

/** Declares the extension attributes as the B2C set-up does (Verified a Boolean, the others strings). */
export function declareB2cAttributes(graph: GraphStandIn): void {
  for (const [claim, dataType] of [
    [B2C_USER_ROLE, 'String'],
    [B2C_ACCOUNT_STATUS, 'String'],
    [B2C_VERIFIED, 'Boolean'],
    [B2C_PUB_UNIQUE_ID, 'String'],
    [B2C_LAST_LOGIN, 'String'],
  ] as const) {
    graph.declareExtensionProperty(claim.replace(/^extension_/, ''), dataType);
  }
}

/** A credential that hands out the stand-in's token. */
export function standInCredential(graph: GraphStandIn): TokenCredential {
  return { getToken: () => Promise.resolve({ token: graph.token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

export interface StandInDirectory {
  directory: GraphUserDirectory;
  /** Every wait the directory asked for between tries, in ms. */
  waits: number[];
}

export function standInDirectory(
  graph: GraphStandIn,
  options: { attempts?: number; credential?: TokenCredential } = {},
): StandInDirectory {
  const waits: number[] = [];
  const extensionsAppId = graph.extensionsAppId();
  if (extensionsAppId === undefined) throw new Error('The stand-in has no b2c-extensions-app');
  const directory = graphMediaAccountDirectory({
    client: createGraphClient({
      baseUrl: graph.url,
      credential: options.credential ?? standInCredential(graph),
      clientRetries: false,
      timeoutMs: 5_000,
    }),
    tenantDomain: STAND_IN_TENANT_DOMAIN,
    extensionsAppId,
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { directory, waits };
}
