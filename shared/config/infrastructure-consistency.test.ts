/**
 * Bicep cannot be compiled on developer machines, so this test keeps bicep/ honest against the code instead: every
 * blob container, queue and app setting the code uses must be declared there. It reads the Bicep as text, relying
 * on the layout main.bicep keeps for that purpose: `var blobContainerNames = [`, `var queueNames = [` and
 * `var appSettings = {` each open at the start of a line and close with `]` or `}` alone on a line.
 */
import { screenLinkSettingsSchema } from '../publications/access/screen-links.js';
import { unsubscribeLinkSettingsSchema } from '../subscriptions/unsubscribe-links.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { containers, queues } from '../storage/names.js';
import {
  databaseSettingsSchema,
  digestSettingsSchema,
  identitySettingsSchema,
  mediaAccountSettingsSchema,
  mediaLifecycleSettingsSchema,
  notifySettingsSchema,
  observabilitySettingsSchema,
  publisherSettingsSchema,
  storageSettingsSchema,
} from './settings.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bicepDirectory = path.join(repoRoot, 'bicep');

function bicepFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bicep'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const mainBicep = readFileSync(path.join(bicepDirectory, 'main.bicep'), 'utf8');
/** main.bicep and any modules under bicep/, for assertions that hold wherever a resource is declared. */
const allBicep = bicepFilesUnder(bicepDirectory)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

const localSettingsSample = z
  .object({ Values: z.record(z.string(), z.string()), Descriptions: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')));

/** Settings in local.settings.sample.json that are not app settings in Azure, and why. */
const notAppSettingsInAzure: ReadonlyMap<string, string> = new Map([
  [
    'FUNCTIONS_WORKER_RUNTIME',
    'Flex Consumption sets it from functionAppConfig.runtime and rejects it as an app setting',
  ],
  ['AzureWebJobsStorage', 'replaced by the identity-based AzureWebJobsStorage__* settings; shared-key access is off'],
  ['FUNCTIONS_MASTER_KEY', 'local runtime only'],
  ['PORT', 'local runtime only'],
]);

function appliesInAzure(setting: string): boolean {
  return !setting.startsWith('LOCAL_') && !notAppSettingsInAzure.has(setting);
}

/** The lines between `<opening>` at the start of a line and the first line that is just `closer`. */
function topLevelBlock(source: string, opening: string, closer: ']' | '}'): string[] {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trimEnd() === opening);
  if (start === -1) throw new Error(`main.bicep has no line "${opening}"`);
  const end = lines.findIndex((line, index) => index > start && line.trimEnd() === closer);
  if (end === -1) throw new Error(`"${opening}" in main.bicep is never closed by a line "${closer}"`);
  return lines.slice(start + 1, end);
}

/** Items of a Bicep array written one per line: quoted names, or identifiers of variables. */
function arrayItems(lines: readonly string[]): { literals: string[]; identifiers: string[] } {
  const literals: string[] = [];
  const identifiers: string[] = [];
  for (const line of lines) {
    const literal = /^\s*'([^']+)'\s*(?:\/\/.*)?$/.exec(line);
    if (literal?.[1] !== undefined) literals.push(literal[1]);
    const identifier = /^\s*([A-Za-z_]\w*)\s*(?:\/\/.*)?$/.exec(line);
    if (identifier?.[1] !== undefined) identifiers.push(identifier[1]);
  }
  return { literals, identifiers };
}

/** Top-level keys of a Bicep object, with the line each is declared on. */
function objectEntries(lines: readonly string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of lines) {
    const match = /^ {2}([A-Za-z_]\w*)\s*:\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined) entries.set(match[1], match[2] ?? '');
  }
  return entries;
}

const declaredContainers = arrayItems(topLevelBlock(mainBicep, 'var blobContainerNames = [', ']'));
const declaredQueues = arrayItems(topLevelBlock(mainBicep, 'var queueNames = [', ']'));
const appSettings = objectEntries(topLevelBlock(mainBicep, 'var appSettings = {', '}'));

describe('bicep/ declares the storage the code uses', () => {
  it.each(Object.values(containers))('declares blob container %s', (name) => {
    expect(declaredContainers.literals).toContain(name);
  });

  it.each(Object.values(queues))('declares queue %s and its poison queue', (name) => {
    expect(declaredQueues.literals).toContain(name);
    expect(declaredQueues.literals).toContain(`${name}-poison`);
  });

  it('declares no container or queue the code does not know, apart from the deployment package', () => {
    const known = new Set<string>([...Object.values(containers)]);
    expect(declaredContainers.literals.filter((name) => !known.has(name))).toEqual([]);
    const knownQueues = new Set<string>(Object.values(queues).flatMap((name) => [name, `${name}-poison`]));
    expect(declaredQueues.literals.filter((name) => !knownQueues.has(name))).toEqual([]);
  });

  it('declares the Flex Consumption deployment container and deploys from it with the managed identity', () => {
    expect(mainBicep).toMatch(/^var deploymentContainerName = 'deployment-package'$/m);
    expect(declaredContainers.identifiers).toContain('deploymentContainerName');
    expect(mainBicep).toMatch(/type: 'blobContainer'\s+value: '\$\{storageBlobUri\}\$\{deploymentContainerName\}'/);
    expect(mainBicep).toMatch(/type: 'UserAssignedIdentity'/);
  });

  it('turns shared-key access off, so only identities reach storage', () => {
    expect(allBicep).toMatch(/allowSharedKeyAccess: false/);
    expect(allBicep).not.toMatch(/allowSharedKeyAccess: true/);
    expect(allBicep).toMatch(/allowBlobPublicAccess: false/);
    expect(allBicep).toMatch(/minimumTlsVersion: 'TLS1_2'/);
  });

  it('grants the identity the storage roles the host and the code need', () => {
    expect(mainBicep).toMatch(/roleDefinitionIdOrName: 'Storage Blob Data Owner'/);
    expect(mainBicep).toMatch(/roleDefinitionIdOrName: 'Storage Queue Data Contributor'/);
    expect(mainBicep).toMatch(/roleDefinitionIdOrName: 'Key Vault Secrets User'/);
  });
});

describe('bicep/ declares the app settings the code reads', () => {
  it('finds the app settings object and gives it to the function app', () => {
    expect(appSettings.size).toBeGreaterThan(0);
    expect(mainBicep).toMatch(/name: 'appsettings'\s+properties: appSettings\b/);
  });

  it('sets every setting of local.settings.sample.json that applies in Azure', () => {
    const missing = Object.keys(localSettingsSample.Values).filter(
      (setting) => appliesInAzure(setting) && !appSettings.has(setting),
    );
    expect(missing).toEqual([]);
  });

  it('sets every setting the configuration schemas declare (storage through identity-based settings)', () => {
    const declared = [
      storageSettingsSchema,
      databaseSettingsSchema,
      notifySettingsSchema,
      identitySettingsSchema,
      observabilitySettingsSchema,
      screenLinkSettingsSchema,
      mediaAccountSettingsSchema,
      mediaLifecycleSettingsSchema,
      publisherSettingsSchema,
      digestSettingsSchema,
      unsubscribeLinkSettingsSchema,
    ].flatMap((schema) => Object.keys(schema.shape));
    const missing = declared.filter((setting) => appliesInAzure(setting) && !appSettings.has(setting));
    expect(missing).toEqual([]);
  });

  it('connects to storage with the managed identity, not a connection string', () => {
    expect(appSettings.get('AzureWebJobsStorage__credential')).toBe("'managedidentity'");
    for (const setting of [
      'AzureWebJobsStorage__blobServiceUri',
      'AzureWebJobsStorage__queueServiceUri',
      'AzureWebJobsStorage__clientId',
    ]) {
      expect(appSettings.has(setting), setting).toBe(true);
    }
    expect(appSettings.has('AzureWebJobsStorage')).toBe(false);
  });

  it('does not set what Flex Consumption rejects, or what only the local runtime reads', () => {
    const forbidden = [...appSettings.keys()].filter(
      (setting) =>
        setting.startsWith('LOCAL_') ||
        ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'FUNCTIONS_MASTER_KEY', 'PORT'].includes(setting),
    );
    expect(forbidden).toEqual([]);
    expect(mainBicep).toMatch(/runtime: \{\s+name: 'node'\s+version: '20'\s+\}/);
  });

  it.each(['DATABASE_URL', 'NOTIFY_API_KEY', 'SCREEN_LINK_KEYS', 'UNSUBSCRIBE_LINK_KEYS'])(
    'takes the secret %s from Key Vault',
    (setting) => {
      expect(appSettings.get(setting)).toMatch(/^'@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName=/);
    },
  );

  it('has no secret values in the parameters file', () => {
    const parameters = readFileSync(path.join(bicepDirectory, 'main.bicepparam'), 'utf8');
    const secretLike = [...parameters.matchAll(/^param (\w*(?:password|secret|apikey)\w*) = (.*)$/gim)];
    expect(secretLike.map((match) => match[1])).toContain('postgresAdministratorPassword');
    const inline = secretLike.filter((match) => !/^(?:readEnvironmentVariable|az\.getSecret)\(/.test(match[2] ?? ''));
    expect(inline.map((match) => match[1])).toEqual([]);
    expect(parameters, 'a connection URL with credentials').not.toMatch(/postgres(?:ql)?:\/\/[^'\s]*@/i);
  });
});

describe('local.settings.sample.json', () => {
  it('describes every setting it lists, and lists every setting it describes', () => {
    const values = Object.keys(localSettingsSample.Values);
    const descriptions = Object.keys(localSettingsSample.Descriptions);
    expect(values.filter((setting) => !descriptions.includes(setting))).toEqual([]);
    expect(descriptions.filter((setting) => !values.includes(setting))).toEqual([]);
  });
});
