/**
 * Configuration: every setting the service reads, declared once with zod and checked once at start-up.
 * Domain code never reads process.env; functions pick the settings groups they need and receive typed values.
 */
import { z } from 'zod';
import { isSecureUrl } from './secure-url.js';
import {
  DEFAULT_B2C_ACCOUNT_STATUS_CLAIM,
  DEFAULT_B2C_ROLE_CLAIM,
  DEFAULT_CFT_PROFESSIONAL_ROLES,
} from '../auth/role-sources.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const postgresUrl = nonEmpty.refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL');

const httpUrl = nonEmpty.refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

/** Storage: either a connection string (Azurite, shared key) or identity-based service URIs (managed identity in Azure). */
export const storageSettingsSchema = z
  .object({
    AzureWebJobsStorage: z.string().trim().optional(),
    AzureWebJobsStorage__blobServiceUri: httpUrl.optional(),
    AzureWebJobsStorage__queueServiceUri: httpUrl.optional(),
    AzureWebJobsStorage__clientId: z.string().trim().optional(),
  })
  .superRefine((value, ctx) => {
    const hasConnectionString = value.AzureWebJobsStorage !== undefined && value.AzureWebJobsStorage !== '';
    const hasServiceUris =
      value.AzureWebJobsStorage__blobServiceUri !== undefined &&
      value.AzureWebJobsStorage__queueServiceUri !== undefined;
    if (!hasConnectionString && !hasServiceUris) {
      ctx.addIssue({
        code: 'custom',
        path: ['AzureWebJobsStorage'],
        message:
          'is required (a storage connection string), or set both AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__queueServiceUri for managed identity',
      });
    }
    if (
      hasConnectionString &&
      !/AccountName=|UseDevelopmentStorage=true|BlobEndpoint=/i.test(value.AzureWebJobsStorage ?? '')
    ) {
      ctx.addIssue({ code: 'custom', path: ['AzureWebJobsStorage'], message: 'is not a storage connection string' });
    }
  });

/**
 * DATABASE_AUTH `entra` (Azure): the app signs in as its managed identity (DATABASE_ENTRA_CLIENT_ID, the user-assigned
 * identity's client id) with an Entra token as the password, and DATABASE_URL carries no password. `password`
 * (local): the password in DATABASE_URL.
 */
/** DATABASE_POOL_SIZE alone (the schema below has refinements, so it cannot be picked from). */
export const databasePoolSizeSettingsSchema = z.object({
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export const databaseSettingsSchema = z
  .object({
    DATABASE_URL: postgresUrl,
    ...databasePoolSizeSettingsSchema.shape,
    DATABASE_AUTH: z.enum(['password', 'entra']).default('password'),
    DATABASE_ENTRA_CLIENT_ID: z.string().trim().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.DATABASE_AUTH !== 'entra') return;
    if (!value.DATABASE_ENTRA_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_ENTRA_CLIENT_ID'],
        message: "is required with DATABASE_AUTH=entra (the managed identity's client id)",
      });
    }
    let hasPassword = false;
    try {
      hasPassword = new URL(value.DATABASE_URL).password !== '';
    } catch {
      // DATABASE_URL's own check names it
    }
    if (hasPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'must carry no password with DATABASE_AUTH=entra (the password is an Entra token)',
      });
    }
  });

export const notifySettingsSchema = z.object({
  NOTIFY_API_KEY: nonEmpty.regex(
    /^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'must look like {name}-{service id}-{secret} as GOV.UK Notify issues it',
  ),
  NOTIFY_BASE_URL: httpUrl.default('https://api.notifications.service.gov.uk'),
  /** The Notify email template of the daily subscription digest (its id in the Notify service). */
  NOTIFY_TEMPLATE_DAILY_DIGEST: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
});

/**
 * Media accounts (the web function): the Notify templates of the welcome and rejection emails. Where accounts are
 * made is userDirectorySettingsSchema (below).
 */
export const mediaAccountSettingsSchema = notifySettingsSchema
  .pick({ NOTIFY_API_KEY: true, NOTIFY_BASE_URL: true })
  .extend({
    NOTIFY_TEMPLATE_MEDIA_WELCOME: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
    NOTIFY_TEMPLATE_MEDIA_REJECTION: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
  });

/**
 * The media account lifecycle timer (functions/media-account-lifecycle): the Notify templates of the "sign in to keep
 * your account" (350 days) and "your account has been deleted" (365 days) emails. Where accounts are deleted is
 * userDirectorySettingsSchema (below).
 */
export const mediaLifecycleSettingsSchema = mediaAccountSettingsSchema
  .pick({ NOTIFY_API_KEY: true, NOTIFY_BASE_URL: true })
  .extend({
    NOTIFY_TEMPLATE_MEDIA_REVERIFY: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
    NOTIFY_TEMPLATE_MEDIA_DELETED: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
  });

/** An https URL, or plain http on loopback (the tests' stand-ins); without a trailing slash. */
const secureUrl = nonEmpty
  .refine(isSecureUrl, 'must be an https:// URL (plain http only on loopback)')
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * Where people's B2C accounts are made and deleted (media account approval and bulk creation, a system admin's user
 * deletion, the media account lifecycle): shared/media-accounts/directory-from-settings.ts.
 *
 * - LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL set (`npm start` sets it; never in Azure): the local identity provider.
 * - Otherwise Azure B2C through Microsoft Graph, which needs B2C_TENANT_DOMAIN (the issuer of email sign-in
 *   identities), B2C_EXTENSIONS_APP_ID (the appId of the tenant's b2c-extensions-app, which names the extension
 *   attributes in Graph), B2C_GRAPH_CLIENT_ID (the app registration granted User.ReadWrite.All in the tenant) and how
 *   that app signs in: B2C_GRAPH_CLIENT_SECRET (a client secret, from Key Vault), else the function app's managed
 *   identity B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID, which the app registration trusts through a federated identity
 *   credential (no secret). A deployment without them does not start, naming the missing setting.
 * - GRAPH_BASE_URL: Microsoft Graph (only the tests change it).
 */
export const userDirectorySettingsSchema = z
  .object({
    LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL: httpUrl.optional(),
    B2C_TENANT_DOMAIN: z
      .string()
      .trim()
      .regex(
        /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i,
        "must be the tenant's domain, e.g. pipb2cdev.onmicrosoft.com",
      )
      .optional(),
    B2C_EXTENSIONS_APP_ID: z.uuid("must be the appId (a UUID) of the tenant's b2c-extensions-app").optional(),
    B2C_GRAPH_CLIENT_ID: z.uuid('must be the client id (a UUID) of the app registration that manages users').optional(),
    B2C_GRAPH_CLIENT_SECRET: nonEmpty.optional(),
    B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID: z.uuid("must be the managed identity's client id (a UUID)").optional(),
    GRAPH_BASE_URL: secureUrl.default('https://graph.microsoft.com'),
  })
  .superRefine((value, ctx) => {
    if (value.LOCAL_MEDIA_ACCOUNT_DIRECTORY_URL !== undefined) return;
    const why =
      'is required: accounts are made in Azure B2C through Microsoft Graph (docs/operations.md, Media accounts in Azure B2C)';
    for (const setting of ['B2C_TENANT_DOMAIN', 'B2C_EXTENSIONS_APP_ID', 'B2C_GRAPH_CLIENT_ID'] as const) {
      if (value[setting] === undefined) ctx.addIssue({ code: 'custom', path: [setting], message: why });
    }
    if (value.B2C_GRAPH_CLIENT_SECRET === undefined && value.B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID'],
        message: `${why}; set it (the managed identity Graph's app registration trusts) or B2C_GRAPH_CLIENT_SECRET`,
      });
    }
  });

/**
 * The housekeeping timers (functions/housekeeping): the Notify template of the daily NoMatch report and the service
 * team's address it goes to.
 */
export const housekeepingSettingsSchema = notifySettingsSchema
  .pick({ NOTIFY_API_KEY: true, NOTIFY_BASE_URL: true })
  .extend({
    NOTIFY_TEMPLATE_NO_MATCH_REPORT: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
    SERVICE_TEAM_EMAIL: z.email('must be an email address'),
  });

/** A token claim's name (B2C extension attributes: `extension_` and letters, digits or `_`); empty means unset. */
const claimName = z
  .string()
  .trim()
  .regex(/^$|^[A-Za-z][A-Za-z0-9_]{0,119}$/, 'must be a claim name (letters, digits, _)')
  .transform((name) => (name === '' ? undefined : name));

/** Space-separated OAuth scopes; empty means the issuer's default (shared/auth/oidc-sign-in.ts DEFAULT_SCOPES). */
const scopeList = z
  .string()
  .trim()
  .regex(/^$|^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be scopes separated by single spaces')
  .transform((scopes) => (scopes === '' ? undefined : scopes));

/** A client id; empty means unset. */
const optionalClientId = z
  .string()
  .trim()
  .transform((id) => (id === '' ? undefined : id));

/** A B2C user flow's name (B2C_1_...); empty means the default. */
const userFlowName = z
  .string()
  .trim()
  .regex(/^$|^B2C_1A?_[A-Za-z0-9_-]{1,100}$/i, 'must be a user flow name (B2C_1_...)')
  .transform((name) => (name === '' ? undefined : name));

/** One issuer the service trusts: its OpenID Connect issuer URL and the audience our tokens must carry. */
export const identitySettingsSchema = z.object({
  AAD_ISSUER: httpUrl,
  AAD_AUDIENCE: nonEmpty,
  B2C_ISSUER: httpUrl,
  CFT_IDAM_ISSUER: httpUrl,
  CRIME_IDAM_ISSUER: httpUrl,
  WEB_CLIENT_ID: nonEmpty,
  /**
   * CFT IDAM roles that make a person a professional (comma-separated; `*` stands for one or more characters). Unset:
   * shared/auth/role-sources.ts DEFAULT_CFT_PROFESSIONAL_ROLES. A citizen or letter-holder role refuses whatever else.
   */
  CFT_IDAM_PROFESSIONAL_ROLES: z
    .string()
    .trim()
    .optional()
    .transform((text) =>
      text === undefined || text === ''
        ? [...DEFAULT_CFT_PROFESSIONAL_ROLES]
        : text
            .split(',')
            .map((role) => role.trim())
            .filter((role) => role !== ''),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^(?=.*[A-Za-z0-9])[A-Za-z0-9_.*-]+$/,
              'must be role names (letters, digits, _ . -), * for any text',
            ),
        )
        .min(1, 'must name at least one role'),
    ),
  /**
   * Where B2C's role and account status come from: the user flows' custom attributes, as tokens carry them
   * (`extension_<attribute>`; seed 3.3.2.2). Unset: extension_UserRole and extension_AccountStatus.
   */
  B2C_ROLE_CLAIM: claimName.optional().transform((name) => name ?? DEFAULT_B2C_ROLE_CLAIM),
  B2C_ACCOUNT_STATUS_CLAIM: claimName.optional().transform((name) => name ?? DEFAULT_B2C_ACCOUNT_STATUS_CLAIM),
  /**
   * B2C's sign-in endpoints, one per user flow: `<B2C_AUTHORITY>/<flow>/v2.0/.well-known/openid-configuration` (e.g.
   * https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com). Unset: B2C_ISSUER is the authority (the local stand-in).
   * Bearer tokens from B2C are verified with the sign-in flow's keys, found the same way.
   */
  B2C_AUTHORITY: httpUrl.optional(),
  /**
   * The B2C user flows: sign-in, the password reset that "Forgot your password?" (AADB2C90118) leads to, and the
   * approved-media sign-up the welcome email's link starts (shared/auth/b2c-flows.ts).
   */
  B2C_SIGN_IN_FLOW: userFlowName.optional(),
  B2C_PASSWORD_RESET_FLOW: userFlowName.optional(),
  B2C_SIGN_UP_FLOW: userFlowName.optional(),
});

/** What people's sign-in (the web pages) needs on top of the identity settings: the web client's secret and session key. */
export const webSignInSettingsSchema = z.object({
  WEB_CLIENT_SECRET: nonEmpty,
  /**
   * The web client's secret at each people issuer (issue 18): one service's secret never opens another's. Unset, an
   * issuer on loopback (the local stand-in) uses WEB_CLIENT_SECRET; any other issuer refuses to start without its own.
   */
  B2C_CLIENT_SECRET: z.string().trim().optional(),
  CFT_IDAM_CLIENT_SECRET: z.string().trim().optional(),
  CRIME_IDAM_CLIENT_SECRET: z.string().trim().optional(),
  /**
   * The public site's address (e.g. https://www.court-tribunal-hearings.service.gov.uk): sign-in's redirect_uri and
   * sign-out's return are built from it, never from the request's Host header. Unset: https://WEBSITE_HOSTNAME (set
   * by Azure), or the local runtime's address.
   */
  PUBLIC_SITE_URL: httpUrl.optional(),
  SESSION_SECRET: nonEmpty.min(32, 'must be at least 32 characters (a random secret)'),
  /**
   * Each people issuer's own client (issue 19): nothing is shared between issuers. Unset, an issuer on loopback (the
   * local stand-in) uses WEB_CLIENT_ID; any other issuer refuses to start without its own.
   */
  B2C_CLIENT_ID: optionalClientId.optional(),
  CFT_IDAM_CLIENT_ID: optionalClientId.optional(),
  CRIME_IDAM_CLIENT_ID: optionalClientId.optional(),
  /** Scopes asked of each issuer; unset: shared/auth/oidc-sign-in.ts DEFAULT_SCOPES. */
  B2C_SCOPES: scopeList.optional(),
  CFT_IDAM_SCOPES: scopeList.optional(),
  CRIME_IDAM_SCOPES: scopeList.optional(),
});

/** Any provenance but MANUAL_UPLOAD (court staff's own): for local trials, where one client plays every source. */
export const ANY_PROVENANCE = '*';

const provenanceName = z
  .string()
  .trim()
  .regex(/^(?:\*|[A-Za-z0-9_-]{1,64})$/, 'must be a provenance (1 to 64 letters, digits, _ or -) or *')
  .transform((value) => value.toUpperCase())
  .refine((value) => value !== 'MANUAL_UPLOAD', 'must not be MANUAL_UPLOAD: it is reserved for court staff');

/**
 * PUBLISHER_PROVENANCES: JSON `{"<publisher client id>": ["<provenance>", ...]}`, the sources (`x-provenance`) each
 * publisher's Azure AD client may publish as. Absent or `{}` means no publisher may publish (court staff still upload
 * as MANUAL_UPLOAD): the service fails closed rather than letting any publisher write as any source.
 */
export const publisherSettingsSchema = z.object({
  PUBLISHER_PROVENANCES: z
    .string()
    .trim()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: {"<publisher client id>": ["<provenance>", ...]}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        nonEmpty.max(200, 'must be a client id (at most 200 characters)'),
        z.array(provenanceName, { error: 'must be an array of provenances, e.g. ["SNL", "LIST_ASSIST"]' }),
        { error: 'must be a JSON object: {"<publisher client id>": ["<provenance>", ...]}' },
      ),
    )
    .transform(
      (map): PublisherProvenances =>
        new Map(Object.entries(map).map(([clientId, provenances]) => [clientId, new Set(provenances)])),
    ),
});

/** Each publisher client id with the provenances (upper case, or `*`) it may publish as. */
export type PublisherProvenances = ReadonlyMap<string, ReadonlySet<string>>;

export const observabilitySettingsSchema = z.object({
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().trim().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type StorageSettings = z.infer<typeof storageSettingsSchema>;
export type DatabaseSettings = z.infer<typeof databaseSettingsSchema>;
export type NotifySettings = z.infer<typeof notifySettingsSchema>;
export type IdentitySettings = z.infer<typeof identitySettingsSchema>;
export type MediaAccountSettings = z.infer<typeof mediaAccountSettingsSchema>;
export type MediaLifecycleSettings = z.infer<typeof mediaLifecycleSettingsSchema>;
export type UserDirectorySettings = z.infer<typeof userDirectorySettingsSchema>;
export type WebSignInSettings = z.infer<typeof webSignInSettingsSchema>;
export type PublisherSettings = z.infer<typeof publisherSettingsSchema>;
export type ObservabilitySettings = z.infer<typeof observabilitySettingsSchema>;

export class ConfigurationError extends Error {
  readonly problems: readonly { setting: string; problem: string }[];
  constructor(problems: readonly { setting: string; problem: string }[]) {
    super(
      `Configuration is invalid, so the service cannot start:\n${problems.map((p) => `  - ${p.setting}: ${p.problem}`).join('\n')}`,
    );
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

/**
 * App Service hands a Key Vault reference it could not resolve (secret missing, no access, vault unreachable) to the
 * app as its literal text, `@Microsoft.KeyVault(...)`, which may well pass a setting's own checks (it is longer than
 * 32 characters, say). Such a value is never a setting: start-up stops naming it, so a secret fails closed.
 */
const KEY_VAULT_REFERENCE = /@Microsoft\.KeyVault\s*\(/i;

function unresolvedKeyVaultReferences(
  schema: z.ZodType,
  env: Readonly<Record<string, string | undefined>>,
): { setting: string; problem: string }[] {
  // The settings the schema declares when it says (an object schema); otherwise every setting it is given.
  const shape = (schema as { shape?: unknown }).shape;
  const declared =
    typeof shape === 'object' && shape !== null ? new Set(Object.keys(shape)) : new Set(Object.keys(env));
  return Object.entries(env)
    .filter(([setting, value]) => declared.has(setting) && value !== undefined && KEY_VAULT_REFERENCE.test(value))
    .map(([setting]) => ({
      setting,
      problem:
        'is an unresolved Key Vault reference: the secret is missing or the app identity cannot read it (see docs/operations.md, Secrets)',
    }));
}

/**
 * Reads the settings a schema declares from an environment. A missing or malformed setting is a fault of the
 * deployment, not of a request, so it stops start-up with a message naming every bad setting.
 */
export function loadSettings<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<S> {
  // Treat empty strings as unset, as App Service does for blank application settings.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const unresolved = unresolvedKeyVaultReferences(schema, cleaned);
  if (unresolved.length > 0) throw new ConfigurationError(unresolved);
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new ConfigurationError(
    parsed.error.issues.map((issue) => ({
      setting: issue.path.map(String).join('.') || '(settings)',
      problem: issue.code === 'invalid_type' && issue.input === undefined ? 'is required but not set' : issue.message,
    })),
  );
}

/**
 * The daily digest (functions/daily-subscriptions): the Welsh template, how fast digests go out, how Notify's 429
 * and 5xx answers are retried. DIGEST_SENDS_PER_MINUTE stays below Notify's 3,000 a minute per service (the rest is
 * headroom for the service's other emails); a retry waits DIGEST_RETRY_BASE_SECONDS, doubling each attempt up to
 * DIGEST_RETRY_MAX_SECONDS, and after DIGEST_MAX_ATTEMPTS attempts the digest is recorded as FAILED.
 */
export const digestSettingsSchema = notifySettingsSchema.extend({
  NOTIFY_TEMPLATE_DAILY_DIGEST_CY: z.uuid('must be the template id (a UUID) from GOV.UK Notify'),
  DIGEST_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(3000).default(2850),
  DIGEST_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  DIGEST_RETRY_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(6 * 3600)
    .default(3600),
  DIGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
});
