/**
 * Which account directory the settings choose, checked once at load (shared/config/settings.ts
 * userDirectorySettingsSchema): the local identity provider when LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL is set; else Azure
 * B2C through Microsoft Graph, whose settings a deployment must have or it does not start, naming each one missing;
 * and the Graph directory so chosen, signed in with the stand-in's token, makes an account in the Graph stand-in.
 */
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, loadSettings, userDirectorySettingsSchema } from '../config/settings.js';
import { startGraphStandIn, type GraphStandIn } from '../../test-support/graph-stand-in.js';
import { declareB2cAttributes, standInCredential, STAND_IN_TENANT_DOMAIN } from '../../test-support/graph-directory.js';
import { graphCredential, userDirectoryFromSettings } from './directory-from-settings.js';

const graphSettings = {
  B2C_TENANT_DOMAIN: 'pipb2cdev.onmicrosoft.com',
  B2C_EXTENSIONS_APP_ID: '6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  B2C_GRAPH_CLIENT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
};

function problemsOf(env: Record<string, string>): { setting: string; problem: string }[] {
  try {
    loadSettings(userDirectorySettingsSchema, env);
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('the directory settings', () => {
  it('choose the local identity provider when LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL is set, needing nothing else', () => {
    const settings = loadSettings(userDirectorySettingsSchema, {
      LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL: 'http://127.0.0.1:7072/b2c/local-users',
    });
    expect(userDirectoryFromSettings(settings).name).toBe('local identity provider');
  });

  it('refuse to start without the Graph settings, naming each one', () => {
    expect(problemsOf({}).map((problem) => problem.setting)).toEqual([
      'B2C_TENANT_DOMAIN',
      'B2C_EXTENSIONS_APP_ID',
      'B2C_GRAPH_CLIENT_ID',
      'B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID',
    ]);
    expect(problemsOf({ ...graphSettings, B2C_GRAPH_CLIENT_ID: '' })).toEqual([
      { setting: 'B2C_GRAPH_CLIENT_ID', problem: expect.stringContaining('is required') as unknown },
    ]);
    const withoutIdentity: Record<string, string> = { ...graphSettings };
    delete withoutIdentity.B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID;
    expect(problemsOf(withoutIdentity).map((problem) => problem.setting)).toEqual([
      'B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID',
    ]);
    expect(problemsOf({ ...withoutIdentity, B2C_GRAPH_CLIENT_SECRET: 'a secret' })).toEqual([]);
  });

  it('refuse malformed values and a Graph address that is not https (but loopback, for tests)', () => {
    expect(
      problemsOf({
        ...graphSettings,
        B2C_TENANT_DOMAIN: 'not a domain',
        B2C_EXTENSIONS_APP_ID: 'b2c-extensions-app',
        GRAPH_BASE_URL: 'http://graph.example.com',
      }).map((problem) => problem.setting),
    ).toEqual(['B2C_TENANT_DOMAIN', 'B2C_EXTENSIONS_APP_ID', 'GRAPH_BASE_URL']);
    expect(problemsOf({ ...graphSettings, GRAPH_BASE_URL: 'http://127.0.0.1:1234/' })).toEqual([]);
    expect(loadSettings(userDirectorySettingsSchema, graphSettings).GRAPH_BASE_URL).toBe('https://graph.microsoft.com');
  });

  it('sign in with the client secret when there is one, else as the managed identity the app trusts', () => {
    const settings = loadSettings(userDirectorySettingsSchema, graphSettings);
    expect(graphCredential(settings)).toBeInstanceOf(ClientAssertionCredential);
    expect(graphCredential({ ...settings, B2C_GRAPH_CLIENT_SECRET: 'a secret' })).toBeInstanceOf(
      ClientSecretCredential,
    );
  });
});

describe('the Graph directory the settings choose', () => {
  let graph: GraphStandIn;

  beforeEach(async () => {
    graph = await startGraphStandIn();
    declareB2cAttributes(graph);
  });

  afterEach(async () => {
    await graph.close();
  });

  it('makes the account in the tenant the settings name', async () => {
    const settings = loadSettings(userDirectorySettingsSchema, {
      ...graphSettings,
      B2C_TENANT_DOMAIN: STAND_IN_TENANT_DOMAIN,
      B2C_EXTENSIONS_APP_ID: graph.extensionsAppId() ?? '',
      GRAPH_BASE_URL: graph.url,
    });
    const directory = userDirectoryFromSettings(settings, { credential: standInCredential(graph) });

    expect(directory.name).toBe(`Azure B2C ${STAND_IN_TENANT_DOMAIN} (Microsoft Graph)`);
    const created = await directory.createMediaAccount({
      email: 'jo@news.example',
      givenName: 'Jo',
      familyName: 'Souza',
      displayName: 'Jo Souza',
    });
    expect(created).toMatchObject({ ok: true, objectId: graph.users[0]?.id });
  });
});
