/** Screen link keys for tests: a signing key and an older one not yet retired. Test code only. */
import { createHash } from 'node:crypto';
import type { ScreenLinkKeys } from '../shared/publications/access/screen-links.js';

const testKey = (name: string): Buffer => createHash('sha256').update(`pip screen link test key ${name}`).digest();

export const testScreenLinkKeys: ScreenLinkKeys = {
  signingKeyId: 'k2026-11',
  keys: new Map([
    ['k2026-11', testKey('k2026-11')],
    ['k2026-05', testKey('k2026-05')],
  ]),
};

/** The same keys as SCREEN_LINK_KEYS spells them. */
export const testScreenLinkKeysSetting = JSON.stringify({
  signWith: testScreenLinkKeys.signingKeyId,
  keys: Object.fromEntries([...testScreenLinkKeys.keys].map(([id, key]) => [id, key.toString('base64')])),
});

/** The live service's unsigned screen link token (plain base64 of the path): what our feed must refuse. */
export function plainScreenToken(courtId: number): string {
  return Buffer.from(`in-court/live-case-status?courtId=${courtId}`, 'utf8').toString('base64url');
}
