/**
 * `npm run b2c:setup` against a stand-in for Graph's B2C endpoints (test-support/graph-stand-in.ts): real HTTP, the
 * real @microsoft/microsoft-graph-client, the command as the CLI runs it (settings, printing, exit code).
 */
import type { TokenCredential } from '@azure/identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  B2C_ACCOUNT_STATUS,
  B2C_LAST_LOGIN,
  B2C_PUB_UNIQUE_ID,
  B2C_USER_ROLE,
  B2C_VERIFIED,
} from '../../shared/auth/b2c-attributes.js';
import { startGraphStandIn, type GraphStandIn } from '../../test-support/graph-stand-in.js';
import { runB2cSetupCommand } from './main.js';

let graph: GraphStandIn;

beforeEach(async () => {
  graph = await startGraphStandIn();
});

afterEach(async () => {
  await graph.close();
});

function environment(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    B2C_TENANT_ID: 'pipb2cdev.onmicrosoft.com',
    B2C_SETUP_ENVIRONMENT: 'dev',
    PUBLIC_SITE_URL: 'https://pip-dev.example.gov.uk/',
    GRAPH_BASE_URL: graph.url,
    ...overrides,
  };
}

/** Runs the command with the stand-in's token; its exit code and what it printed. */
async function run(args: string[] = [], env = environment()): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const credential: TokenCredential = {
    getToken: () => Promise.resolve({ token: graph.token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const code = await runB2cSetupCommand(args, env, { credential: () => credential, print: (line) => lines.push(line) });
  return { code, lines };
}

/** The run's summary line: the last before the page layouts are listed. */
function summary(lines: readonly string[]): string | undefined {
  const layouts = lines.findIndex((line) => line.startsWith('Page layouts, by hand'));
  return layouts === -1 ? lines.at(-1) : lines[layouts - 1];
}

function extensionsAppId(): string {
  const app = graph.applications.find((candidate) => candidate.displayName.startsWith('b2c-extensions-app'));
  return app?.appId.replace(/-/g, '') ?? '';
}

describe('npm run b2c:setup', () => {
  it('creates the app registration, the extension attributes and the user flows on its first run', async () => {
    const { code, lines } = await run();

    expect(code).toBe(0);
    const web = graph.applications.find((app) => app.displayName === 'pip-web-dev');
    expect(web?.web?.redirectUris).toEqual(['https://pip-dev.example.gov.uk/login/return']);
    expect(web?.signInAudience).toBe('AzureADandPersonalMicrosoftAccount');
    expect(graph.servicePrincipals.map((principal) => principal.appId)).toEqual([web?.appId]);
    // The attributes are named as sign-in reads them (shared/auth/b2c-attributes.ts), with Graph's prefix.
    const properties = [...graph.extensionProperties.values()].flat();
    const graphName = (claim: string): string => claim.replace(/^extension_/, `extension_${extensionsAppId()}_`);
    expect(properties.map((property) => [property.name, property.dataType, property.targetObjects])).toEqual([
      [graphName(B2C_USER_ROLE), 'String', ['User']],
      [graphName(B2C_ACCOUNT_STATUS), 'String', ['User']],
      [graphName(B2C_VERIFIED), 'Boolean', ['User']],
      [graphName(B2C_PUB_UNIQUE_ID), 'String', ['User']],
      [graphName(B2C_LAST_LOGIN), 'String', ['User']],
    ]);
    // The approved-media sign-up is a password-reset flow of its own: the account exists, the person sets a password.
    expect(graph.userFlows).toEqual([
      { id: 'B2C_1_SignInUserFlow', userFlowType: 'signIn', userFlowTypeVersion: 3 },
      { id: 'B2C_1_PasswordReset', userFlowType: 'passwordReset', userFlowTypeVersion: 3 },
      { id: 'B2C_1_SignUpApprovedMedia', userFlowType: 'passwordReset', userFlowTypeVersion: 3 },
    ]);
    expect(lines).toContain(
      'create: application pip-web-dev (redirect URIs https://pip-dev.example.gov.uk/login/return)',
    );
    expect(lines).toContain('create: extension attribute Verified (Boolean)');
    expect(summary(lines)).toBe('10 change(s) made.');
    // Then what Graph cannot set: each flow's page layouts, on the portal's address.
    expect(lines.slice(-3)).toEqual([
      '  B2C_1_SignInUserFlow: Sign in page → https://pip-dev.example.gov.uk/b2c/{Culture:LanguageName}/sign-in.html',
      '  B2C_1_PasswordReset: Forgot password page, Change password page → https://pip-dev.example.gov.uk/b2c/{Culture:LanguageName}/password-reset.html',
      '  B2C_1_SignUpApprovedMedia: Forgot password page, Change password page → https://pip-dev.example.gov.uk/b2c/{Culture:LanguageName}/sign-up.html',
    ]);
  });

  it('changes nothing on a second run', async () => {
    expect((await run()).code).toBe(0);
    const writesAfterFirst = graph.writes().length;
    const before = JSON.stringify([
      graph.applications,
      graph.servicePrincipals,
      [...graph.extensionProperties],
      graph.userFlows,
    ]);

    const second = await run();

    expect(second.code).toBe(0);
    expect(graph.writes()).toHaveLength(writesAfterFirst);
    expect(
      JSON.stringify([graph.applications, graph.servicePrincipals, [...graph.extensionProperties], graph.userFlows]),
    ).toBe(before);
    expect(second.lines.filter((line) => !line.startsWith('unchanged: ')).slice(1, 2)).toEqual([
      'The tenant is as it should be: nothing to change.',
    ]);
  });

  it('prints the planned changes in a dry run and changes nothing', async () => {
    const { code, lines } = await run(['--dry-run']);

    expect(code).toBe(0);
    expect(graph.writes()).toEqual([]);
    expect(graph.applications.map((app) => app.displayName)).toEqual([expect.stringMatching(/^b2c-extensions-app/)]);
    expect(graph.userFlows).toEqual([]);
    expect(lines[0]).toContain('(dry run: nothing will be changed)');
    expect(lines).toContain(
      'would create: application pip-web-dev (redirect URIs https://pip-dev.example.gov.uk/login/return)',
    );
    expect(lines).toContain('would create: user flow B2C_1_PasswordReset (passwordReset)');
    expect(lines).toContain('would create: user flow B2C_1_SignUpApprovedMedia (passwordReset)');
    expect(summary(lines)).toBe('Dry run: 10 change(s) planned, none made.');
  });

  it('updates only what differs: a new portal address changes the redirect URI and nothing else', async () => {
    await run();
    const writesAfterFirst = graph.writes().length;

    const { code, lines } = await run([], environment({ PUBLIC_SITE_URL: 'https://hearings.example.gov.uk' }));

    expect(code).toBe(0);
    expect(graph.writes().slice(writesAfterFirst)).toEqual([expect.stringMatching(/^PATCH \/v1\.0\/applications\//)]);
    expect(graph.applications.find((app) => app.displayName === 'pip-web-dev')?.web?.redirectUris).toEqual([
      'https://hearings.example.gov.uk/login/return',
    ]);
    expect(lines).toContain(
      'update: application pip-web-dev (redirect URIs https://pip-dev.example.gov.uk/login/return → https://hearings.example.gov.uk/login/return)',
    );
  });

  it("reports a Graph error clearly: the step, the request, Graph's status, code, message and request id", async () => {
    graph.failNext(
      'POST /v1.0/applications/',
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );

    const { code, lines } = await run();

    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(
      /^B2C set-up failed while trying to create extension attribute UserRole \(POST \/v1\.0\/applications\/[0-9a-f-]+\/extensionProperties\): 403 Authorization_RequestDenied: Insufficient privileges to complete the operation\. \(request-id [0-9a-f-]{36}\)$/,
    );
    // What was made before the failure is said; nothing after it was tried.
    expect(lines).toContain(
      'create: application pip-web-dev (redirect URIs https://pip-dev.example.gov.uk/login/return)',
    );
    expect(lines.some((line) => line.includes('user flow'))).toBe(false);
    expect(graph.userFlows).toEqual([]);
  });

  it('says a tenant without b2c-extensions-app is not a B2C tenant, and refuses a wrong token', async () => {
    await graph.close();
    graph = await startGraphStandIn({ b2cExtensionsApp: false });
    const notB2c = await run(['--dry-run']);
    expect(notB2c.code).toBe(1);
    expect(notB2c.lines.at(-1)).toContain(
      'No b2c-extensions-app in this tenant: is B2C_TENANT_ID an Azure AD B2C tenant?',
    );

    const lines: string[] = [];
    const wrongToken: TokenCredential = {
      getToken: () => Promise.resolve({ token: 'not-the-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
    };
    const code = await runB2cSetupCommand([], environment(), {
      credential: () => wrongToken,
      print: (line) => lines.push(line),
    });
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(
      /^B2C set-up failed while trying to find application pip-web-dev \(GET \/v1\.0\/applications\): 401 InvalidAuthenticationToken: /,
    );
  });

  it('checks its settings before touching the tenant, naming each problem', async () => {
    const { code, lines } = await run(
      [],
      environment({ B2C_SETUP_ENVIRONMENT: 'live', PUBLIC_SITE_URL: 'http://pip.example.gov.uk' }),
    );

    expect(code).toBe(1);
    expect(graph.requests).toEqual([]);
    const message = lines.join('\n');
    expect(message).toContain('so the B2C set-up cannot run');
    expect(message).toMatch(/B2C_SETUP_ENVIRONMENT: /);
    expect(message).toMatch(/PUBLIC_SITE_URL: must be an https:\/\/ URL/);
    const halfCredentials = await run([], environment({ B2C_SETUP_CLIENT_ID: 'id-only' }));
    expect(halfCredentials.code).toBe(1);
    expect(halfCredentials.lines.join('\n')).toMatch(
      /B2C_SETUP_CLIENT_SECRET: B2C_SETUP_CLIENT_ID and B2C_SETUP_CLIENT_SECRET are set together/,
    );
    expect(graph.requests).toEqual([]);
    expect((await run(['--force'])).lines).toEqual([
      'Unknown argument(s): --force. Usage: npm run b2c:setup [-- --dry-run]',
    ]);
  });
});
