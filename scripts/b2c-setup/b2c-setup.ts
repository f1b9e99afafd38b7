/**
 * Brings a B2C tenant to the desired state through Microsoft Graph: the portal's app registration (and its service
 * principal), the extension attributes on B2C's b2c-extensions-app, and the user flows. It reads first and writes
 * only what differs, so a second run changes nothing; in a dry run it reads and writes nothing, and reports what it
 * would do. A Graph error stops it, reported as a value naming the step and the request.
 *
 * Endpoints: v1.0 `applications` (list by filter, create, update), `servicePrincipals` (list, create),
 * `applications/{id}/extensionProperties` (list, create); beta `identity/b2cUserFlows` (list, create: B2C user flows
 * are in beta only).
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { DesiredState, DesiredUserFlow } from './b2c-setup-settings.js';

export type ChangeAction = 'create' | 'update' | 'unchanged';

export interface Change {
  action: ChangeAction;
  /** What it is about, e.g. `application pip-web-dev` or `extension attribute UserRole`. */
  what: string;
  detail?: string;
}

export interface GraphFailure {
  /** What the run was doing. */
  step: string;
  /** The request, as `METHOD /version/path`. */
  request: string;
  status: number | null;
  code: string | null;
  message: string;
  requestId: string | null;
}

export type B2cSetupOutcome =
  | { ok: true; dryRun: boolean; changes: Change[] }
  | { ok: false; dryRun: boolean; changes: Change[]; failure: GraphFailure };

/** Microsoft Graph's own app id: the portal asks it for `openid` and `offline_access`. */
const microsoftGraphAppId = '00000003-0000-0000-c000-000000000000';
const openIdScopeId = '37f7f235-527c-4136-accd-4a02d197296e';
const offlineAccessScopeId = '7427e0e9-2fba-42fe-b0c0-848c9e6a8182';
/** B2C user flows need an app that accepts accounts in any identity provider. */
const signInAudience = 'AzureADandPersonalMicrosoftAccount';

interface Application {
  id: string;
  appId: string;
  displayName: string;
  signInAudience?: string;
  web?: { redirectUris?: string[] };
}

interface ExtensionProperty {
  name: string;
  dataType: string;
}

interface UserFlow {
  id: string;
  userFlowType: string;
}

interface Collection<T> {
  value: T[];
}

/** A failure already reported as a value, to stop the run. */
class StepFailed extends Error {
  constructor(readonly failure: GraphFailure) {
    super(failure.message);
  }
}

const quoted = (value: string): string => `'${value.replace(/'/g, "''")}'`;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

export async function runB2cSetup(
  graph: Client,
  desired: DesiredState,
  options: { dryRun: boolean },
): Promise<B2cSetupOutcome> {
  const changes: Change[] = [];
  const { dryRun } = options;

  /** Makes a change (unless in a dry run) and records it once made. */
  async function apply(change: Change, write: () => Promise<unknown>): Promise<void> {
    if (!dryRun) await write();
    changes.push(change);
  }

  /** One Graph request, its error turned into a GraphFailure that names the step. */
  async function call<T>(step: string, method: string, path: string, send: () => Promise<unknown>): Promise<T> {
    try {
      return (await send()) as T;
    } catch (error) {
      const graphError = error instanceof GraphError ? error : undefined;
      throw new StepFailed({
        step,
        request: `${method} ${path}`,
        status: graphError && graphError.statusCode > 0 ? graphError.statusCode : null,
        code: graphError?.code ?? null,
        message: (error as Error).message,
        requestId: graphError?.requestId ?? null,
      });
    }
  }

  async function webApp(): Promise<void> {
    const { displayName, redirectUris } = desired.webApp;
    const what = `application ${displayName}`;
    const found = await call<Collection<Application>>(
      `find ${what}`,
      'GET',
      '/v1.0/applications',
      () =>
        graph
          .api('/applications')
          .filter(`displayName eq ${quoted(displayName)}`)
          .select('id,appId,displayName,signInAudience,web')
          .get() as Promise<unknown>,
    );
    if (found.value.length > 1) {
      throw new StepFailed({
        step: `find ${what}`,
        request: 'GET /v1.0/applications',
        status: null,
        code: 'Ambiguous',
        message: `${found.value.length} applications are named ${displayName}; remove the extra ones by hand`,
        requestId: null,
      });
    }
    const existing = found.value[0];
    if (existing === undefined) {
      const creation: Change = { action: 'create', what, detail: `redirect URIs ${redirectUris.join(', ')}` };
      const principal: Change = { action: 'create', what: `service principal of ${displayName}` };
      if (dryRun) {
        changes.push(creation, principal);
        return;
      }
      const created = await call<Application>(
        `create ${what}`,
        'POST',
        '/v1.0/applications',
        () =>
          graph.api('/applications').post({
            displayName,
            signInAudience,
            web: {
              redirectUris,
              implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
            },
            requiredResourceAccess: [
              {
                resourceAppId: microsoftGraphAppId,
                resourceAccess: [
                  { id: openIdScopeId, type: 'Scope' },
                  { id: offlineAccessScopeId, type: 'Scope' },
                ],
              },
            ],
          }) as Promise<unknown>,
      );
      changes.push(creation);
      await call(
        `create service principal of ${displayName}`,
        'POST',
        '/v1.0/servicePrincipals',
        () => graph.api('/servicePrincipals').post({ appId: created.appId }) as Promise<unknown>,
      );
      changes.push(principal);
      return;
    }
    const current = existing.web?.redirectUris ?? [];
    if (!sameSet(current, redirectUris) || existing.signInAudience !== signInAudience) {
      await apply(
        {
          action: 'update',
          what,
          detail: `redirect URIs ${current.join(', ') || '(none)'} → ${redirectUris.join(', ')}`,
        },
        () =>
          call(
            `update ${what}`,
            'PATCH',
            `/v1.0/applications/${existing.id}`,
            () =>
              graph
                .api(`/applications/${existing.id}`)
                .patch({ web: { redirectUris }, signInAudience }) as Promise<unknown>,
          ),
      );
    } else {
      changes.push({ action: 'unchanged', what });
    }
    const principals = await call<Collection<{ id: string }>>(
      `find service principal of ${displayName}`,
      'GET',
      '/v1.0/servicePrincipals',
      () =>
        graph
          .api('/servicePrincipals')
          .filter(`appId eq ${quoted(existing.appId)}`)
          .select('id,appId')
          .get() as Promise<unknown>,
    );
    if (principals.value.length > 0) {
      changes.push({ action: 'unchanged', what: `service principal of ${displayName}` });
      return;
    }
    await apply({ action: 'create', what: `service principal of ${displayName}` }, () =>
      call(
        `create service principal of ${displayName}`,
        'POST',
        '/v1.0/servicePrincipals',
        () => graph.api('/servicePrincipals').post({ appId: existing.appId }) as Promise<unknown>,
      ),
    );
  }

  async function extensionAttributes(): Promise<void> {
    const step = 'find b2c-extensions-app';
    const apps = await call<Collection<Application>>(
      step,
      'GET',
      '/v1.0/applications',
      () =>
        graph
          .api('/applications')
          .filter("startswith(displayName,'b2c-extensions-app')")
          .select('id,appId,displayName')
          .get() as Promise<unknown>,
    );
    const extensionsApp = apps.value[0];
    if (extensionsApp === undefined || apps.value.length > 1) {
      throw new StepFailed({
        step,
        request: 'GET /v1.0/applications',
        status: null,
        code: extensionsApp === undefined ? 'NotFound' : 'Ambiguous',
        message:
          extensionsApp === undefined
            ? 'No b2c-extensions-app in this tenant: is B2C_TENANT_ID an Azure AD B2C tenant?'
            : 'More than one application is named b2c-extensions-app…',
        requestId: null,
      });
    }
    const path = `/applications/${extensionsApp.id}/extensionProperties`;
    const existing = await call<Collection<ExtensionProperty>>(
      'list extension attributes',
      'GET',
      `/v1.0${path}`,
      () => graph.api(path).get() as Promise<unknown>,
    );
    const prefix = `extension_${extensionsApp.appId.replace(/-/g, '')}_`;
    for (const attribute of desired.extensionAttributes) {
      const what = `extension attribute ${attribute.name}`;
      const held = existing.value.find((property) => property.name === `${prefix}${attribute.name}`);
      if (held !== undefined) {
        if (held.dataType !== attribute.dataType) {
          // Graph cannot change an extension property's type; only a person can decide to delete the data.
          throw new StepFailed({
            step: `check ${what}`,
            request: `GET /v1.0${path}`,
            status: null,
            code: 'TypeMismatch',
            message: `${held.name} is ${held.dataType}, not ${attribute.dataType}; Graph cannot change a type (delete it and run again)`,
            requestId: null,
          });
        }
        changes.push({ action: 'unchanged', what });
        continue;
      }
      await apply({ action: 'create', what, detail: attribute.dataType }, () =>
        call(
          `create ${what}`,
          'POST',
          `/v1.0${path}`,
          () =>
            graph.api(path).post({
              name: attribute.name,
              dataType: attribute.dataType,
              targetObjects: ['User'],
            }) as Promise<unknown>,
        ),
      );
    }
  }

  async function userFlows(): Promise<void> {
    const path = '/identity/b2cUserFlows';
    const existing = await call<Collection<UserFlow>>(
      'list user flows',
      'GET',
      `/beta${path}`,
      () => graph.api(path).version('beta').get() as Promise<unknown>,
    );
    for (const flow of desired.userFlows) {
      const what = `user flow ${flow.id}`;
      const held = existing.value.find((item) => item.id.toLowerCase() === flow.id.toLowerCase());
      if (held !== undefined) {
        if (held.userFlowType !== flow.userFlowType) {
          throw new StepFailed({
            step: `check ${what}`,
            request: `GET /beta${path}`,
            status: null,
            code: 'TypeMismatch',
            message: `${held.id} is a ${held.userFlowType} flow, not ${flow.userFlowType}`,
            requestId: null,
          });
        }
        changes.push({ action: 'unchanged', what });
        continue;
      }
      await apply({ action: 'create', what, detail: flow.userFlowType }, () =>
        call(
          `create ${what}`,
          'POST',
          `/beta${path}`,
          () => graph.api(path).version('beta').post(userFlowBody(flow)) as Promise<unknown>,
        ),
      );
    }
  }

  try {
    await webApp();
    await extensionAttributes();
    await userFlows();
    return { ok: true, dryRun, changes };
  } catch (error) {
    if (error instanceof StepFailed) return { ok: false, dryRun, changes, failure: error.failure };
    throw error;
  }
}

/** B2C adds `B2C_1_` to the id it is given. */
function userFlowBody(flow: DesiredUserFlow): Record<string, unknown> {
  return { id: flow.id.replace(/^B2C_1_/, ''), userFlowType: flow.userFlowType, userFlowTypeVersion: 3 };
}

/** The outcome as lines for a person: each change, then the failure if any. */
export function describeOutcome(outcome: B2cSetupOutcome): string[] {
  const verb = (action: ChangeAction): string =>
    action === 'unchanged' ? 'unchanged' : outcome.dryRun ? `would ${action}` : action;
  const lines = outcome.changes.map(
    (change) => `${verb(change.action)}: ${change.what}${change.detail === undefined ? '' : ` (${change.detail})`}`,
  );
  const changed = outcome.changes.filter((change) => change.action !== 'unchanged').length;
  if (outcome.ok) {
    lines.push(
      changed === 0
        ? 'The tenant is as it should be: nothing to change.'
        : outcome.dryRun
          ? `Dry run: ${changed} change(s) planned, none made.`
          : `${changed} change(s) made.`,
    );
    return lines;
  }
  const { failure } = outcome;
  lines.push(
    `B2C set-up failed while trying to ${failure.step} (${failure.request}): ` +
      `${failure.status === null ? '' : `${failure.status} `}${failure.code === null ? '' : `${failure.code}: `}${failure.message}` +
      (failure.requestId === null ? '' : ` (request-id ${failure.requestId})`),
  );
  return lines;
}
