/**
 * Bicep cannot be compiled on developer machines, so this test keeps bicep/ honest against the code instead: every
 * blob container, queue and app setting the code uses must be declared there. It reads the Bicep as text, relying
 * on the layout main.bicep keeps for that purpose: `var blobContainerNames = [`, `var queueNames = [` and
 * `var appSettings = {` each open at the start of a line and close with `]` or `}` alone on a line.
 */
import { screenLinkSettingsSchema } from '../publications/access/screen-links.js';
import { unsubscribeLinkSettingsSchema } from '../subscriptions/unsubscribe-links.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { logEvents } from '../logging/log-events.js';
import { containers, queues } from '../storage/names.js';
import {
  databaseSettingsSchema,
  housekeepingSettingsSchema,
  digestSettingsSchema,
  identitySettingsSchema,
  mediaAccountSettingsSchema,
  mediaLifecycleSettingsSchema,
  notifySettingsSchema,
  observabilitySettingsSchema,
  publisherSettingsSchema,
  storageSettingsSchema,
  userDirectorySettingsSchema,
} from './settings.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bicepDirectory = path.join(repoRoot, 'bicep');

function bicepFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bicep'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const readBicep = (file: string): string => readFileSync(path.join(bicepDirectory, file), 'utf8');
const mainBicep = readBicep('main.bicep');
const appBicep = readBicep('modules/app.bicep');
const dataBicep = readBicep('modules/data.bicep');
const edgeBicep = readBicep('modules/edge.bicep');
const blobEventsBicep = readBicep('blob-events.bicep');
/** main.bicep and any modules under bicep/, for assertions that hold wherever a resource is declared. */
const allBicep = bicepFilesUnder(bicepDirectory)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

const operationsRunbook = readFileSync(path.join(repoRoot, 'docs', 'operations.md'), 'utf8');

/** The environments, each with its parameters file bicep/environments/<name>.bicepparam. */
const environments = ['sandbox', 'dev', 'test', 'staging', 'prod'] as const;

/** A parameters file's text and its `param name = value` lines (values as written). */
function environmentParameters(environment: string): { text: string; params: Map<string, string> } {
  const text = readBicep(`environments/${environment}.bicepparam`);
  const params = new Map<string, string>();
  for (const match of text.matchAll(/^param (\w+) = (.+)$/gm)) params.set(match[1] ?? '', (match[2] ?? '').trim());
  return { text, params };
}

/** A main.bicep parameter's default, as written (`param <name> <type> = <default>`). */
function parameterDefault(name: string): string | undefined {
  return new RegExp(`^param ${name} \\w+ = (.+)$`, 'm').exec(mainBicep)?.[1]?.trim();
}

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
    expect(mainBicep).toMatch(/deploymentContainerName: deploymentContainerName/);
    expect(appBicep).toMatch(/type: 'blobContainer'\s+value: '[^']*\/\$\{deploymentContainerName\}'/);
    expect(appBicep).toMatch(/type: 'UserAssignedIdentity'/);
  });

  it('declares the dead-letter container of the blob event subscriptions', () => {
    expect(mainBicep).toMatch(/^var blobEventsDeadLetterContainerName = 'blob-events-dead-letter'$/m);
    expect(declaredContainers.identifiers).toContain('blobEventsDeadLetterContainerName');
    expect(blobEventsBicep).toMatch(/^param deadLetterContainerName string = 'blob-events-dead-letter'$/m);
    expect(mainBicep).toMatch(/^output blobEventsDeadLetterContainerName string = blobEventsDeadLetterContainerName$/m);
  });

  it('turns shared-key access off, so only identities reach storage', () => {
    expect(allBicep).toMatch(/allowSharedKeyAccess: false/);
    expect(allBicep).not.toMatch(/allowSharedKeyAccess: true/);
    expect(allBicep).toMatch(/allowBlobPublicAccess: false/);
    expect(allBicep).toMatch(/minimumTlsVersion: 'TLS1_2'/);
  });

  it('grants the identity the data roles it needs and no more (Contributor, never Owner), and operators the Key Vault role', () => {
    expect(dataBicep).toMatch(/roleDefinitionIdOrName: 'Storage Blob Data Contributor'/);
    expect(dataBicep).toMatch(/roleDefinitionIdOrName: 'Storage Queue Data Contributor'/);
    expect(dataBicep).toMatch(/roleDefinitionIdOrName: 'Key Vault Secrets User'/);
    expect(dataBicep).toMatch(
      /principalId: operatorsGroupObjectId\s+principalType: 'Group'\s+roleDefinitionIdOrName: 'Key Vault Secrets Officer'/,
    );
    expect(allBicep).not.toMatch(/Data Owner|roleDefinitionIdOrName: 'Owner'|roleDefinitionIdOrName: 'Contributor'/);
  });

  it('keeps blob and container soft delete, and geo-redundant storage (GZRS) in prod', () => {
    expect(dataBicep).toMatch(/containerDeleteRetentionPolicyEnabled: true/);
    expect(dataBicep).toMatch(/deleteRetentionPolicyEnabled: true/);
    expect(dataBicep).toMatch(/skuName: environmentName == 'prod' \? 'Standard_GZRS' : /);
  });
});

describe('bicep/ declares the app settings the code reads', () => {
  it('finds the app settings object and gives it, as the whole set, to the function app', () => {
    expect(appSettings.size).toBeGreaterThan(0);
    expect(mainBicep).toMatch(/^ {4}appSettings: allAppSettings$/m);
    // Third parties' push secrets are added to the set, and the service's own settings win over any clash.
    expect(mainBicep).toMatch(/^var allAppSettings = union\(pushSecretAppSettings, appSettings\)$/m);
    expect(appBicep).toMatch(/name: 'appsettings'\s+properties: appSettings\b/);
    expect(appBicep).toMatch(/retainCurrentAppSettings: false/);
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
      housekeepingSettingsSchema,
      digestSettingsSchema,
      unsubscribeLinkSettingsSchema,
      userDirectorySettingsSchema,
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
    // Node 22 in Azure (Node 20 reached end of life in April 2026); ftpsState is rejected on newer Flex stamps; and
    // WEBSITE_TIME_ZONE is not honoured there (timers are written in UTC).
    expect(appBicep).toMatch(/runtime: \{\s+name: 'node'\s+version: '22'\s+\}/);
    expect(allBicep).not.toMatch(/ftpsState/);
    expect(appSettings.has('WEBSITE_TIME_ZONE')).toBe(false);
  });

  it.each([
    'NOTIFY_API_KEY',
    'SCREEN_LINK_KEYS',
    'UNSUBSCRIBE_LINK_KEYS',
    'WEB_CLIENT_SECRET',
    'B2C_CLIENT_SECRET',
    'CFT_IDAM_CLIENT_SECRET',
    'CRIME_IDAM_CLIENT_SECRET',
    'SESSION_SECRET',
  ])('takes the secret %s from Key Vault, from a secret the runbook says how to create', (setting) => {
    const reference = /^'@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName=\$\{(\w+)\}\)'$/.exec(
      appSettings.get(setting) ?? '',
    );
    expect(reference, setting).not.toBeNull();
    const variable = reference?.[1] ?? '';
    const secretName = new RegExp(`^var ${variable} = '([a-z0-9-]+)'$`, 'm').exec(mainBicep)?.[1] ?? '';
    expect(secretName, variable).not.toBe('');
    expect(arrayItems(topLevelBlock(mainBicep, 'var keyVaultSecretNames = [', ']')).identifiers).toContain(variable);
    expect(operationsRunbook).toContain(`--name ${secretName} `);
  });

  it('manages B2C users through Graph as the managed identity; a client secret only from Key Vault, when chosen', () => {
    expect(appSettings.get('B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID')).toBe('identity.outputs.clientId');
    expect(appSettings.get('B2C_GRAPH_CLIENT_SECRET')).toBe(
      "b2cGraphUsesClientSecret ? '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${b2cGraphClientSecretSecretName})' : ''",
    );
    expect(mainBicep).toMatch(/^param b2cGraphUsesClientSecret bool = false$/m);
    expect(mainBicep).toMatch(/^var b2cGraphClientSecretSecretName = 'b2c-graph-client-secret'$/m);
    expect(operationsRunbook).toContain('--name b2c-graph-client-secret ');
    expect(appSettings.get('GRAPH_BASE_URL')).toBe("'https://graph.microsoft.com'");
  });

  it('signs in to PostgreSQL as the managed identity with Entra tokens: no password anywhere', () => {
    expect(appSettings.get('DATABASE_AUTH')).toBe("'entra'");
    expect(appSettings.get('DATABASE_ENTRA_CLIENT_ID')).toBe('identity.outputs.clientId');
    expect(appSettings.get('DATABASE_URL')).toMatch(
      /^'postgresql:\/\/\$\{identityName\}@[^:@]+:5432\/pip\?sslmode=require'$/,
    );
    expect(dataBicep).toMatch(/activeDirectoryAuth: 'Enabled'\s+passwordAuth: 'Disabled'/);
    expect(allBicep).not.toMatch(/administratorLoginPassword|passwordAuth: 'Enabled'/);
  });

  it.each(environments)('has no secret values in the %s parameters file', (environment) => {
    const parameters = environmentParameters(environment).text;
    const secretLike = [...parameters.matchAll(/^param (\w*(?:password|secret|apikey)\w*) = (.*)$/gim)];
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

describe('bicep/ per environment', () => {
  it('has a parameters file for each environment, each naming its own environment', () => {
    expect(mainBicep).toContain(
      `@allowed(['sandbox', 'dev', 'test', 'staging', 'prod'])\nparam environmentName string`,
    );
    const files = readdirSync(path.join(bicepDirectory, 'environments')).sort();
    expect(files).toEqual([...environments].map((environment) => `${environment}.bicepparam`).sort());
    for (const environment of environments) {
      const { text, params } = environmentParameters(environment);
      expect(text, environment).toMatch(/^using '\.\.\/main\.bicep'$/m);
      expect(params.get('environmentName'), environment).toBe(`'${environment}'`);
    }
  });

  it.each(environments)(
    'gives %s at least 40 instances, whose connections fit in its PostgreSQL server',
    (environment) => {
      const { params } = environmentParameters(environment);
      const value = (name: string): string => params.get(name) ?? parameterDefault(name) ?? '';
      const instances = Number(value('functionMaximumInstanceCount'));
      const pool = Number(value('databasePoolSize'));
      const sku = value('postgresSkuName').replace(/'/g, '');
      expect(instances).toBeGreaterThanOrEqual(40);
      const skuLine = new RegExp(`^ {2}${sku}: \\{ tier: '(\\w+)', connections: (\\d+) - 15 \\}$`, 'm').exec(mainBicep);
      expect(skuLine, `postgresSkus has ${sku}`).not.toBeNull();
      expect(instances * pool).toBeLessThanOrEqual(Number(skuLine?.[2]) - 15);
      if (environment === 'prod')
        expect(skuLine?.[1], 'prod needs a tier with zone-redundant HA').not.toBe('Burstable');
    },
  );

  it('refuses the deployment when the instances and the pool overflow the server, or prod would be Burstable', () => {
    expect(mainBicep).toMatch(/@minValue\(40\)\n@maxValue\(1000\)\nparam functionMaximumInstanceCount int/);
    expect(mainBicep).toMatch(
      /connectionsFit: json\(functionMaximumInstanceCount \* databasePoolSize > postgresSkus\[postgresSkuName\]\.connections \? 'REFUSED: /,
    );
    expect(mainBicep).toMatch(
      /prodNotBurstable: json\(environmentName == 'prod' && postgresTier == 'Burstable' \? 'REFUSED: /,
    );
    expect(mainBicep).toMatch(
      /var postgresHighAvailability = environmentName == 'prod' && postgresTier != 'Burstable' \? 'ZoneRedundant' : 'Disabled'/,
    );
  });
});

describe('bicep/: private by default, and prod refuses public access', () => {
  it('keeps only the sandbox public', () => {
    expect(parameterDefault('publicNetworkAccess')).toBe('false');
    for (const environment of environments) {
      const setting = environmentParameters(environment).params.get('publicNetworkAccess') ?? 'false';
      expect(setting, environment).toBe(environment === 'sandbox' ? 'true' : 'false');
    }
  });

  it('fails the deployment of any environment but the sandbox that asks for public access', () => {
    expect(mainBicep).toMatch(
      /publicOnlyInSandbox: json\(publicNetworkAccess && environmentName != 'sandbox' \? 'REFUSED: [^']+' : '"ok"'\)/,
    );
    // The checks are tags of every resource, so they are evaluated on every deployment.
    expect(mainBicep).toMatch(/^var allTags = union\(tags, \{[^}]+\}, refusals\)$/m);
    expect(mainBicep).toMatch(/^var isPrivate = !\(publicNetworkAccess && environmentName == 'sandbox'\)$/m);
  });

  it('turns public network access off, with private endpoints, for storage, Key Vault and PostgreSQL when private', () => {
    expect(dataBicep).toMatch(/^var publicAccess = isPrivate \? 'Disabled' : 'Enabled'$/m);
    // Key Vault and PostgreSQL: off. The app's storage: no network admitted (default Deny, no rule), only trusted
    // Azure services, so that Event Grid can dead-letter blob events there with its system-assigned identity.
    expect(dataBicep.match(/publicNetworkAccess: publicAccess/g)).toHaveLength(2);
    expect(dataBicep).toMatch(
      /^var storageNetworkAcls = \{\s+bypass: 'AzureServices'\s+defaultAction: isPrivate \? 'Deny' : 'Allow'\s+ipRules: \[\]\s+virtualNetworkRules: \[\]\s+\}$/m,
    );
    expect(dataBicep).toMatch(
      /module storage '[^']+' = \{[^]*?publicNetworkAccess: storagePublicAccess\s+networkAcls: storageNetworkAcls\s+privateEndpoints: isPrivate/,
    );
    for (const service of ['blob', 'queue', 'vault', 'postgresqlServer']) {
      expect(dataBicep).toContain(`service: '${service}'`);
    }
  });
});

describe('bicep/ edge: one origin for the portal, from the shared route table', () => {
  const routeTable = z
    .object({
      staticPatterns: z.array(z.string()).min(1),
      staticResponseHeaders: z.record(z.string(), z.string()),
      rewrites: z.array(z.object({ source: z.string(), destination: z.string() })),
    })
    .parse(JSON.parse(readFileSync(path.join(bicepDirectory, 'edge-routes.json'), 'utf8')));

  it("routes the route table's static patterns to the static origin and everything else to the function app", () => {
    expect(edgeBicep).toMatch(/^var routeTable = loadJsonContent\('\.\.\/edge-routes\.json'\)$/m);
    expect(edgeBicep).toMatch(/id: staticOriginGroup\.id\s+\}\s+patternsToMatch: routeTable\.staticPatterns/);
    expect(edgeBicep).toMatch(/id: appOriginGroup\.id\s+\}\s+patternsToMatch: \[\s+'\/\*'\s+\]/);
    // Front Door allows a trailing * only; every pattern is an absolute path.
    for (const pattern of routeTable.staticPatterns) expect(pattern).toMatch(/^\/[^*]*\*?$/);
  });

  it("sets the route table's static response headers on the static route, as the local runtime does", () => {
    // B2C's user-flow pages come from B2C's origin and load the GOV.UK fonts from ours: only with CORS.
    expect(routeTable.staticResponseHeaders).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
    expect(edgeBicep).toMatch(
      /for header in items\(routeTable\.staticResponseHeaders\): \{\s+name: 'ModifyResponseHeader'/,
    );
    expect(edgeBicep).toMatch(
      /patternsToMatch: routeTable\.staticPatterns\s+ruleSets: \[\s+\{\s+id: staticHeadersRuleSet\.id\s+\}\s+\]/,
    );
  });

  it("rewrites the route table's folders on the app route, as the local runtime does: /admin to /court-admin", () => {
    // Court staff pages are public at /admin/…; the Functions host keeps /admin, so the app serves /court-admin/….
    expect(routeTable.rewrites).toEqual([{ source: '/admin', destination: '/court-admin' }]);
    // Each rewrite from the table (none written into the Bicep): the folder itself, then what is under it.
    const rule = (name: string) =>
      new RegExp(
        `^resource ${name} '[^']+' = \\[\\s+for \\(rewrite, i\\) in routeTable\\.rewrites: \\{([^]*?)\\n\\]`,
        'm',
      ).exec(edgeBicep)?.[1] ?? '';
    const folder = rule('rewriteFolderRules');
    expect(folder).toMatch(/parent: rewritesRuleSet/);
    expect(folder).toMatch(
      /name: 'UrlPath'\s+parameters: \{\s+typeName: 'DeliveryRuleUrlPathMatchConditionParameters'\s+operator: 'Equal'\s+negateCondition: false\s+matchValues: \[\s+substring\(rewrite\.source, 1\)\s+\]\s+transforms: \[\]/,
    );
    expect(folder).toMatch(
      /name: 'UrlRewrite'\s+parameters: \{\s+typeName: 'DeliveryRuleUrlRewriteActionParameters'\s+sourcePattern: rewrite\.source\s+destination: rewrite\.destination\s+preserveUnmatchedPath: false\s+\}/,
    );
    const under = rule('rewriteUnderRules');
    expect(under).toMatch(/parent: rewritesRuleSet/);
    expect(under).toMatch(
      /operator: 'BeginsWith'\s+negateCondition: false\s+matchValues: \[\s+'\$\{substring\(rewrite\.source, 1\)\}\/'\s+\]\s+transforms: \[\]/,
    );
    expect(under).toMatch(
      /sourcePattern: '\$\{rewrite\.source\}\/'\s+destination: '\$\{rewrite\.destination\}\/'\s+preserveUnmatchedPath: true/,
    );
    // On the app route, after the shutter (whose rule stops the rest), never on the static route.
    expect(edgeBicep).toMatch(
      /id: appOriginGroup\.id[^]*?ruleSets: concat\(\s+shutterOn\s+\? \[\s+\{\s+id: shutterRuleSet\.id\s+\}\s+\]\s+: \[\],\s+\[\s+\{\s+id: rewritesRuleSet\.id\s+\}\s+\]\s+\)/,
    );
    // The WAF runs first, on the path as sent: it must not block /admin/… (only /runtime, and /admin in other casings).
    expect(edgeBicep).not.toMatch(/\(admin\|runtime\)/);
    expect(edgeBicep).toMatch(
      /name: 'HostAdminPathsOtherCasing'[^]*?transforms: \[\s+'Lowercase'\s+\]\s+\}\s+\{\s+matchVariable: 'RequestUri'\s+operator: 'RegEx'\s+negateCondition: true/,
    );
  });

  it('puts a WAF in prevention mode with the managed rules and rate limits on sign-in and the publication API', () => {
    expect(edgeBicep).toMatch(/name: 'Premium_AzureFrontDoor'/);
    expect(edgeBicep).toMatch(/mode: 'Prevention'/);
    expect(edgeBicep).toMatch(/ruleSetType: 'Microsoft_DefaultRuleSet'/);
    expect(edgeBicep).toMatch(/name: 'SignInRateLimit'[\s\S]*?ruleType: 'RateLimitRule'[\s\S]*?sign-in\|login\/return/);
    expect(edgeBicep).toMatch(
      /name: 'PublicationApiRateLimit'[\s\S]*?ruleType: 'RateLimitRule'[\s\S]*?api\/publications\?/,
    );
  });

  it('lets only Front Door (its own X-Azure-FDID) and Event Grid reach the function app', () => {
    expect(appBicep).toMatch(/ipSecurityRestrictionsDefaultAction: 'Deny'/);
    expect(appBicep).toMatch(
      /ipAddress: 'AzureFrontDoor\.Backend'\s+headers: \{\s+'x-azure-fdid': \[\s+frontDoorId\s+\]/,
    );
    expect(appBicep).toMatch(/ipAddress: 'AzureEventGrid'/);
    expect(mainBicep).toMatch(/frontDoorId: edge\.outputs\.frontDoorId/);
  });

  it("serves the shutter page from the static origin when the app's probe fails or the operator switches it on", () => {
    // Its source; scripts/copy-static-assets.mjs renders it to web-static/shutter/index.html (scripts/static-pages.test.ts).
    expect(existsSync(path.join(repoRoot, 'scripts', 'static-pages', 'shutter.njk'))).toBe(true);
    expect(edgeBicep).toMatch(/probePath: '\/api\/health'/);
    expect(edgeBicep).toMatch(/name: 'shutter'\s+properties: \{\s+hostName: staticWebsiteHost[\s\S]*?priority: 2/);
    expect(edgeBicep).toMatch(/destination: '\/shutter\/index\.html'/);
    expect(edgeBicep).toMatch(/^resource shutterRule '[^']+' = if \(shutterOn\)/m);
  });
});

describe('bicep/ blob triggers: Event Grid, as Flex Consumption requires', () => {
  const registrations = readdirSync(path.join(repoRoot, 'functions'), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name === 'registration.ts')
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .flatMap((source) => [...source.matchAll(/app\.storageBlob\('(\w+)', \{([\s\S]*?)\n {2}\}\);/g)])
    .map((match) => ({ name: match[1] ?? '', options: match[2] ?? '' }));
  const subscriptions = [...blobEventsBicep.matchAll(/functionName: '(\w+)'\s+container: '([a-z0-9-]+)'/g)].map(
    (match) => ({ name: match[1] ?? '', container: match[2] ?? '' }),
  );

  it('finds the blob triggers', () => {
    expect(registrations.map((r) => r.name).sort()).toEqual(['blobUploaded', 'courtRefImportBlob']);
  });

  it('registers every blob trigger with source EventGrid', () => {
    for (const registration of registrations)
      expect(registration.options, registration.name).toMatch(/source: 'EventGrid'/);
  });

  it('subscribes each blob trigger to BlobCreated on a container the code names', () => {
    expect(subscriptions.map((s) => s.name).sort()).toEqual(registrations.map((r) => r.name).sort());
    expect(subscriptions.find((s) => s.name === 'blobUploaded')?.container).toBe(containers.publications);
    expect(subscriptions.find((s) => s.name === 'courtRefImportBlob')?.container).toBe(containers.referenceData);
    expect(blobEventsBicep).toMatch(/includedEventTypes: \[\s+'Microsoft\.Storage\.BlobCreated'\s+\]/);
    expect(blobEventsBicep).toMatch(
      /runtime\/webhooks\/blobs\?functionName=Host\.Functions\.\$\{trigger\.functionName\}/,
    );
    expect(appBicep).toMatch(/topicType: 'Microsoft\.Storage\.StorageAccounts'/);
  });

  it("retries each delivery, then dead-letters the event to the container with the topic's identity", () => {
    expect(blobEventsBicep).toMatch(/retryPolicy: \{\s+maxDeliveryAttempts: 30\s+eventTimeToLiveInMinutes: 1440\s+\}/);
    expect(blobEventsBicep).toMatch(
      /deadLetterWithResourceIdentity: \{\s+identity: \{\s+type: 'SystemAssigned'\s+\}\s+deadLetterDestination: \{\s+endpointType: 'StorageBlob'\s+properties: \{[^}]*?resourceId: topic\.properties\.source\s+blobContainerName: deadLetterContainerName\s+\}/,
    );
    // Event Grid passes a storage firewall as a trusted service only with a system-assigned identity.
    expect(appBicep).toMatch(
      /resource blobEventsTopic '[^']+' = \{[^]*?identity: \{\s+type: 'SystemAssigned'\s+\}[^]*?topicType: 'Microsoft\.Storage\.StorageAccounts'/,
    );
    // It may write to the dead-letter container only (Storage Blob Data Contributor, scoped there).
    expect(appBicep).toMatch(/name: '\$\{storageAccountName\}\/default\/\$\{blobEventsDeadLetterContainerName\}'/);
    expect(appBicep).toMatch(/^var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'$/m);
    expect(appBicep).toMatch(
      /scope: blobEventsDeadLetterContainer\s+properties: \{\s+roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', storageBlobDataContributorRoleId\)\s+principalId: blobEventsTopic\.identity\.principalId/,
    );
    expect(mainBicep).toMatch(/blobEventsDeadLetterContainerName: blobEventsDeadLetterContainerName/);
  });

  it('deploys the subscriptions with the dead-letter container, alerts on a dead letter, and says how to replay', () => {
    const perEnvironment = readFileSync(path.join(repoRoot, '.github', 'workflows', 'deploy-environment.yml'), 'utf8');
    expect(perEnvironment).toMatch(/for name in [^;]*\bblobEventsDeadLetterContainerName\b/);
    expect(perEnvironment).toMatch(
      /deadLetterContainerName='\$\{\{ steps\.infra\.outputs\.blobEventsDeadLetterContainerName \}\}'/,
    );
    const monitoringBicep = readBicep('modules/monitoring.bicep');
    expect(monitoringBicep).toMatch(
      /name: 'alert-\$\{namePrefix\}-blob-event-dead-lettered'[^]*?StorageBlobLogs \| where OperationName == "PutBlob" and ObjectKey has "\/\$\{blobEventsDeadLetterContainerName\}\/"/,
    );
    expect(operationsRunbook).toContain('### Dead-lettered blob events');
    expect(operationsRunbook).toContain('| `blob-event-dead-lettered` |');
    expect(operationsRunbook).toContain('--container-name blob-events-dead-letter');
  });
});

describe('bicep/ alerts (control 018: security events alert the operators and the SIEM reading the workspace)', () => {
  const monitoringBicep = readBicep('modules/monitoring.bicep');
  /** The alerts: each entry of appInsightsAlerts, and each rule declared with a name of its own. */
  const alertNames = [
    ...[...monitoringBicep.matchAll(/^ {4}name: '([a-z0-9-]+)'$/gm)].map((match) => match[1] ?? ''),
    ...[...monitoringBicep.matchAll(/name: 'alert-\$\{namePrefix\}-([a-z0-9-]+)'/g)].map((match) => match[1] ?? ''),
  ];
  /** The log-event codes the alert queries search for (quoted, upper case with underscores). */
  const codesSearched = [...monitoringBicep.matchAll(/^ +query: '(.*)'$/gm)].flatMap((query) =>
    [...(query[1] ?? '').matchAll(/"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"/g)].map((match) => match[1] ?? ''),
  );

  it('alerts on failed sign-ins, a publisher writing as another source, and bursts of refused privileged requests', () => {
    expect(alertNames).toEqual(
      expect.arrayContaining(['sign-in-failures', 'provenance-refused', 'privilege-refusals']),
    );
    expect(codesSearched).toEqual(
      expect.arrayContaining([
        'SIGN_IN_FAILED',
        'PUBLICATION_PROVENANCE_REFUSED',
        'WEB_ADMIN_PAGE_REFUSED',
        'AUDIT_EXPORT_DENIED',
        'WEB_CSRF_TOKEN_REFUSED',
      ]),
    );
  });

  it('searches only for codes the service logs, so that renaming a code cannot silence its alert', () => {
    expect(codesSearched.length).toBeGreaterThan(0);
    const unknown = codesSearched.filter((code) => !Object.hasOwn(logEvents, code));
    expect(unknown).toEqual([]);
  });

  it('says in the runbook what each alert means and what to do', () => {
    expect(alertNames.length).toBeGreaterThan(5);
    const undocumented = alertNames.filter((name) => !operationsRunbook.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });
});

describe('bicep/ declares nothing the code does not use', () => {
  it('has no Redis and no Static Web App', () => {
    expect(allBicep).not.toMatch(/cache\/redis|static-site|Microsoft\.Web\/staticSites/);
  });
});

describe('the deployment around bicep/', () => {
  const workflow = readFileSync(path.join(repoRoot, '.github', 'workflows', 'deploy.yml'), 'utf8');
  const perEnvironment = readFileSync(path.join(repoRoot, '.github', 'workflows', 'deploy-environment.yml'), 'utf8');

  it('refuses to build a release with a known high or critical advisory in its production dependencies (OWASP A06)', () => {
    const audit = workflow.indexOf('npm audit --omit=dev --audit-level=high');
    expect(audit).toBeGreaterThan(workflow.indexOf('.ci/run'));
    expect(audit).toBeLessThan(workflow.indexOf('npm run build'));
  });

  it('deploys only the built app (.funcignore)', () => {
    const funcignore = readFileSync(path.join(repoRoot, '.funcignore'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(funcignore[0]).toBe('*');
    expect(funcignore).toEqual(
      expect.arrayContaining(['!dist/**', '!host.json', '!package.json', '!node_modules/**']) as string[],
    );
  });

  it('tests with .ci/run, compiles and what-ifs the Bicep, and signs in to Azure by OIDC, without stored secrets', () => {
    expect(workflow).toMatch(/run: .*\.ci\/run/);
    expect(workflow).toMatch(/az bicep build --file bicep\/main\.bicep/);
    expect(workflow).toMatch(/az deployment group what-if/);
    for (const file of [workflow, perEnvironment]) {
      expect(file).toMatch(/id-token: write/);
      expect(file).toMatch(/uses: azure\/login@v2/);
      expect(file).not.toMatch(/secrets\./);
    }
  });

  it('deploys each environment in turn, prod last, behind its GitHub environment (the manual approval)', () => {
    const order = [...workflow.matchAll(/^ {2}deploy-(\w+):$/gm)].map((match) => match[1]);
    expect(order).toEqual(['sandbox', 'dev', 'test', 'staging', 'prod']);
    expect(workflow).toMatch(/deploy-prod:[\s\S]*?needs: deploy-staging[\s\S]*?environment: prod/);
    expect(perEnvironment).toMatch(/environment: \$\{\{ inputs\.environment \}\}/);
    // The blob event subscriptions need the code's extension key: they come after the code.
    expect(perEnvironment.indexOf('config-zip')).toBeLessThan(perEnvironment.indexOf('bicep/blob-events.bicep'));
    expect(perEnvironment.indexOf('npm run migrate')).toBeLessThan(perEnvironment.indexOf('config-zip'));
  });

  it('publishes the B2C user flow templates with URLs absolute on the public origin, before uploading the static site', () => {
    expect(mainBicep).toMatch(
      /^output publicSiteOrigin string = empty\(publicSiteUrl\) \? 'https:\/\/\$\{edge\.outputs\.endpointHost\}' : publicSiteUrl$/m,
    );
    expect(perEnvironment).toMatch(/for name in [^;]*\bpublicSiteOrigin\b/);
    const render = perEnvironment.indexOf(
      "npm run -s b2c:templates -- --origin '${{ steps.infra.outputs.publicSiteOrigin }}' --out web-static-built",
    );
    expect(render).toBeGreaterThan(perEnvironment.indexOf('npm ci'));
    expect(render).toBeLessThan(perEnvironment.indexOf('az storage blob upload-batch'));
  });
});
