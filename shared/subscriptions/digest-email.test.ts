import { describe, expect, it } from 'vitest';
import {
  assembleDigestEmail,
  digestPersonalisation,
  formatContentDay,
  publicationName,
  publicationPath,
} from './digest-email.js';

const siteUrl = (path: string) => new URL(path, 'https://pip.example').toString();

describe('digestPersonalisation', () => {
  it('lists each publication with its friendly name, court, content date and link, newest first', () => {
    const email = assembleDigestEmail(
      [
        {
          artefactId: 'a1',
          type: 'LIST',
          listType: 'CIVIL_DAILY_CAUSE_LIST',
          courtName: 'Oxford Combined Court Centre',
          contentDay: '2026-11-29',
        },
        {
          artefactId: 'a2',
          type: 'LIST',
          listType: 'CROWN_DAILY_LIST',
          courtName: 'Reading Crown Court',
          contentDay: '2026-11-30',
        },
        {
          artefactId: 'a3',
          type: 'GENERAL_PUBLICATION',
          listType: null,
          courtName: 'Reading Crown Court',
          contentDay: '2026-11-29',
        },
      ],
      { language: 'en', siteUrl, unsubscribePath: '/unsubscribe/token' },
    );
    expect(email.entries.map((entry) => entry.delivery)).toEqual([
      { kind: 'link', url: 'https://pip.example/list/a2' },
      { kind: 'link', url: 'https://pip.example/list/a1' },
      { kind: 'link', url: 'https://pip.example/list/a3' },
    ]);
    expect(digestPersonalisation(email)).toEqual({
      publication_count: '3',
      publications: [
        'Crown Daily List, Reading Crown Court, 30 November 2026: https://pip.example/list/a2',
        'Civil Daily Cause List, Oxford Combined Court Centre, 29 November 2026: https://pip.example/list/a1',
        'General publication, Reading Crown Court, 29 November 2026: https://pip.example/list/a3',
      ],
      site_link: 'https://pip.example/',
      unsubscribe_link: 'https://pip.example/unsubscribe/token',
    });
  });

  it('writes a Welsh digest with Welsh list names, court names and dates, and Welsh links', () => {
    const email = assembleDigestEmail(
      [
        {
          artefactId: 'a1',
          type: 'LIST',
          listType: 'CIVIL_DAILY_CAUSE_LIST',
          courtName: 'Cardiff Civil and Family Justice Centre',
          courtNameCy: 'Canolfan Gyfiawnder Sifil a Theulu Caerdydd',
          contentDay: '2026-11-29',
        },
      ],
      { language: 'cy', siteUrl, unsubscribePath: '/unsubscribe/token' },
    );
    expect(digestPersonalisation(email)).toEqual({
      publication_count: '1',
      publications: [
        `${publicationName('LIST', 'CIVIL_DAILY_CAUSE_LIST', 'cy')}, Canolfan Gyfiawnder Sifil a Theulu Caerdydd, 29 Tachwedd 2026: https://pip.example/list/a1`,
      ],
      site_link: 'https://pip.example/?lng=cy',
      unsubscribe_link: 'https://pip.example/unsubscribe/token?lng=cy',
    });
    expect(publicationName('LIST', 'CIVIL_DAILY_CAUSE_LIST', 'cy')).not.toBe(
      publicationName('LIST', 'CIVIL_DAILY_CAUSE_LIST', 'en'),
    );
  });

  it('names unknown list types by their id and formats dates as GOV.UK does', () => {
    expect(publicationName('LIST', 'NOT_A_LIST')).toBe('NOT_A_LIST');
    expect(formatContentDay('2026-01-05')).toBe('5 January 2026');
    expect(formatContentDay('not a day')).toBe('not a day');
    expect(publicationPath('a b')).toBe('/list/a%20b');
  });
});
