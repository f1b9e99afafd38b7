import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSettings, ConfigurationError } from '../../config/settings.js';
import { testScreenLinkKeys, testScreenLinkKeysSetting } from '../../../test-support/screen-link-keys.js';
import {
  courtIdFromSignedScreenToken,
  newScreenLinkKeysSetting,
  screenLinkSettingsSchema,
  signScreenToken,
} from './screen-links.js';

describe('signed screen links', () => {
  it('carry the live service form, the key id and a signature, and name their court', () => {
    const token = signScreenToken(1501, testScreenLinkKeys);
    const [payload, keyId, mac] = token.split('.');
    expect(Buffer.from(payload ?? '', 'base64url').toString()).toBe('in-court/live-case-status?courtId=1501');
    expect(keyId).toBe('k2026-11');
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(courtIdFromSignedScreenToken(token, testScreenLinkKeys)).toBe(1501);
  });

  it('refuse every single-character change and every truncation', () => {
    const token = signScreenToken(7, testScreenLinkKeys);
    for (let index = 0; index < token.length; index += 1) {
      const original = token.charAt(index);
      for (const replacement of ['A', 'B', '_', '-', '.', '0']) {
        if (replacement === original) continue;
        const altered = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
        expect(courtIdFromSignedScreenToken(altered, testScreenLinkKeys), altered).toBeNull();
      }
      expect(courtIdFromSignedScreenToken(token.slice(0, index), testScreenLinkKeys)).toBeNull();
    }
  });

  it('refuse a payload that is not exactly the screen form, even when signed', () => {
    const key = testScreenLinkKeys.keys.get('k2026-11') ?? Buffer.alloc(0);
    const signOdd = (text: string) => {
      const signed = `${Buffer.from(text).toString('base64url')}.k2026-11`;
      const mac = createHmac('sha256', key).update(signed).digest('base64url');
      return `${signed}.${mac}`;
    };
    for (const text of [
      'in-court/live-case-status?courtId=0',
      'in-court/live-case-status?courtId=01501',
      'in-court/live-case-status?courtId=1501&courtId=2',
      'x?courtId=1501',
    ]) {
      expect(courtIdFromSignedScreenToken(signOdd(text), testScreenLinkKeys), text).toBeNull();
    }
    expect(courtIdFromSignedScreenToken(signOdd('in-court/live-case-status?courtId=12'), testScreenLinkKeys)).toBe(12);
  });
});

describe('SCREEN_LINK_KEYS', () => {
  const load = (value: string) => loadSettings(screenLinkSettingsSchema, { SCREEN_LINK_KEYS: value });
  const problemOf = (value: string) => {
    try {
      load(value);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as ConfigurationError).problems[0];
    }
  };

  it('reads the signing key and every held key', () => {
    const { SCREEN_LINK_KEYS } = load(testScreenLinkKeysSetting);
    expect(SCREEN_LINK_KEYS.signingKeyId).toBe('k2026-11');
    expect([...SCREEN_LINK_KEYS.keys.keys()]).toEqual(['k2026-11', 'k2026-05']);
    const made = load(newScreenLinkKeysSetting('local', Buffer.alloc(32, 1))).SCREEN_LINK_KEYS;
    expect(courtIdFromSignedScreenToken(signScreenToken(3, made), made)).toBe(3);
  });

  it('stops start-up, naming the setting, when it is missing, not JSON (an unresolved Key Vault reference), or weak', () => {
    expect(problemOf('')).toMatchObject({ setting: 'SCREEN_LINK_KEYS', problem: 'is required but not set' });
    expect(problemOf('@Microsoft.KeyVault(VaultName=kv;SecretName=screen-link-keys)')).toMatchObject({
      setting: 'SCREEN_LINK_KEYS',
      problem: expect.stringContaining('unresolved Key Vault reference') as string,
    });
    expect(problemOf('signWith=a')).toMatchObject({
      setting: 'SCREEN_LINK_KEYS',
      problem: expect.stringContaining('must be JSON') as string,
    });
    expect(
      problemOf(JSON.stringify({ signWith: 'a', keys: { a: Buffer.alloc(16).toString('base64') } })),
    ).toMatchObject({
      setting: 'SCREEN_LINK_KEYS.keys.a',
      problem: expect.stringContaining('at least 32') as string,
    });
    expect(
      problemOf(JSON.stringify({ signWith: 'b', keys: { a: Buffer.alloc(32).toString('base64') } })),
    ).toMatchObject({
      setting: 'SCREEN_LINK_KEYS.signWith',
    });
    expect(problemOf(JSON.stringify({ signWith: 'a', keys: {} }))).not.toBeNull();
  });
});
