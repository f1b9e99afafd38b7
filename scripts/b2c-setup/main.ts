/**
 * `npm run b2c:setup [-- --dry-run]`: configures one environment's Azure B2C tenant through Microsoft Graph (see
 * b2c-setup.ts and docs/operations.md, "Azure B2C set-up"). Settings come from the environment, checked first.
 * Signs in with B2C_SETUP_CLIENT_ID/B2C_SETUP_CLIENT_SECRET (client credentials) when set, else as the Azure CLI's
 * signed-in account (`az login --tenant <B2C tenant> --allow-no-subscriptions`). Exit code 0 when the tenant is (or,
 * in a dry run, could be made) as it should be, 1 otherwise. Then it prints what is still set by hand: the URL of the
 * GOV.UK template each user flow's page layouts use (scripts/b2c-templates.ts).
 */
import { AzureCliCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import { pathToFileURL } from 'node:url';
import { ConfigurationError, loadSettings } from '../../shared/config/settings.js';
import { createGraphClient } from '../../shared/graph/graph-client.js';
import { b2cSetupSettingsSchema, desiredState, type B2cSetupSettings } from './b2c-setup-settings.js';
import { describeOutcome, runB2cSetup } from './b2c-setup.js';
import { describePageLayouts, pageLayoutUrls } from '../b2c-templates.js';

export interface B2cSetupCommandOptions {
  /** How to sign in to Graph; by default from the settings (above). Tests give the stand-in's token. */
  credential?: (settings: B2cSetupSettings) => TokenCredential;
  print?: (line: string) => void;
}

function defaultCredential(settings: B2cSetupSettings): TokenCredential {
  if (settings.B2C_SETUP_CLIENT_ID !== undefined && settings.B2C_SETUP_CLIENT_SECRET !== undefined) {
    return new ClientSecretCredential(
      settings.B2C_TENANT_ID,
      settings.B2C_SETUP_CLIENT_ID,
      settings.B2C_SETUP_CLIENT_SECRET,
    );
  }
  return new AzureCliCredential({ tenantId: settings.B2C_TENANT_ID });
}

/** A Graph client for the settings' Graph: tokens, then the client's own retry, redirect, telemetry and HTTP. */
export function graphClient(settings: B2cSetupSettings, credential: TokenCredential): Client {
  return createGraphClient({ baseUrl: settings.GRAPH_BASE_URL, credential, clientRetries: true });
}

export async function runB2cSetupCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  options: B2cSetupCommandOptions = {},
): Promise<number> {
  const print =
    options.print ??
    ((line: string) => {
      console.log(line);
    });
  const unknown = args.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) {
    print(`Unknown argument(s): ${unknown.join(' ')}. Usage: npm run b2c:setup [-- --dry-run]`);
    return 1;
  }
  const dryRun = args.includes('--dry-run');
  let settings: B2cSetupSettings;
  try {
    settings = loadSettings(b2cSetupSettingsSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    print(error.message.replace('so the service cannot start', 'so the B2C set-up cannot run'));
    return 1;
  }
  const credential = (options.credential ?? defaultCredential)(settings);
  print(
    `B2C set-up of tenant ${settings.B2C_TENANT_ID} for ${settings.B2C_SETUP_ENVIRONMENT}${dryRun ? ' (dry run: nothing will be changed)' : ''}`,
  );
  const outcome = await runB2cSetup(graphClient(settings, credential), desiredState(settings), { dryRun });
  for (const line of describeOutcome(outcome)) print(line);
  if (!outcome.ok) return 1;
  // What Graph cannot set: each flow's page layouts, the templates `npm run b2c:templates` publishes for this site.
  for (const line of describePageLayouts(pageLayoutUrls(settings.PUBLIC_SITE_URL))) print(line);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runB2cSetupCommand(process.argv.slice(2), process.env);
}
