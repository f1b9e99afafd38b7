import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  databaseSettingsSchema,
  identitySettingsSchema,
  loadSettings,
  notifySettingsSchema,
  publisherSettingsSchema,
  storageSettingsSchema,
  webSignInSettingsSchema,
} from './settings.js';
import { DEFAULT_CFT_PROFESSIONAL_ROLES } from '../auth/role-sources.js';

function problemsOf(run: () => unknown): { setting: string; problem: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadSettings', () => {
  it('answers typed settings with defaults', () => {
    expect(loadSettings(databaseSettingsSchema, { DATABASE_URL: 'postgres://u@h:5432/db' })).toEqual({
      DATABASE_URL: 'postgres://u@h:5432/db',
      DATABASE_POOL_SIZE: 10,
      DATABASE_AUTH: 'password',
    });
  });

  it('refuses a Key Vault reference App Service could not resolve, even where the value would pass as a secret', () => {
    const reference = '@Microsoft.KeyVault(VaultName=kv-pip-prod-abc;SecretName=session-secret)';
    expect(reference.length).toBeGreaterThanOrEqual(32);
    expect(
      problemsOf(() =>
        loadSettings(webSignInSettingsSchema, {
          WEB_CLIENT_SECRET: '@microsoft.keyvault(SecretUri=https://kv.vault.azure.net/secrets/web-client-secret/)',
          SESSION_SECRET: reference,
        }),
      ),
    ).toEqual([
      {
        setting: 'WEB_CLIENT_SECRET',
        problem: expect.stringMatching(/^is an unresolved Key Vault reference/) as string,
      },
      { setting: 'SESSION_SECRET', problem: expect.stringMatching(/^is an unresolved Key Vault reference/) as string },
    ]);
    // Through a refined schema too, and only for the settings the schema reads.
    expect(
      problemsOf(() =>
        loadSettings(storageSettingsSchema, {
          AzureWebJobsStorage: '@Microsoft.KeyVault(VaultName=kv;SecretName=storage)',
          UNRELATED: '@Microsoft.KeyVault(VaultName=kv;SecretName=other)',
        }),
      ).map((p) => p.setting),
    ).toEqual(['AzureWebJobsStorage']);
    expect(
      loadSettings(webSignInSettingsSchema, { WEB_CLIENT_SECRET: 'resolved', SESSION_SECRET: 'x'.repeat(32) }),
    ).toEqual({ WEB_CLIENT_SECRET: 'resolved', SESSION_SECRET: 'x'.repeat(32) });
  });

  it('with DATABASE_AUTH=entra, wants the identity and refuses a password in DATABASE_URL', () => {
    expect(
      loadSettings(databaseSettingsSchema, {
        DATABASE_URL: 'postgres://id-pip-prod@psql.example:5432/pip?sslmode=require',
        DATABASE_AUTH: 'entra',
        DATABASE_ENTRA_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      }).DATABASE_AUTH,
    ).toBe('entra');
    expect(
      problemsOf(() =>
        loadSettings(databaseSettingsSchema, {
          DATABASE_URL: 'postgres://pip_app:secret@psql.example:5432/pip',
          DATABASE_AUTH: 'entra',
        }),
      ).map((p) => p.setting),
    ).toEqual(['DATABASE_ENTRA_CLIENT_ID', 'DATABASE_URL']);
  });

  it('names a missing setting', () => {
    expect(problemsOf(() => loadSettings(databaseSettingsSchema, {}))).toEqual([
      { setting: 'DATABASE_URL', problem: 'is required but not set' },
    ]);
  });

  it('treats an empty setting as unset, as App Service does', () => {
    expect(problemsOf(() => loadSettings(databaseSettingsSchema, { DATABASE_URL: '' }))[0]?.setting).toBe(
      'DATABASE_URL',
    );
  });

  it('names every malformed setting at once, with the reason', () => {
    const problems = problemsOf(() =>
      loadSettings(databaseSettingsSchema, { DATABASE_URL: 'mysql://x', DATABASE_POOL_SIZE: 'lots' }),
    );
    expect(problems.map((p) => p.setting).sort()).toEqual(['DATABASE_POOL_SIZE', 'DATABASE_URL']);
    expect(problems.find((p) => p.setting === 'DATABASE_URL')?.problem).toMatch(/postgres/);
    const error = (() => {
      try {
        loadSettings(databaseSettingsSchema, { DATABASE_URL: 'mysql://x' });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(/cannot start[\s\S]*DATABASE_URL: must be a postgres/);
  });

  it('accepts storage as a connection string or as identity-based service URIs, and names what is missing', () => {
    expect(loadSettings(storageSettingsSchema, { AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toMatchObject({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    });
    expect(
      loadSettings(storageSettingsSchema, {
        AzureWebJobsStorage__blobServiceUri: 'https://pip.blob.core.windows.net',
        AzureWebJobsStorage__queueServiceUri: 'https://pip.queue.core.windows.net',
      }),
    ).toMatchObject({ AzureWebJobsStorage__blobServiceUri: 'https://pip.blob.core.windows.net' });
    expect(problemsOf(() => loadSettings(storageSettingsSchema, {}))[0]?.setting).toBe('AzureWebJobsStorage');
    expect(problemsOf(() => loadSettings(storageSettingsSchema, { AzureWebJobsStorage: 'hello' }))[0]?.problem).toMatch(
      /not a storage connection string/,
    );
  });

  it('checks the shape of a Notify API key', () => {
    const key = 'local-5e1f0c2a-7d3b-4c9e-8a61-2f4b9d0e7c13-a8c4e2b6-1f97-4d35-b0e8-6c2a9f41d573';
    const template = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
    expect(
      loadSettings(notifySettingsSchema, { NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_DAILY_DIGEST: template })
        .NOTIFY_BASE_URL,
    ).toBe('https://api.notifications.service.gov.uk');
    expect(
      problemsOf(() =>
        loadSettings(notifySettingsSchema, { NOTIFY_API_KEY: 'secret', NOTIFY_TEMPLATE_DAILY_DIGEST: 'digest' }),
      ).map((p) => p.setting),
    ).toEqual(['NOTIFY_API_KEY', 'NOTIFY_TEMPLATE_DAILY_DIGEST']);
  });
});

describe('PUBLISHER_PROVENANCES', () => {
  const load = (value: string | undefined) =>
    loadSettings(publisherSettingsSchema, { PUBLISHER_PROVENANCES: value }).PUBLISHER_PROVENANCES;

  it('maps each client id to its provenances, in upper case; absent or blank is no publisher at all', () => {
    const map = load('{"hmi-client": ["snl", "LIST_ASSIST"], "cp": ["*"]}');
    expect([...map.keys()]).toEqual(['hmi-client', 'cp']);
    expect([...(map.get('hmi-client') ?? [])]).toEqual(['SNL', 'LIST_ASSIST']);
    expect([...(map.get('cp') ?? [])]).toEqual(['*']);
    expect(load(undefined).size).toBe(0);
    expect(load('').size).toBe(0);
  });

  it('stops start-up on a malformed value, naming the setting', () => {
    const problem = (value: string) => problemsOf(() => load(value))[0];
    expect(problem('hmi: SNL')?.setting).toBe('PUBLISHER_PROVENANCES');
    expect(problem('hmi: SNL')?.problem).toMatch(/must be JSON/);
    expect(problem('["SNL"]')).toMatchObject({ setting: 'PUBLISHER_PROVENANCES' });
    expect(problem('{"hmi": "SNL"}')).toMatchObject({ setting: 'PUBLISHER_PROVENANCES.hmi' });
    expect(problem('{"hmi": ["S N L"]}')).toMatchObject({ setting: 'PUBLISHER_PROVENANCES.hmi.0' });
    expect(problem('{"hmi": ["manual_upload"]}')?.setting).toBe('PUBLISHER_PROVENANCES.hmi.0');
    expect(problem('{"hmi": ["manual_upload"]}')?.problem).toMatch(/reserved for court staff/);
  });
});

describe('CFT_IDAM_PROFESSIONAL_ROLES', () => {
  const professionalRoles = identitySettingsSchema.shape.CFT_IDAM_PROFESSIONAL_ROLES;
  it('unset or empty: the default of shared/auth/role-sources.ts', () => {
    expect(professionalRoles.parse(undefined)).toEqual([...DEFAULT_CFT_PROFESSIONAL_ROLES]);
    expect(professionalRoles.parse(' ')).toEqual([...DEFAULT_CFT_PROFESSIONAL_ROLES]);
  });
  it('comma-separated names, * anywhere', () => {
    expect(professionalRoles.parse('caseworker, *-solicitor ,pui-*')).toEqual(['caseworker', '*-solicitor', 'pui-*']);
  });
  it('refuses a lone * (everyone) and anything that is not a role name', () => {
    expect(professionalRoles.safeParse('*').success).toBe(false);
    expect(professionalRoles.safeParse('caseworker,citizen|x').success).toBe(false);
  });
});
