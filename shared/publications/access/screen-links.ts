/**
 * Signed links for in-court screens. The live service's screen link carried `in-court/live-case-status?courtId=N`
 * in plain base64, so anyone could make one for any court. Ours is that same base64 form, then the id of the key
 * that signed it, then an HMAC-SHA256 over both:
 *
 *   base64url("in-court/live-case-status?courtId=N") "." keyId "." base64url(HMAC-SHA256(key, first "." keyId))
 *
 * The settings hold several keys and name the one that signs; a link signed with any key still held is accepted, so
 * a new key can sign new links while old links keep working until their key is removed (retired). A token that is
 * not exactly this form, is signed by a key not held, or whose signature does not match, names no court: the caller
 * answers 404 with no hint of which it was.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export interface ScreenLinkKeys {
  /** The key new links are signed with. */
  signingKeyId: string;
  /** Every key a link may be signed with: the signing key and those not yet retired. */
  keys: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const MIN_KEY_BYTES = 32;
const TOKEN = /^([A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;
const PAYLOAD = /^in-court\/live-case-status\?courtId=([1-9]\d{0,8})$/;

const screenPayload = (courtId: number): string => `in-court/live-case-status?courtId=${courtId}`;

const signature = (key: Buffer, signed: string): Buffer => createHmac('sha256', key).update(signed, 'utf8').digest();

/**
 * A payload signed with the signing key, as every signed link of the service is (screen links, digests' unsubscribe
 * links): base64url(payload) "." keyId "." base64url(HMAC-SHA256(key, base64url(payload) "." keyId)).
 */
export function signLinkPayload(payload: string, keys: ScreenLinkKeys): string {
  const key = keys.keys.get(keys.signingKeyId);
  if (!key) throw new Error(`the link signing key ${keys.signingKeyId} is not among the keys`);
  const signed = `${Buffer.from(payload, 'utf8').toString('base64url')}.${keys.signingKeyId}`;
  return `${signed}.${signature(key, signed).toString('base64url')}`;
}

/** The payload of a link token signed by a key still held, or null for anything else (altered, truncated, retired). */
export function verifiedLinkPayload(token: string, keys: ScreenLinkKeys): string | null {
  const parts = TOKEN.exec(token);
  if (!parts) return null;
  const [, encodedPayload = '', keyId = '', encodedSignature = ''] = parts;
  const key = keys.keys.get(keyId);
  if (!key) return null;
  const given = Buffer.from(encodedSignature, 'base64url');
  // base64url decoding is lenient: only the canonical spelling of the 32 bytes is accepted.
  if (given.length !== 32 || given.toString('base64url') !== encodedSignature) return null;
  if (!timingSafeEqual(given, signature(key, `${encodedPayload}.${keyId}`))) return null;
  const payload = Buffer.from(encodedPayload, 'base64url');
  if (payload.toString('base64url') !== encodedPayload) return null;
  return payload.toString('utf8');
}

/** The screen link token of a court, signed with the signing key. */
export function signScreenToken(courtId: number, keys: ScreenLinkKeys): string {
  return signLinkPayload(screenPayload(courtId), keys);
}

/** The court a screen token names, or null for anything but a token signed by a key still held. */
export function courtIdFromSignedScreenToken(token: string, keys: ScreenLinkKeys): number | null {
  const payload = verifiedLinkPayload(token, keys);
  const court = payload === null ? null : PAYLOAD.exec(payload);
  return court?.[1] ? Number(court[1]) : null;
}

/**
 * SCREEN_LINK_KEYS: JSON `{"signWith": "<key id>", "keys": {"<key id>": "<base64 key, at least 32 bytes>", ...}}`.
 * In Azure a Key Vault reference; an unresolved reference (its literal text) is not JSON and stops start-up.
 */
export const screenLinkKeysSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be JSON: {"signWith": "<key id>", "keys": {"<key id>": "<base64 key>"}}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .object({
        signWith: z.string().regex(KEY_ID, 'must be a key id (letters, digits, - or _, at most 32)'),
        keys: z
          .record(
            z.string().regex(KEY_ID, 'must be a key id (letters, digits, - or _, at most 32)'),
            z
              .string()
              .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'must be base64')
              .refine(
                (value) => Buffer.from(value, 'base64').length >= MIN_KEY_BYTES,
                `must be at least ${MIN_KEY_BYTES} random bytes, base64-encoded`,
              ),
          )
          .refine((keys) => Object.keys(keys).length > 0, 'must hold at least one key'),
      })
      .strict()
      .refine((value) => Object.hasOwn(value.keys, value.signWith), {
        error: 'must name one of the keys',
        path: ['signWith'],
      })
      .transform((value): ScreenLinkKeys => ({
        signingKeyId: value.signWith,
        keys: new Map(Object.entries(value.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')])),
      })),
  );

export const screenLinkSettingsSchema = z.object({ SCREEN_LINK_KEYS: screenLinkKeysSchema });

/** A SCREEN_LINK_KEYS value holding one new random key (npm start writes one when the setting is empty). */
export function newScreenLinkKeysSetting(keyId: string, key: Buffer): string {
  if (!KEY_ID.test(keyId) || key.length < MIN_KEY_BYTES) throw new Error('a screen link key needs an id and 32 bytes');
  return JSON.stringify({ signWith: keyId, keys: { [keyId]: key.toString('base64') } });
}
