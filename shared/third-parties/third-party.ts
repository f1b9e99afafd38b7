/**
 * A third party (Courtel and the like): the one type, its JSON projection and the one check of what a system admin
 * sends, used by the API (`/api/third-parties`) and the page (`/system-admin/third-parties`) alike.
 *
 * The secret for push is never held here: `pushSecretName` names it (a Key Vault secret in Azure, a setting locally,
 * see push-secrets.ts).
 */
import { z } from 'zod';
import type { Role } from '../auth/principal.js';
import { secureUrlOf } from '../config/secure-url.js';
import { findListType } from '../publications/catalogue/list-types.js';
import { PUSH_SECRET_NAME } from './push-secrets.js';

export const thirdPartyStatuses = ['PENDING', 'ACTIVE', 'SUSPENDED'] as const;
export type ThirdPartyStatus = (typeof thirdPartyStatuses)[number];

/** The roles a third party may be given: the verified one decides which CLASSIFIED lists it reads. */
export const thirdPartyRoles = [
  'VERIFIED_THIRD_PARTY_ALL',
  'VERIFIED_THIRD_PARTY_PRESS',
  'VERIFIED_THIRD_PARTY_CRIME',
  'VERIFIED_THIRD_PARTY_CFT',
  'GENERAL_THIRD_PARTY',
] as const satisfies readonly Role[];
export type ThirdPartyRole = (typeof thirdPartyRoles)[number];

export interface PushSettings {
  /** Where publications are POSTed. */
  endpoint: string;
  /** Their health endpoint, which "test connection" calls (GET) with the token. */
  healthUrl: string | null;
  tokenUrl: string;
  clientId: string;
  /** The scope asked for at their token server (e.g. `api://courtel/.default`); null asks for none. */
  scope: string | null;
  /** The name of the secret: a Key Vault secret in Azure, a setting locally. */
  secretName: string;
}

export interface ThirdParty {
  thirdPartyId: string;
  name: string;
  status: ThirdPartyStatus;
  role: ThirdPartyRole;
  /** The client id their read tokens carry (Azure AD `azp`); null: they do not read through the API. */
  oauthClientId: string | null;
  /** null: nothing is pushed to them. */
  push: PushSettings | null;
  /** The list types pushed to them (their subscription). */
  pushListTypes: string[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

/** What a system admin gives (create and update take the whole registration). */
export type ThirdPartyInput = Omit<ThirdParty, 'thirdPartyId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>;

/** https, or plain http only on loopback (the local receiver and identity provider). */
const endpointUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => {
    const url = secureUrlOf(value);
    return url !== null && url.username === '' && url.password === '';
  }, 'must be an https:// URL (http:// only on loopback), without credentials');

const optionalText = (schema: z.ZodString) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(schema.nullable())
    .nullish()
    .transform((value) => value ?? null);

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .pipe(endpointUrl.nullable())
  .nullish()
  .transform((value) => value ?? null);

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** List types by id or name (known ones only), answered as ids, sorted, once each. */
export const listTypesSchema = z
  .array(z.string().trim(), { error: 'must be a list of list types' })
  .max(200, 'must name at most 200 list types')
  .superRefine((values, ctx) => {
    for (const [index, value] of values.entries()) {
      if (findListType(value).kind === 'unknown')
        ctx.addIssue({ code: 'custom', path: [index], message: `${JSON.stringify(value)} is not a list type` });
    }
  })
  .transform((values) => {
    const ids = values.map((value) => {
      const lookup = findListType(value);
      return lookup.kind === 'unknown' ? value : lookup.listType.id;
    });
    return [...new Set(ids)].sort();
  });

/** What a third party sends to subscribe itself (PUT /api/third-party/subscriptions): the whole set of list types. */
export const ownSubscriptionsSchema = z.object({ listTypes: listTypesSchema }).strict();

/** The JSON a system admin sends (and the page's form, once its fields are gathered). */
export const thirdPartyInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200, 'must be at most 200 characters')
      .refine((value) => !controlCharacter.test(value), 'must not contain control characters'),
    status: z.enum(thirdPartyStatuses, { error: `must be one of ${thirdPartyStatuses.join(', ')}` }),
    role: z.enum(thirdPartyRoles, { error: `must be one of ${thirdPartyRoles.join(', ')}` }),
    oauthClientId: optionalText(
      z
        .string()
        .max(200, 'must be at most 200 characters')
        .regex(/^[A-Za-z0-9._:/-]+$/, 'must be letters, digits and . _ : / - only'),
    ),
    pushEndpoint: optionalUrl,
    pushHealthUrl: optionalUrl,
    pushTokenUrl: optionalUrl,
    pushClientId: optionalText(
      z
        .string()
        .max(200, 'must be at most 200 characters')
        .regex(/^[A-Za-z0-9._:/-]+$/, 'must be letters, digits and . _ : / - only'),
    ),
    pushScope: optionalText(
      z
        .string()
        .max(500, 'must be at most 500 characters')
        .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be scope tokens separated by spaces'),
    ),
    pushSecretName: optionalText(
      z
        .string()
        .regex(
          PUSH_SECRET_NAME,
          'must be the name of a push secret setting: capital letters, digits and _, ending _PUSH_SECRET (at most 120)',
        ),
    ),
    pushListTypes: listTypesSchema.optional().transform((value) => value ?? []),
  })
  .strict()
  .superRefine((value, ctx) => {
    const pushFields = ['pushEndpoint', 'pushHealthUrl', 'pushTokenUrl', 'pushClientId', 'pushScope', 'pushSecretName'];
    const anyPush = pushFields.some((field) => value[field as keyof typeof value] !== null);
    if (!anyPush && value.pushListTypes.length === 0) return;
    for (const field of ['pushEndpoint', 'pushTokenUrl', 'pushClientId', 'pushSecretName'] as const) {
      if (value[field] === null)
        ctx.addIssue({ code: 'custom', path: [field], message: 'is required when publications are pushed' });
    }
  })
  .transform((value): ThirdPartyInput => ({
    name: value.name,
    status: value.status,
    role: value.role,
    oauthClientId: value.oauthClientId,
    push:
      value.pushEndpoint !== null &&
      value.pushTokenUrl !== null &&
      value.pushClientId !== null &&
      value.pushSecretName !== null
        ? {
            endpoint: value.pushEndpoint,
            healthUrl: value.pushHealthUrl,
            tokenUrl: value.pushTokenUrl,
            clientId: value.pushClientId,
            scope: value.pushScope,
            secretName: value.pushSecretName,
          }
        : null,
    pushListTypes: value.pushListTypes,
  }));

export type ThirdPartyInputJson = z.input<typeof thirdPartyInputSchema>;

/** The one JSON projection (the API's answers; audit details take the same fields). */
export function thirdPartyJson(p: ThirdParty) {
  return {
    thirdPartyId: p.thirdPartyId,
    name: p.name,
    status: p.status,
    role: p.role,
    oauthClientId: p.oauthClientId,
    pushEndpoint: p.push?.endpoint ?? null,
    pushHealthUrl: p.push?.healthUrl ?? null,
    pushTokenUrl: p.push?.tokenUrl ?? null,
    pushClientId: p.push?.clientId ?? null,
    pushScope: p.push?.scope ?? null,
    pushSecretName: p.push?.secretName ?? null,
    pushListTypes: p.pushListTypes,
    createdAt: p.createdAt.toISOString(),
    createdBy: p.createdBy,
    updatedAt: p.updatedAt.toISOString(),
    updatedBy: p.updatedBy,
  };
}
export type ThirdPartyJson = ReturnType<typeof thirdPartyJson>;
