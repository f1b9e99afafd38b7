import { describe, expect, it } from 'vitest';
import { digestPersonalisation, formatContentDay, publicationName, publicationPath } from './digest-email.js';

const siteUrl = (path: string) => new URL(path, 'https://pip.example').toString();

describe('digestPersonalisation', () => {
  it('lists each publication with its friendly name, court, content date and link, newest first', () => {
    const personalisation = digestPersonalisation(
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
      siteUrl,
    );
    expect(personalisation).toEqual({
      publication_count: '3',
      publications: [
        'Crown Daily List, Reading Crown Court, 30 November 2026: https://pip.example/list/a2',
        'Civil Daily Cause List, Oxford Combined Court Centre, 29 November 2026: https://pip.example/list/a1',
        'General publication, Reading Crown Court, 29 November 2026: https://pip.example/list/a3',
      ],
      site_link: 'https://pip.example/',
    });
  });

  it('names unknown list types by their id and formats dates as GOV.UK does', () => {
    expect(publicationName('LIST', 'NOT_A_LIST')).toBe('NOT_A_LIST');
    expect(formatContentDay('2026-01-05')).toBe('5 January 2026');
    expect(formatContentDay('not a day')).toBe('not a day');
    expect(publicationPath('a b')).toBe('/list/a%20b');
  });
});
