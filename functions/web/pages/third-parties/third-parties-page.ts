/**
 * Third parties for system admins (/system-admin/third-parties): the list, a form to add one and the same form to
 * change one (status, the role deciding which classified lists they read, the read client id, push settings with the
 * secret's name, never the secret, and the list types pushed), and "Test connection" (a token from their token
 * server, then their health endpoint). Saving and testing go through shared/third-parties/third-party-admin.ts, as
 * the API does, and are audited there.
 */
import { logEvent } from '../../../../shared/logging/log-event.js';
import {
  thirdPartyInputSchema,
  thirdPartyRoles,
  thirdPartyStatuses,
  type ThirdParty,
} from '../../../../shared/third-parties/third-party.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
type Strings = (typeof strings)['en'];
export const thirdPartiesPath = '/system-admin/third-parties';

const textFields = [
  'name',
  'oauthClientId',
  'pushEndpoint',
  'pushHealthUrl',
  'pushTokenUrl',
  'pushClientId',
  'pushScope',
  'pushSecretName',
] as const;
type Field = (typeof textFields)[number] | 'status' | 'role' | 'pushListTypes';
type FormValues = Record<Field, string>;

function valuesOf(thirdParty: ThirdParty | null): FormValues {
  return {
    name: thirdParty?.name ?? '',
    status: thirdParty?.status ?? '',
    role: thirdParty?.role ?? '',
    oauthClientId: thirdParty?.oauthClientId ?? '',
    pushEndpoint: thirdParty?.push?.endpoint ?? '',
    pushHealthUrl: thirdParty?.push?.healthUrl ?? '',
    pushTokenUrl: thirdParty?.push?.tokenUrl ?? '',
    pushClientId: thirdParty?.push?.clientId ?? '',
    pushScope: thirdParty?.push?.scope ?? '',
    pushSecretName: thirdParty?.push?.secretName ?? '',
    pushListTypes: (thirdParty?.pushListTypes ?? []).join('\n'),
  };
}

function formValues(form: URLSearchParams): FormValues {
  const get = (name: Field, max: number) => (form.get(name) ?? '').slice(0, max);
  return {
    name: get('name', 300),
    status: get('status', 50),
    role: get('role', 50),
    oauthClientId: get('oauthClientId', 300),
    pushEndpoint: get('pushEndpoint', 2100),
    pushHealthUrl: get('pushHealthUrl', 2100),
    pushTokenUrl: get('pushTokenUrl', 2100),
    pushClientId: get('pushClientId', 300),
    pushScope: get('pushScope', 600),
    pushSecretName: get('pushSecretName', 200),
    pushListTypes: get('pushListTypes', 10_000),
  };
}

function listPage(
  request: AdminPageRequest,
  thirdParties: ThirdParty[],
  parked: Map<string, number> | null,
): PageResult {
  const t = strings[request.language];
  return {
    kind: 'page',
    template: 'pages/third-parties/third-parties.njk',
    title: t.title,
    context: {
      t,
      addHref: `${thirdPartiesPath}/new`,
      showParked: parked !== null,
      head: [
        { text: t.columns.name },
        { text: t.columns.status },
        { text: t.columns.role },
        { text: t.columns.pushed },
        ...(parked === null ? [] : [{ text: t.columns.parked, format: 'numeric' }]),
        { html: `<span class="govuk-visually-hidden">${t.change}</span>` },
      ],
      rows: thirdParties.map((thirdParty) => [
        { text: thirdParty.name },
        { text: t.statuses[thirdParty.status] },
        { text: t.roles[thirdParty.role] },
        { text: thirdParty.pushListTypes.length === 0 ? t.nothingPushed : thirdParty.pushListTypes.join(', ') },
        ...(parked === null
          ? []
          : [{ text: String(parked.get(thirdParty.thirdPartyId) ?? 0), format: 'numeric', classes: 'parked-pushes' }]),
        {
          html: `<a class="govuk-link" href="${thirdPartiesPath}/${thirdParty.thirdPartyId}">${t.change}<span class="govuk-visually-hidden"> ${escapeHtml(thirdParty.name)}</span></a>`,
        },
      ]),
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formPage(
  request: AdminPageRequest,
  thirdParty: ThirdParty | null,
  values: FormValues,
  errors: Partial<Record<Field, string>>,
  banner: { kind: 'success' | 'important'; text: string } | null,
): PageResult {
  const t: Strings = strings[request.language];
  const errorList = Object.entries(errors).map(([field, text]) => ({
    text,
    href: field === 'status' || field === 'role' ? `#${field}` : `#${field}`,
  }));
  return pageWithErrors({
    template: 'pages/third-parties/third-party-form.njk',
    title: thirdParty === null ? t.addTitle : t.editTitle,
    hasError: errorList.length > 0,
    context: {
      t,
      heading: thirdParty === null ? t.addTitle : t.editTitle,
      action: thirdParty === null ? `${thirdPartiesPath}/new` : `${thirdPartiesPath}/${thirdParty.thirdPartyId}`,
      testAction: thirdParty === null ? null : `${thirdPartiesPath}/${thirdParty.thirdPartyId}/test-connection`,
      values,
      errors,
      errorList,
      banner,
      statusItems: thirdPartyStatuses.map((status) => ({
        value: status,
        text: t.statuses[status],
        checked: values.status === status,
      })),
      roleItems: thirdPartyRoles.map((role) => ({ value: role, text: t.roles[role], checked: values.role === role })),
    },
  });
}

async function list(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const [thirdParties, parked] = await Promise.all([
    deps.thirdParties.list(),
    deps.thirdParties.parkedPushCounts?.() ?? Promise.resolve(null),
  ]);
  return listPage(request, thirdParties, parked);
}

async function edit(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const id = request.params.thirdPartyId ?? 'new';
  const existing = id === 'new' ? null : await deps.thirdParties.find(id);
  if (id !== 'new' && existing === null) return { kind: 'not-found' };
  const t = strings[request.language];
  if (request.method === 'GET') {
    const saved = request.url.searchParams.get('saved') === '1';
    return formPage(request, existing, valuesOf(existing), {}, saved ? { kind: 'success', text: t.saved } : null);
  }
  const values = formValues(request.form);
  const parsed = thirdPartyInputSchema.safeParse({
    ...Object.fromEntries(textFields.map((field) => [field, values[field]])),
    status: values.status,
    role: values.role,
    pushListTypes: values.pushListTypes.split(/[\s,]+/).filter((value) => value !== ''),
  });
  if (!parsed.success) {
    const errors: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in t.errors) errors[field as Field] ??= t.errors[field as Field];
    }
    logEvent(request.logger, 'info', 'WEB_THIRD_PARTY_FORM_REFUSED', { fields: Object.keys(errors) });
    return formPage(request, existing, values, errors, null);
  }
  const saved = await deps.thirdParties.save(request.principal, existing?.thirdPartyId ?? null, parsed.data);
  if (!saved.ok) {
    if (saved.reason === 'NOT_FOUND') return { kind: 'not-found' };
    const errors =
      saved.reason === 'NAME_TAKEN' ? { name: t.errors.nameTaken } : { oauthClientId: t.errors.clientIdTaken };
    return formPage(request, existing, values, errors, null);
  }
  logEvent(request.logger, 'info', 'THIRD_PARTY_SAVED', {
    thirdPartyId: saved.thirdParty.thirdPartyId,
    userId: request.principal.userId,
    created: existing === null,
  });
  return { kind: 'redirect', location: `${thirdPartiesPath}/${saved.thirdParty.thirdPartyId}?saved=1` };
}

async function testConnection(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const existing = await deps.thirdParties.find(request.params.thirdPartyId ?? '');
  if (existing === null) return { kind: 'not-found' };
  const t = strings[request.language];
  const result = await deps.thirdParties.testConnection(request.principal, existing);
  const banner = result.ok
    ? { kind: 'success' as const, text: t.connectionOk.replace('{status}', String(result.healthStatus)) }
    : {
        kind: 'important' as const,
        text: t.connectionFailed.replace(
          '{message}',
          result.status === null ? t.stages[result.stage] : `${t.stages[result.stage]} (${result.status})`,
        ),
      };
  return formPage(request, existing, valuesOf(existing), {}, banner);
}

export const thirdPartiesRoutes: PageRoute[] = [
  adminRoute('system-admin', thirdPartiesPath, ['GET'], list),
  adminRoute('system-admin', `${thirdPartiesPath}/:thirdPartyId`, ['GET', 'POST'], edit),
  adminRoute('system-admin', `${thirdPartiesPath}/:thirdPartyId/test-connection`, ['POST'], testConnection),
];
