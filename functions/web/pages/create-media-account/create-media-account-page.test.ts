/**
 * /create-media-account through the real web handler and templates, over real PostgreSQL and Azurite: a valid form
 * (multipart, as a browser sends it) stores the application and its proof of ID and goes on to "Details submitted";
 * each problem is in the error summary linked to its field: missing fields, a file that is not a JPG, PNG or PDF by
 * its bytes (whatever its name and declared type), a file over 2 MB, a body too large to read; a second pending
 * application for the same email is refused; a cross-site post is refused; Welsh.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import { unconfiguredMediaAccountDirectory } from '../../../../shared/media-accounts/media-account-directory.js';
import { createMediaAccounts } from '../../../../shared/media-accounts/media-accounts.js';
import { jpegHeader, tinyPdf, tinyPng } from '../../../../shared/media-accounts/test-images.test-support.js';
import { createTestDatabase, type TestDatabase } from '../../../../test-support/test-database.js';
import { testStorage, uniqueName } from '../../../../test-support/test-storage.js';
import { fakeDependencies, request, type TestResponse } from '../../testing/web-test-kit.js';

let testDb: TestDatabase;
let container: ContainerClient;
let deps: ReturnType<typeof fakeDependencies>;
const audited: AuditEvent[] = [];
const sameSite = { 'sec-fetch-site': 'same-origin' };

beforeAll(async () => {
  testDb = await createTestDatabase();
  container = testStorage().blobService.getContainerClient(uniqueName('media-applications'));
  await container.createIfNotExists();
  deps = fakeDependencies({
    audited,
    overrides: {
      mediaAccounts: createMediaAccounts({
        database: testDb.database,
        proofOfId: container,
        directory: unconfiguredMediaAccountDirectory,
        mailer: {
          sendWelcome: () => Promise.reject(new Error('no email from the form')),
          sendRejection: () => Promise.reject(new Error('no email from the form')),
        },
      }),
    },
  });
});

afterAll(async () => {
  await container.deleteIfExists();
  await testDb.drop();
});

beforeEach(async () => {
  await testDb.database.query('DELETE FROM media_application');
  audited.length = 0;
});

function form(
  fields: Partial<Record<'fullName' | 'email' | 'employer' | 'terms', string>>,
  file?: { bytes: Buffer; name: string; type: string },
): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  if (file) data.append('proofOfId', new Blob([file.bytes], { type: file.type }), file.name);
  else data.append('proofOfId', new Blob([]), '');
  return data;
}

const valid = { fullName: 'Jo de Souza', email: 'jo@news.example', employer: 'The Daily Example', terms: 'agreed' };
const png = { bytes: tinyPng(), name: 'press card.png', type: 'image/png' };

/** The error summary's links, as `#field: text`. */
function summary(page: TestResponse): string[] {
  const list = /<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => `${match[1]}: ${match[2]}`);
}

async function rows(): Promise<{ email: string; image_content_type: string; status: string }[]> {
  const { rows } = await testDb.database.query<{ email: string; image_content_type: string; status: string }>(
    'SELECT email, image_content_type, status FROM media_application ORDER BY created_at',
  );
  return rows;
}

describe('the create media account form', () => {
  it('shows the form in English and Welsh, posting multipart to itself', async () => {
    const page = await request(deps, '/create-media-account');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Create a Court and tribunal hearings account</h1>');
    expect(page.body).toContain('enctype="multipart/form-data"');
    for (const field of ['fullName', 'email', 'employer', 'proofOfId', 'terms']) {
      expect(page.body).toContain(`id="${field}"`);
    }
    const welsh = await request(deps, '/create-media-account?lng=cy');
    expect(welsh.body).toContain('Creu cyfrif Gwrandawiadau llys a thribiwnlys');
  });

  it('stores a valid application with its PNG and goes on to "Details submitted"', async () => {
    const answer = await request(deps, '/create-media-account', { multipart: form(valid, png), headers: sameSite });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/create-media-account/submitted');
    expect(await rows()).toEqual([{ email: 'jo@news.example', image_content_type: 'image/png', status: 'PENDING' }]);
    expect(audited).toEqual([
      expect.objectContaining({ action: 'MEDIA_APPLICATION_SUBMIT', outcome: 'SUCCESS', actor: null }),
    ]);
    const submitted = await request(deps, '/create-media-account/submitted');
    expect(submitted.body).toContain('Details submitted');
  });

  it('recognises a PDF and a JPEG by their bytes, whatever their names and declared types', async () => {
    const pdf = await request(deps, '/create-media-account', {
      multipart: form(valid, { bytes: tinyPdf(), name: 'id.png', type: 'image/png' }),
      headers: sameSite,
    });
    expect(pdf.status).toBe(303);
    const jpeg = await request(deps, '/create-media-account', {
      multipart: form({ ...valid, email: 'other@news.example' }, { bytes: jpegHeader(), name: 'id', type: '' }),
      headers: sameSite,
    });
    expect(jpeg.status).toBe(303);
    expect((await rows()).map((row) => row.image_content_type)).toEqual(['application/pdf', 'image/jpeg']);
  });

  it('names every missing field in the error summary, linked to it, and stores nothing', async () => {
    const page = await request(deps, '/create-media-account', { multipart: form({}), headers: sameSite });
    expect(page.status).toBe(400);
    expect(page.body).toContain('<title>Error: Create a Court and tribunal hearings account');
    expect(summary(page)).toEqual([
      '#fullName: Enter your full name',
      '#email: Enter your email address',
      '#employer: Enter your employer',
      '#proofOfId: Select a file in .jpg, .pdf or .png format',
      '#terms: Select the box to agree to the terms and conditions',
    ]);
    expect(await rows()).toEqual([]);
  });

  it('refuses a file that is not a JPG, PNG or PDF by its bytes, even named and declared as a PNG', async () => {
    const page = await request(deps, '/create-media-account', {
      multipart: form(valid, { bytes: Buffer.from('MZ\x90\x00 not an image'), name: 'photo.png', type: 'image/png' }),
      headers: sameSite,
    });
    expect(page.status).toBe(400);
    expect(summary(page)).toEqual(['#proofOfId: The selected file must be a JPG, PNG or PDF']);
    // The other answers are kept.
    expect(page.body).toContain('value="Jo de Souza"');
    expect(await rows()).toEqual([]);
  });

  it('refuses a file over 2 MB, and a body too large to read at all', async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)]);
    const page = await request(deps, '/create-media-account', {
      multipart: form(valid, { bytes: big, name: 'big.png', type: 'image/png' }),
      headers: sameSite,
    });
    expect(page.status).toBe(400);
    expect(summary(page)).toEqual(['#proofOfId: The selected file must be smaller than 2MB']);
    const huge = Buffer.concat([tinyPng(), Buffer.alloc(4 * 1024 * 1024)]);
    const unread = await request(deps, '/create-media-account', {
      multipart: form(valid, { bytes: huge, name: 'huge.png', type: 'image/png' }),
      headers: sameSite,
    });
    expect(unread.status).toBe(400);
    expect(summary(unread)).toEqual(['#proofOfId: The selected file must be smaller than 2MB']);
    expect(await rows()).toEqual([]);
  });

  it('checks the email address and asks for the file again when only another field was wrong', async () => {
    const page = await request(deps, '/create-media-account', {
      multipart: form({ ...valid, email: 'not an email' }, png),
      headers: sameSite,
    });
    expect(summary(page)).toEqual([
      '#email: Enter an email address in the correct format, like name@example.com',
      '#proofOfId: Select your proof of ID file again',
    ]);
  });

  it('refuses a second pending application for the same email, on the email field', async () => {
    expect(
      (await request(deps, '/create-media-account', { multipart: form(valid, png), headers: sameSite })).status,
    ).toBe(303);
    const again = await request(deps, '/create-media-account', {
      multipart: form({ ...valid, email: 'JO@news.example' }, png),
      headers: sameSite,
    });
    expect(again.status).toBe(400);
    expect(summary(again)).toEqual([
      '#email: An application for this email address is already waiting to be checked. You will get an email when it has been.',
    ]);
    expect(await rows()).toHaveLength(1);
    expect(audited.at(-1)).toMatchObject({ outcome: 'FAILURE', details: { reason: 'DUPLICATE' } });
  });

  it('refuses a form posted from another site', async () => {
    const page = await request(deps, '/create-media-account', {
      multipart: form(valid, png),
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(page.status).toBe(403);
    expect(await rows()).toEqual([]);
  });

  it('shows the errors in Welsh', async () => {
    const page = await request(deps, '/create-media-account?lng=cy', { multipart: form({}), headers: sameSite });
    expect(summary(page)[0]).toBe('#fullName: Rhowch eich enw llawn');
  });
});
