/** The bulk media accounts CSV: the live template's header, one person a line, every problem with its line number. */
import { describe, expect, it } from 'vitest';
import { BULK_MEDIA_ACCOUNTS_MAX_ROWS, parseBulkMediaAccounts } from './bulk-media-accounts.js';

describe('parseBulkMediaAccounts', () => {
  it('reads the people, with their line numbers, trimmed, a BOM and blank lines ignored', () => {
    const text = '\ufeffemail,firstName,surname\r\n a@example.com ,Ann,Lee\r\n\r\n"b@example.com","Bo, Jr",Ray\r\n';
    expect(parseBulkMediaAccounts(text)).toEqual({
      ok: true,
      accounts: [
        { line: 2, email: 'a@example.com', firstName: 'Ann', surname: 'Lee' },
        { line: 4, email: 'b@example.com', firstName: 'Bo, Jr', surname: 'Ray' },
      ],
    });
  });

  it('names every bad line and what is wrong with it', () => {
    const text = [
      'email,firstName,surname',
      'not-an-email,Ann,Lee',
      'c@example.com,,Ray',
      'd@example.com,Dee',
      'C@example.com,Cy,Moe',
    ].join('\n');
    expect(parseBulkMediaAccounts(text)).toEqual({
      ok: false,
      problems: [
        { line: 2, problem: 'EMAIL' },
        { line: 3, problem: 'FIRST_NAME' },
        { line: 4, problem: 'COLUMNS' },
        { line: 5, problem: 'DUPLICATE_EMAIL' },
      ],
    });
  });

  it('refuses a wrong header, an empty file, too many people and text that is not CSV', () => {
    expect(parseBulkMediaAccounts('mail,first,last\na@example.com,A,B')).toEqual({
      ok: false,
      problems: [{ line: 1, problem: 'HEADER' }],
    });
    expect(parseBulkMediaAccounts('')).toEqual({ ok: false, problems: [{ line: 1, problem: 'EMPTY' }] });
    expect(parseBulkMediaAccounts('email,firstName,surname\n')).toEqual({
      ok: false,
      problems: [{ line: 1, problem: 'EMPTY' }],
    });
    const many = ['email,firstName,surname'];
    for (let i = 0; i <= BULK_MEDIA_ACCOUNTS_MAX_ROWS; i += 1) many.push(`p${i}@example.com,P,Q`);
    expect(parseBulkMediaAccounts(many.join('\n'))).toEqual({
      ok: false,
      problems: [{ line: 1, problem: 'TOO_MANY' }],
    });
    expect(parseBulkMediaAccounts('email,firstName,surname\n"a@example.com,A,B\n')).toMatchObject({
      ok: false,
      problems: [{ problem: 'NOT_CSV' }],
    });
  });
});
