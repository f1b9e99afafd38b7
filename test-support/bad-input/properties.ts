/**
 * Issue 17's "proof that stays": properties over generated bad input, sent over real HTTP to the running functions
 * (world.ts). The same definitions run in CI (functions/bad-input.property.test.ts, fixed seed, small budget) and
 * as a bench (bench/bad-input.ts, many more runs, any seed).
 *
 * The properties, for every request:
 * - no 5xx, ever (the host's bare 500 for a thrown error included);
 * - every 4xx JSON answer is the problem body `{ code, message, details }` with at least one detail and a `field`
 *   in every detail. Answers that are not JSON have no field to name, legitimately: the host's own 400 for a bad
 *   Host or percent-encoding (text/plain, before any function runs, as Azure's front end), Node's HTTP parser
 *   refusing a request it cannot read (a bare CR or LF or NUL in a header: a 400 or a closed connection), the
 *   host's 413 for a body over its limit, and the portal's HTML pages (a form's error is in its error summary);
 * - a 202 from ingestion ends `published` or `rejected` within 10 s, and a published artefact's page and payload
 *   answer without a 5xx;
 * - nothing refused is stored: after a 4xx, no new blob in the publications container, no new submission or
 *   artefact row; after a refused reference file, the courts and their references are as they were; a form never
 *   creates a session.
 *
 * Not covered: the Excel upload (issue 17 names it, but the service has no Excel upload yet).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { exportColumns } from '../../shared/reference-data/court-export.js';
import { parseCourtFile } from '../../shared/reference-data/court-file.js';
import { courtIdFromSignedScreenToken, signScreenToken } from '../../shared/publications/access/screen-links.js';
import { plainScreenToken, testScreenLinkKeys } from '../screen-link-keys.js';
import { cicRow, cicTitles, cicWorkbook } from '../cic-workbook.js';
import { fixtureUrl } from '../fixtures.js';
import { CIVIL_LIST_HEADERS } from '../publication-requests.js';
import { rawRequest, type RawRequest, type RawResponse } from './raw-http.js';
import type { BadInputWorld } from './world.js';

// ---------------------------------------------------------------------------------------------------------------
// What every answer must satisfy

export class PropertyViolation extends Error {}

function fail(message: string, response?: RawResponse): never {
  const body = response ? ` body=${response.body.toString('utf8').slice(0, 500)}` : '';
  throw new PropertyViolation(`${message}${response ? ` (status ${response.status})` : ''}${body}`);
}

const isJson = (response: RawResponse) =>
  /^application\/(problem\+)?json\b/i.test(response.headers['content-type'] ?? '');

/** No 5xx; a 4xx JSON answer is a problem body naming the field in every detail. */
export function checkAnswer(response: RawResponse): void {
  if (response.status >= 500) fail('answered 5xx', response);
  if (response.status >= 400 && response.status < 500 && isJson(response)) {
    let body: unknown;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      fail('a 4xx JSON answer is not JSON', response);
    }
    const problem = body as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof problem.code !== 'string' || problem.code === '') fail('a 4xx has no code', response);
    if (typeof problem.message !== 'string' || problem.message === '') fail('a 4xx has no message', response);
    if (!Array.isArray(problem.details) || problem.details.length === 0) fail('a 4xx has no details', response);
    for (const detail of problem.details as { field?: unknown }[]) {
      if (typeof detail.field !== 'string' || detail.field === '') fail('a 4xx detail names no field', response);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Generators shared by every route

/** The string with each lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, which Node 20 has). */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const loneSurrogates = ['\ud800', '\udfff', 'a\udc00b'];
const controls = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\t'];
const invisible = ['\u202e', '\u202d', '\u2066', '\u200b', '\u200f', '\ufeff', '\u061c'];
const html = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</td><b>', '<a/>', '<'.repeat(3000)];

/** Text a careless client or an attacker might put anywhere. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'null', 'undefined', '0', '-1', 'NaN', '[]', '{}', '%00', '%zz', '../../etc/passwd'),
  fc.constantFrom(...loneSurrogates, ...controls, ...invisible, ...html),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('a', '<', '%', '\u202e', 'é', '\u0000'), fc.integer({ min: 1_000, max: 120_000 }))
    .map(([unit, count]) => unit.repeat(count)),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...controls, ...invisible, ...loneSurrogates, ...html))
    .map(([prefix, bad]) => `${prefix}${bad}${prefix}`),
);

/** Values for a header: kept to what a socket can carry (CRLF included: the raw client writes it as it is). */
const headerText: fc.Arbitrary<string> = fc.oneof(
  nastyText.map((text) => text.slice(0, 20_000)),
  fc.constantFrom('a\r\nx-injected: 1', 'a\nb', 'a\rb', ' padded ', 'é', '\u00ff', 'ü'.repeat(100)),
  fc.integer({ min: 8_000, max: 70_000 }).map((n) => 'h'.repeat(n)),
);

// ---------------------------------------------------------------------------------------------------------------
// Ingestion: POST /api/publication

const civilList = JSON.parse(readFileSync(fixtureUrl('lists', 'civilDailyCauseList.json'), 'utf8')) as unknown;
const liveStatus = (
  JSON.parse(readFileSync(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as { results: unknown[] }
).results[0];

type Headers = Record<string, string | undefined>;

interface Base {
  name: string;
  headers: Headers;
  body: unknown;
}

const listHeaders: Headers = { ...CIVIL_LIST_HEADERS, 'x-display-to': '2099-12-01T00:00:00' };

const bases: Base[] = [
  { name: 'civil list', headers: listHeaders, body: civilList },
  {
    name: 'general publication',
    headers: { ...listHeaders, 'x-type': 'GENERAL_PUBLICATION', 'x-list-type': undefined },
    body: { notice: 'The court is closed on Friday', items: [1, 2, 3], nested: { a: 'b' } },
  },
  { name: 'live status', headers: { ...listHeaders, 'x-type': 'LCSU', 'x-list-type': undefined }, body: liveStatus },
];

const ingestionHeaderNames = [
  'content-type',
  'x-provenance',
  'x-source-artefact-id',
  'x-type',
  'x-list-type',
  'x-court-id',
  'x-content-date',
  'x-sensitivity',
  'x-language',
  'x-display-from',
  'x-display-to',
] as const;

const dateText = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '0000-01-01',
    '2026-13-01T00:00:00',
    '2026-11-30T24:00:00',
    '2026-11-30T23:59:60',
    '2026-11-30T09:00:00+15:00',
    '1899-12-31',
    '9999-12-31T23:59:59Z',
    '2026-11-30 09:00',
    '+002026-11-30',
    '2026-11-30T09:00:00.1234567890',
    'tomorrow',
  ),
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

type HeaderMutation = { header: string; value: string | undefined };

const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  // missing
  fc.record({ header: fc.constantFrom(...ingestionHeaderNames), value: fc.constant(undefined) }),
  // empty or blank
  fc.record({ header: fc.constantFrom(...ingestionHeaderNames), value: fc.constantFrom('', ' ', '\t') }),
  // wrong enum, in any case
  fc.record({
    header: fc.constantFrom('x-type', 'x-sensitivity', 'x-language', 'x-list-type'),
    value: fc.oneof(
      fc.constantFrom('LISTING', 'public ', 'Welsh', 'lcsu', 'sjp_public_list', 'LIST\u0000', 'ＬＩＳＴ', 'İNTERNAL'),
      fc.string({ maxLength: 12 }),
    ),
  }),
  fc.record({ header: fc.constantFrom('x-content-date', 'x-display-from', 'x-display-to'), value: dateText }),
  fc.record({
    header: fc.constantFrom('content-type'),
    value: fc.constantFrom(
      'application/jsonx',
      'application/json; charset=latin1',
      'application/json; charset="UTF-8"',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'application/json;;;',
    ),
  }),
  // huge, unicode, CRLF, anything
  fc.record({ header: fc.constantFrom(...ingestionHeaderNames), value: headerText }),
);

/** A JSON path in a value: where a mutation lands. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (out.length > 400) return out;
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

function setAt(root: unknown, path: (string | number)[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  node[last] = replace(node[last]);
  return copy;
}

function renameKeyAt(root: unknown, path: (string | number)[], key: string): unknown {
  return setAt(root, path, (old) => {
    if (old === null || typeof old !== 'object' || Array.isArray(old)) return { [key]: old };
    return { [key]: 'x', ...(old as Record<string, unknown>) };
  });
}

type BodyMutation =
  | { kind: 'value'; at: number; value: unknown }
  | { kind: 'key'; at: number; key: string }
  | { kind: 'deep'; depth: number; shape: 'array' | 'object' }
  | { kind: 'wide'; count: number; item: unknown }
  | { kind: 'truncate'; at: number }
  | { kind: 'bom'; count: number }
  | { kind: 'raw'; text: string }
  | { kind: 'escape'; text: string };

const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  fc.record({
    kind: fc.constant('value' as const),
    at: fc.nat(),
    value: fc.oneof(
      nastyText,
      fc.constantFrom(null, true, 0, -1, 1e308, 2 ** 53 + 1, [], {}),
      fc.jsonValue({ maxDepth: 3 }),
      fc.integer({ min: 100_000, max: 600_000 }).map((n) => 'x'.repeat(n)),
    ),
  }),
  fc.record({ kind: fc.constant('key' as const), at: fc.nat(), key: nastyText.map((k) => k.slice(0, 5000)) }),
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.oneof(fc.integer({ min: 50, max: 80 }), fc.integer({ min: 1_000, max: 100_000 })),
    shape: fc.constantFrom('array' as const, 'object' as const),
  }),
  fc.record({
    kind: fc.constant('wide' as const),
    count: fc.oneof(fc.integer({ min: 1_000, max: 10_000 }), fc.integer({ min: 100_000, max: 250_000 })),
    item: fc.constantFrom('a', 1, null, {}, '<b>'),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bom' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('raw' as const), text: nastyText }),
  // JSON escapes the serializer never writes: lone surrogates, NUL, controls
  fc.record({
    kind: fc.constant('escape' as const),
    text: fc.constantFrom('\\ud800', '\\udfff', '\\u0000', '\\u001b', '\\ud800\\u0041', '\\uDBFF\\uDFFF', '\\u202e'),
  }),
);

function encodeBody(base: unknown, mutations: BodyMutation[]): Buffer {
  let value = base;
  let text: string | null = null;
  let prefix = '';
  let cut: number | null = null;
  for (const mutation of mutations) {
    const all = paths(value);
    const pick = (at: number) => all[at % all.length] ?? [];
    switch (mutation.kind) {
      case 'value':
        value = setAt(value, pick(mutation.at), () => mutation.value);
        break;
      case 'key':
        value = renameKeyAt(value, pick(mutation.at), mutation.key);
        break;
      case 'deep': {
        const [open, close] = mutation.shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
        text = `${open.repeat(mutation.depth)}1${close.repeat(mutation.depth)}`;
        break;
      }
      case 'wide':
        value = setAt(value, pick(0), () => Array.from({ length: mutation.count }, () => mutation.item));
        break;
      case 'truncate':
        cut = mutation.at;
        break;
      case 'bom':
        prefix = '\ufeff'.repeat(mutation.count);
        break;
      case 'raw':
        text = mutation.text;
        break;
      case 'escape': {
        const serialized: string = text ?? JSON.stringify(value);
        const firstQuote = serialized.indexOf('"', 1);
        text =
          firstQuote > 0
            ? `${serialized.slice(0, firstQuote)}${mutation.text}${serialized.slice(firstQuote)}`
            : serialized;
        break;
      }
    }
  }
  let bytes: Buffer = Buffer.from(prefix + (text ?? JSON.stringify(value)), 'utf8');
  if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
  return bytes;
}

interface MultipartFile {
  field: string;
  fileName: string;
  type: string;
  content: Buffer;
}

const fileContent = fc.oneof(
  fc.constantFrom(
    Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
    Buffer.from('<html><body><script>alert(1)</script></body></html>'),
    Buffer.from('a,b,c\n=cmd|calc,+1,@x\n'),
    Buffer.from('{"a":"b"}'),
    Buffer.from('PK\u0003\u0004not really a docx'),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(0),
  ),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
);

const multipartFile: fc.Arbitrary<MultipartFile> = fc.record({
  field: fc.constantFrom('file', 'upload', '', 'file"; name="x'),
  fileName: fc.oneof(
    fc.constantFrom(
      'list.pdf',
      '../../etc/passwd',
      'C:\\windows\\win.ini',
      'a".pdf',
      '',
      '.pdf',
      'list.PDF.exe',
      '<script>.pdf',
      'list\u202efdp.exe',
      'x'.repeat(5000),
      'é.pdf',
      'nul\u0000.pdf',
    ),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  ),
  type: fc.constantFrom('application/pdf', 'text/html', 'application/octet-stream', '', 'x/y; a=b', 'application/json'),
  content: fileContent,
});

function encodeMultipart(files: MultipartFile[], boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\n` +
          (file.type === '' ? '' : `content-type: ${file.type}\r\n`) +
          '\r\n',
        'utf8',
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

type Caller = 'hmi' | 'admin' | 'media' | 'none' | 'garbage' | 'tampered';

export interface IngestionCase {
  base: number;
  caller: Caller;
  headers: HeaderMutation[];
  body: { kind: 'json'; mutations: BodyMutation[] } | { kind: 'multipart'; files: MultipartFile[]; boundary: string };
  framing: 'length' | 'chunked';
}

export const ingestionCase: fc.Arbitrary<IngestionCase> = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  caller: fc.oneof(
    { weight: 8, arbitrary: fc.constant('hmi' as const) },
    { weight: 1, arbitrary: fc.constantFrom('admin' as const, 'media' as const, 'none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('garbage' as const, 'tampered' as const) },
  ),
  headers: fc.array(headerMutation, { maxLength: 3 }),
  body: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('json' as const), mutations: fc.array(bodyMutation, { maxLength: 2 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('multipart' as const),
        files: fc.array(multipartFile, { maxLength: 2 }),
        boundary: fc.constantFrom('b0undary', 'x'.repeat(70), '--', 'é'),
      }),
    },
  ),
  framing: fc.constantFrom('length' as const, 'chunked' as const),
});

function authorization(world: BadInputWorld, caller: Caller): string | undefined {
  switch (caller) {
    case 'none':
      return undefined;
    case 'garbage':
      return 'Bearer not.a.token';
    case 'tampered':
      return `Bearer ${world.tokens.hmi.slice(0, -4)}AAAA`;
    default:
      return `Bearer ${world.tokens[caller]}`;
  }
}

export function ingestionRequest(world: BadInputWorld, test: IngestionCase): RawRequest {
  const base = bases[test.base] ?? bases[0];
  if (!base) throw new Error('no base publication');
  const headers: Headers = { ...base.headers };
  if (test.caller === 'admin') headers['x-provenance'] = 'MANUAL_UPLOAD';
  let body: Buffer;
  if (test.body.kind === 'multipart') {
    headers['content-type'] = `multipart/form-data; boundary=${test.body.boundary}`;
    body = encodeMultipart(test.body.files, test.body.boundary);
  } else {
    body = encodeBody(base.body, test.body.mutations);
  }
  for (const mutation of test.headers) headers[mutation.header] = mutation.value;
  const auth = authorization(world, test.caller);
  const list: [string, string][] = [['host', `127.0.0.1:${world.port}`]];
  if (auth !== undefined) list.push(['authorization', auth]);
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) list.push([name, value]);
  return { method: 'POST', target: '/api/publication', headers: list, body, framing: test.framing };
}

interface Stored {
  submissions: number;
  artefacts: Set<string>;
  blobs: Set<string>;
}

async function stored(world: BadInputWorld): Promise<Stored> {
  const [submissions, artefacts] = await Promise.all([
    world.database.query<{ n: number }>('SELECT count(*)::int AS n FROM submission'),
    world.database.query<{ artefact_id: string }>('SELECT artefact_id FROM artefact'),
  ]);
  const blobs = new Set<string>();
  for await (const blob of world.publications.listBlobsFlat()) blobs.add(blob.name);
  return {
    submissions: submissions.rows[0]?.n ?? 0,
    artefacts: new Set(artefacts.rows.map((row) => row.artefact_id)),
    blobs,
  };
}

const added = (after: Set<string>, before: Set<string>) => [...after].filter((item) => !before.has(item));

async function get(world: BadInputWorld, target: string, token?: string): Promise<RawResponse> {
  const headers: [string, string][] = [['host', `127.0.0.1:${world.port}`]];
  if (token) headers.push(['authorization', `Bearer ${token}`]);
  return rawRequest(world.port, { method: 'GET', target, headers });
}

/** Polls the submission until it is published or rejected; fails after 10 s. No fixed sleeps. */
async function settled(
  world: BadInputWorld,
  location: string,
  token: string,
): Promise<{ status: string; artefactId: string | null }> {
  const deadline = Date.now() + 10_000;
  let last = '';
  let interval = 20;
  while (Date.now() < deadline) {
    const answer = await get(world, location, token);
    checkAnswer(answer);
    last = answer.body.toString('utf8');
    if (answer.status === 200) {
      const body = JSON.parse(last) as { status: string; artefactId: string | null };
      if (body.status === 'published' || body.status === 'rejected') return body;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 200);
  }
  throw new PropertyViolation(`a 202 was still not published or rejected after 10 s: ${location} ${last}`);
}

export async function ingestionProperty(world: BadInputWorld, test: IngestionCase): Promise<string> {
  const before = await stored(world);
  const request = ingestionRequest(world, test);
  const answer = await rawRequest(world.port, request);
  return ingestionVerdict(world, before, answer, test.caller === 'admin' ? world.tokens.admin : world.tokens.hmi);
}

/**
 * What every answer of POST /api/publication must be: no 5xx; a 202 with its location, settling as published or
 * rejected, its artefact readable without a 5xx; a refusal storing nothing.
 */
async function ingestionVerdict(
  world: BadInputWorld,
  before: Stored,
  answer: RawResponse,
  token: string,
): Promise<string> {
  checkAnswer(answer);
  if (answer.status === 202) {
    const location = answer.headers.location ?? '';
    if (!/^\/api\/publication\/submissions\/[0-9a-f-]{36}$/.test(location)) fail('a 202 without its location', answer);
    const outcome = await settled(world, location, token);
    if (outcome.status === 'published' && outcome.artefactId) {
      // No published artefact of any type can 5xx its page or its payload (issue 17, item 6).
      checkAnswer(await get(world, `/list/${outcome.artefactId}`));
      checkAnswer(await get(world, `/api/publication/${outcome.artefactId}/payload`, world.tokens.admin));
      checkAnswer(await get(world, `/api/publication/${outcome.artefactId}`, world.tokens.admin));
    }
    return outcome.status;
  }
  if (answer.status >= 400) {
    const after = await stored(world);
    const blobs = added(after.blobs, before.blobs);
    const artefacts = added(after.artefacts, before.artefacts);
    if (blobs.length > 0 || artefacts.length > 0 || after.submissions !== before.submissions) {
      fail(
        `a refused publication was stored: blobs ${blobs.join(',')} artefacts ${artefacts.join(',')} submissions ${before.submissions}->${after.submissions}`,
        answer,
      );
    }
  }
  return String(answer.status);
}

// ---------------------------------------------------------------------------------------------------------------
// Excel workbooks for a non-strategic list (POST /api/publication with an xlsx body or multipart file)

export interface ExcelCase {
  /** Changes to the CIC weekly list's header titles: a column (0 to 9) and its new header (null: none). */
  headerEdits: readonly { at: number; value: string | null }[];
  /** Each row: a good hearing with changes to some of its cells (0 to 9). */
  rows: readonly (readonly { at: number; value: string }[])[];
  sheetName: string;
  /** Byte damage to the finished file: flips at positions (modulo its length), then a cut. */
  flips: readonly { at: number; xor: number }[];
  cut: number | null;
  transport: 'raw' | 'multipart';
}

const excelCell = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('02/01/2025', '10:30am', '9am', 'Case A', '', '=1+1', '_x000D_', '<b>x</b>'),
  },
  { weight: 2, arbitrary: nastyText.map((text) => text.slice(0, 300)) },
);

const fewOrNone = <T>(edit: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as T[]) },
    { weight: 1, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }) },
  );

export const excelCase: fc.Arbitrary<ExcelCase> = fc.record({
  headerEdits: fewOrNone(
    fc.record({
      at: fc.nat({ max: 9 }),
      value: fc.oneof(
        fc.constant(null),
        fc.constantFrom(...cicTitles, 'HEARINGTIME', 'notes'),
        nastyText.map((text) => text.slice(0, 100)),
      ),
    }),
  ),
  rows: fc.array(fewOrNone(fc.record({ at: fc.nat({ max: 9 }), value: excelCell })), { maxLength: 5 }),
  sheetName: fc.constantFrom('Hearings', 'Sheet1', 'Hearing List'),
  flips: fc.oneof(
    { weight: 5, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { maxLength: 4 }),
    },
  ),
  cut: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  transport: fc.constantFrom('raw' as const, 'multipart' as const),
});

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function excelBytes(test: ExcelCase): Promise<Buffer> {
  const headers: (string | null)[] = [...cicTitles];
  for (const edit of test.headerEdits) headers[edit.at] = edit.value;
  const rows = test.rows.map((edits) => {
    const row: (string | undefined)[] = [...cicRow];
    for (const edit of edits) row[edit.at] = wellFormed(edit.value);
    return row;
  });
  let bytes = await cicWorkbook(rows, {
    sheetName: test.sheetName,
    titles: headers.map((header) => (header === null ? undefined : wellFormed(header))),
  });
  if (test.flips.length > 0) {
    bytes = Buffer.from(bytes);
    for (const flip of test.flips) bytes[flip.at % bytes.length] = (bytes[flip.at % bytes.length] ?? 0) ^ flip.xor;
  }
  return test.cut === null ? bytes : bytes.subarray(0, test.cut % (bytes.length + 1));
}

export async function excelProperty(world: BadInputWorld, test: ExcelCase): Promise<string> {
  const before = await stored(world);
  const bytes = await excelBytes(test);
  const headers: Headers = { ...listHeaders, 'x-list-type': 'CIC_WEEKLY_HEARING_LIST', 'content-type': xlsxType };
  let body = bytes;
  if (test.transport === 'multipart') {
    const boundary = 'excel-b0undary';
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    body = encodeMultipart([{ field: 'file', fileName: 'list.xlsx', type: xlsxType, content: bytes }], boundary);
  }
  const list: [string, string][] = [
    ['host', `127.0.0.1:${world.port}`],
    ['authorization', `Bearer ${world.tokens.hmi}`],
  ];
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) list.push([name, value]);
  const answer = await rawRequest(world.port, {
    method: 'POST',
    target: '/api/publication',
    headers: list,
    body,
    framing: 'length',
  });
  if (answer.status === 400 || answer.status === 413) {
    const problem = JSON.parse(answer.body.toString('utf8')) as { code?: unknown; details?: unknown };
    if (typeof problem.code !== 'string' || !Array.isArray(problem.details) || problem.details.length === 0) {
      fail('a refused workbook without a code and details', answer);
    }
  }
  const verdict = await ingestionVerdict(world, before, answer, world.tokens.hmi);
  return answer.status >= 400
    ? `${verdict} ${String((JSON.parse(answer.body.toString('utf8')) as { code?: unknown }).code)}`
    : verdict;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths and queries across the API routes and the portal's pages

const guid = '3f2b8c1e-9d4a-4b6e-8f00-1c2d3e4f5a6b';
const routeTemplates = [
  '/api/publications',
  '/api/publication/{guid}',
  '/api/publication/{guid}/payload',
  '/api/publication/{guid}/file',
  '/api/publication/no-match',
  '/api/publication/submissions/{guid}',
  '/api/locations',
  '/api/locations/{id}',
  '/api/glossary',
  '/api/audit',
  '/api/live-case-status/{id}',
  '/api/live-case-status/screen/{token}',
  '/api/openapi.json',
  '/api/schemas/{token}',
  '/api/subscriptions',
  '/api/subscriptions/{guid}',
  '/',
  '/search',
  '/courts',
  '/courts/{id}',
  '/list/{guid}',
  '/glossary',
  '/cookies',
  '/sign-in',
  '/login/return',
  '/signed-out',
  '/help',
  '/{any}',
] as const;

const queryNames = [
  'locationId',
  'region',
  'jurisdiction',
  'jurisdictionType',
  'language',
  'userId',
  'action',
  'from',
  'to',
  'page',
  'pageSize',
  'limit',
  'offset',
  'listType',
  'type',
  'sensitivity',
  'q',
  'search',
  'lng',
  'returnTo',
  'code',
  'state',
  'saved',
  'source',
  'format',
  'letter',
] as const;

/** Percent-encoded as UTF-8; a lone surrogate becomes the (invalid) UTF-8 of a surrogate, %ED%A0%80. */
function encodeLoosely(text: string): string {
  return wellFormed(text)
    .split('\ufffd')
    .map((part) => encodeURIComponent(part))
    .join('%ED%A0%80');
}

/** A path segment or query value as sent on the wire: encoded, badly encoded, or raw. */
const wireValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%zz',
    '%C0',
    '%C0%AF',
    '%E0%80%80',
    '%ED%A0%80',
    '%00',
    '%',
    '%2',
    '%FF',
    '2147483648',
    '2147483647',
    '-2147483649',
    '99999999999999999999999',
    '-1',
    '0',
    '1e3',
    '0x10',
    '1.5',
    ' 1',
    '%20',
    '..',
    '%2e%2e',
    '%2F',
    '',
    'true',
    guid.toUpperCase(),
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  nastyText.map((text) => encodeLoosely(text.slice(0, 3000))),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeLoosely),
);

export interface PathCase {
  template: (typeof routeTemplates)[number];
  segment: string;
  query: [string, string][];
  method: 'GET' | 'HEAD' | 'DELETE' | 'POST' | 'PUT' | 'OPTIONS';
  caller: 'none' | 'hmi' | 'sysadmin' | 'media' | 'garbage';
  host: string | null;
}

export const pathCase: fc.Arbitrary<PathCase> = fc.record({
  template: fc.constantFrom(...routeTemplates),
  segment: wireValue,
  query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames), wireValue), wireValue), { maxLength: 4 }),
  method: fc.oneof(
    { weight: 6, arbitrary: fc.constant('GET' as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'HEAD' as const,
        'DELETE' as const,
        'POST' as const,
        'PUT' as const,
        'OPTIONS' as const,
      ),
    },
  ),
  caller: fc.constantFrom('none' as const, 'hmi' as const, 'sysadmin' as const, 'media' as const, 'garbage' as const),
  host: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'a@x', 'localhost:abc', '[::1', 'localhost:99999', 'é.example', 'x'.repeat(300)),
    },
  ),
});

export function pathTarget(test: PathCase): string {
  const path = test.template
    .replace('{guid}', test.segment === '' ? guid : test.segment)
    .replace('{id}', test.segment)
    .replace('{token}', test.segment)
    .replace('{any}', test.segment);
  const query = test.query.map(([name, value]) => `${name}=${value}`).join('&');
  return query === '' ? path : `${path}?${query}`;
}

export async function pathProperty(world: BadInputWorld, test: PathCase): Promise<string> {
  const headers: [string, string][] = [['host', test.host ?? `127.0.0.1:${world.port}`]];
  if (test.caller === 'garbage') headers.push(['authorization', 'Bearer x.y.z']);
  else if (test.caller !== 'none') headers.push(['authorization', `Bearer ${world.tokens[test.caller]}`]);
  const before = test.method === 'GET' || test.method === 'HEAD' ? null : await stored(world);
  const answer = await rawRequest(world.port, { method: test.method, target: pathTarget(test), headers });
  checkAnswer(answer);
  if (before && answer.status >= 400) {
    const after = await stored(world);
    if (added(after.artefacts, before.artefacts).length > 0 || after.blobs.size > before.blobs.size)
      fail('a refused request stored something', answer);
  }
  return String(answer.status);
}

// ---------------------------------------------------------------------------------------------------------------
// The court reference import: POST /api/locations/reference-data as a system administrator

/** The export's header up to Welsh Jurisdiction Type: a court file without Email and Contact No. */
const csvHeader = exportColumns.slice(0, exportColumns.indexOf('Email'));

function validRow(id: number): string[] {
  return [
    String(id),
    `Property Court ${id}`,
    'North West',
    'Crime;Family',
    'Magistrates Court',
    'PROPS',
    String(id),
    'venue',
    `Llys Eiddo ${id}`,
    'Gogledd Orllewin',
    'Trosedd;Teulu',
    'Llys Ynadon',
  ];
}

type CellMutation = { row: number; column: number; value: string; mode: 'replace' | 'prefix' | 'suffix' };

const cellValue = fc.oneof(
  fc.constantFrom('=', '+', '-', '@', '=HYPERLINK("http://x")', '+1', '-1+1', '@SUM(A1)', '\t=1', ' =1'),
  fc.constantFrom(...controls, ...invisible, ...loneSurrogates, '\r\n', '\n', '\r', '"', '""', ',', ';', ''),
  fc.constantFrom('\ufeff', '\ufeff\ufeff', 'x'.repeat(10_000), '2147483648', '-5', '1.5', 'VENUE', 'nowhere'),
  nastyText.map((text) => text.slice(0, 2000)),
);

export interface CsvCase {
  rows: number[];
  cells: CellMutation[];
  boms: number;
  lineEnding: '\n' | '\r\n' | '\r';
  extra: 'none' | 'short-row' | 'long-row' | 'no-header' | 'blank-lines' | 'unterminated-quote';
  transport: 'text/csv' | 'multipart' | 'none' | 'octet';
  fileName: string;
}

export const csvCase: fc.Arbitrary<CsvCase> = fc.record({
  rows: fc.uniqueArray(fc.integer({ min: 9001, max: 9020 }), { minLength: 1, maxLength: 4 }),
  cells: fc.array(
    fc.record({
      row: fc.nat(),
      column: fc.nat({ max: csvHeader.length - 1 }),
      value: cellValue,
      mode: fc.constantFrom('replace' as const, 'prefix' as const, 'suffix' as const),
    }),
    { maxLength: 3 },
  ),
  boms: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
  lineEnding: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
  extra: fc.oneof(
    { weight: 5, arbitrary: fc.constant('none' as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'short-row' as const,
        'long-row' as const,
        'no-header' as const,
        'blank-lines' as const,
        'unterminated-quote' as const,
      ),
    },
  ),
  transport: fc.constantFrom('text/csv' as const, 'multipart' as const, 'none' as const, 'octet' as const),
  fileName: fc.constantFrom('courts.csv', '../courts.csv', 'c\u202evsc.exe', 'é.csv', '', 'a"b.csv'),
});

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function csvText(test: CsvCase): string {
  const rows = test.rows.map(validRow);
  for (const cell of test.cells) {
    const row = rows[cell.row % rows.length];
    if (!row) continue;
    const old = row[cell.column] ?? '';
    row[cell.column] =
      cell.mode === 'replace' ? cell.value : cell.mode === 'prefix' ? cell.value + old : old + cell.value;
  }
  let lines = [csvHeader, ...rows].map((row) => row.map(quote).join(','));
  switch (test.extra) {
    case 'short-row':
      lines.push('9999,Short');
      break;
    case 'long-row':
      lines.push(`${validRow(9030).join(',')},extra,cells`);
      break;
    case 'no-header':
      lines = lines.slice(1);
      break;
    case 'blank-lines':
      lines.splice(1, 0, '', ',,,,');
      break;
    case 'unterminated-quote':
      lines.push('"9031,Open quote');
      break;
    case 'none':
      break;
  }
  return '\ufeff'.repeat(test.boms) + lines.join(test.lineEnding) + test.lineEnding;
}

async function courtsFingerprint(world: BadInputWorld): Promise<string> {
  const { rows } = await world.database.query<{ f: string | null }>(
    `SELECT (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY location_id), '')) FROM court c) ||
            (SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM court_reference r) AS f`,
  );
  return rows[0]?.f ?? '';
}

export async function csvProperty(world: BadInputWorld, test: CsvCase): Promise<string> {
  const text = csvText(test);
  const file = Buffer.from(text, 'utf8');
  const headers: [string, string][] = [
    ['host', `127.0.0.1:${world.port}`],
    ['authorization', `Bearer ${world.tokens.sysadmin}`],
  ];
  let body: Buffer = file;
  if (test.transport === 'multipart') {
    const boundary = 'csvboundary';
    headers.push(['content-type', `multipart/form-data; boundary=${boundary}`]);
    body = encodeMultipart([{ field: 'file', fileName: test.fileName, type: 'text/csv', content: file }], boundary);
  } else if (test.transport === 'text/csv') headers.push(['content-type', 'text/csv']);
  else if (test.transport === 'octet') headers.push(['content-type', 'application/octet-stream']);
  const before = await courtsFingerprint(world);
  const answer = await rawRequest(world.port, {
    method: 'POST',
    target: '/api/locations/reference-data',
    headers,
    body,
  });
  checkAnswer(answer);
  if (answer.status >= 400 && (await courtsFingerprint(world)) !== before)
    fail('a refused file changed the courts', answer);
  // The upload and the shared parse agree: a file the parse refuses is never imported.
  if (answer.status < 300 && !parseCourtFile(text).ok) fail('imported a file the parse refuses', answer);
  return String(answer.status);
}

// ---------------------------------------------------------------------------------------------------------------
// The portal's forms: POST /, /cookies, /sign-in, /sign-out

const formFieldNames = ['view-option', 'analytics', 'source', 'returnTo', 'account', '_csrf', 'lng', 'court', 'x'];
const formValue = fc.oneof(
  fc.constantFrom(
    'court',
    'sjp',
    'yes',
    'no',
    'banner',
    'b2c',
    'crimeIdam',
    'cftIdam',
    '/courts',
    '//evil.example',
    'https://evil.example/',
    '/\\evil',
    'javascript:alert(1)',
    '/list/%zz',
    'cy',
  ),
  nastyText.map((text) => text.slice(0, 30_000)),
);

export interface FormCase {
  path: '/' | '/cookies' | '/sign-in' | '/sign-out' | '/search' | '/courts';
  fields: [string, string][];
  encoding: 'urlencoded' | 'multipart' | 'json' | 'none' | 'raw';
  raw: string;
  origin: 'same' | 'none' | 'other' | 'null';
  cookie: string | null;
}

export const formCase: fc.Arbitrary<FormCase> = fc.record({
  path: fc.constantFrom(
    '/' as const,
    '/cookies' as const,
    '/sign-in' as const,
    '/sign-out' as const,
    '/search' as const,
    '/courts' as const,
  ),
  fields: fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...formFieldNames),
        nastyText.map((t) => t.slice(0, 100)),
      ),
      formValue,
    ),
    { maxLength: 5 },
  ),
  encoding: fc.oneof(
    { weight: 6, arbitrary: fc.constant('urlencoded' as const) },
    { weight: 1, arbitrary: fc.constantFrom('multipart' as const, 'json' as const, 'none' as const, 'raw' as const) },
  ),
  raw: fc.constantFrom('%zz=%C0', 'a=%00&b', '&&&=', '=', 'a'.repeat(20_000), '%', 'view-option=court&view-option=sjp'),
  origin: fc.constantFrom('same' as const, 'same' as const, 'none' as const, 'other' as const, 'null' as const),
  cookie: fc.option(
    fc.constantFrom(
      'pip-session=00000000000000000000',
      'pip-session=%zz',
      'lng=cy',
      'pip-session=; pip-session=x',
      'a'.repeat(5000),
      '__Host-pip-session=x',
    ),
  ),
});

async function sessionCount(world: BadInputWorld): Promise<number> {
  const { rows } = await world.database.query<{ n: number }>('SELECT count(*)::int AS n FROM user_session');
  return rows[0]?.n ?? 0;
}

export async function formProperty(world: BadInputWorld, test: FormCase): Promise<string> {
  const headers: [string, string][] = [['host', `127.0.0.1:${world.port}`]];
  const origin = { same: `http://127.0.0.1:${world.port}`, none: null, other: 'https://evil.example', null: 'null' }[
    test.origin
  ];
  if (origin !== null) headers.push(['origin', origin]);
  if (test.cookie !== null) headers.push(['cookie', test.cookie]);
  let body: Buffer;
  switch (test.encoding) {
    case 'urlencoded':
      headers.push(['content-type', 'application/x-www-form-urlencoded']);
      body = Buffer.from(
        new URLSearchParams(test.fields.map(([n, v]): [string, string] => [wellFormed(n), wellFormed(v)])).toString(),
      );
      break;
    case 'multipart':
      headers.push(['content-type', 'multipart/form-data; boundary=formboundary']);
      body = Buffer.concat([
        ...test.fields.map(([name, value]) =>
          Buffer.from(`--formboundary\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
        ),
        Buffer.from('--formboundary--\r\n'),
      ]);
      break;
    case 'json':
      headers.push(['content-type', 'application/json']);
      body = Buffer.from(JSON.stringify(Object.fromEntries(test.fields)));
      break;
    case 'raw':
      headers.push(['content-type', 'application/x-www-form-urlencoded']);
      body = Buffer.from(test.raw);
      break;
    case 'none':
      body = Buffer.from(test.fields.map(([n, v]) => `${n}=${v}`).join('&'));
      break;
  }
  const before = await sessionCount(world);
  const answer = await rawRequest(world.port, { method: 'POST', target: test.path, headers, body });
  checkAnswer(answer);
  if ((await sessionCount(world)) !== before) fail('a form created a session', answer);
  return String(answer.status);
}

// ---------------------------------------------------------------------------------------------------------------
// The screen token: GET /api/live-case-status/screen/{token}

export const screenToken: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 2 ** 32 }).map((id) => plainScreenToken(id)),
  fc.constantFrom(1501, 1502, 0, 999_999_999, 2_147_483_648).map((id) => plainScreenToken(id)),
  // Signed links: genuine (1 to 999,999,999 is what a link may name), and altered in one character or cut short.
  fc.integer({ min: 1, max: 999_999_999 }).map((id) => signScreenToken(id, testScreenLinkKeys)),
  fc
    .tuple(fc.constantFrom(1501, 1502, 7), fc.nat(), fc.constantFrom('A', '_', '.', '-', '9', ''))
    .map(([id, at, replacement]) => {
      const token = signScreenToken(id, testScreenLinkKeys);
      const index = at % token.length;
      return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
    }),
  fc
    .oneof(
      fc.constantFrom(
        'courtId=',
        'courtId=1501&courtId=2',
        'courtId=0001501',
        'courtId=1e3',
        '?courtId=1501\u0000',
        'courtId=١٥٠١',
      ),
      fc.string({ unit: 'binary', maxLength: 60 }).map((text) => `in-court/live-case-status?courtId=${text}`),
      nastyText.map((text) => text.slice(0, 600)),
    )
    .map((text) => Buffer.from(wellFormed(text), 'utf8').toString(text.length % 2 === 0 ? 'base64' : 'base64url')),
  wireValue,
  fc.base64String({ maxLength: 800 }),
  fc.constantFrom('%2F..%2F', '====', 'a'.repeat(600), '+/+/', '-_-_'),
);

export async function screenProperty(world: BadInputWorld, token: string): Promise<string> {
  const target = `/api/live-case-status/screen/${token.replace(/\//g, '%2F').replace(/\+/g, '%2B')}`;
  const answer = await get(world, target);
  checkAnswer(answer);
  if (answer.status === 200 && !isJson(answer)) fail('a screen feed that is not JSON', answer);
  if (answer.status === 200 && courtIdFromSignedScreenToken(token, testScreenLinkKeys) === null) {
    fail('a screen feed answered a token no held key signed', answer);
  }
  return String(answer.status);
}

// ---------------------------------------------------------------------------------------------------------------
// Subscriptions: POST /api/subscriptions as a verified user

const subscriptionValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText.map((text) => text.slice(0, 5_000)),
  fc.constantFrom('1501', ' 1502 ', '0', '2147483648', '4242', 'SJP_PUBLIC_LIST', 'crown_daily_list', 'x'.repeat(201)),
  fc.jsonValue({ maxDepth: 2 }),
);

export interface SubscriptionCase {
  body: unknown;
  contentType: string;
  /** A raw body instead of the JSON of `body` (broken JSON, not UTF-8, deep nesting). */
  raw: Buffer | null;
}

export const subscriptionCase: fc.Arbitrary<SubscriptionCase> = fc.record({
  body: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          searchType: fc.oneof(
            fc.constantFrom('LOCATION_ID', 'CASE_NUMBER', 'CASE_URN', 'CASE_NAME', 'PARTY_NAME', 'LIST_TYPE'),
            subscriptionValue,
          ),
          searchValue: subscriptionValue,
          listTypes: fc.oneof(fc.array(subscriptionValue, { maxLength: 4 }), subscriptionValue),
          languages: fc.oneof(
            fc.array(fc.constantFrom('ENGLISH', 'WELSH', 'BI_LINGUAL', 'welsh', ''), { maxLength: 4 }),
            subscriptionValue,
          ),
          userId: subscriptionValue,
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  ),
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=latin1',
        'text/plain',
        '',
        'application/json; charset="UTF-8"',
      ),
    },
  ),
  raw: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from('{"searchType":'),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
        Buffer.from('['.repeat(20_000)),
        Buffer.from(`{"searchType":"CASE_NAME","searchValue":"${'a'.repeat(20_000)}"}`),
        Buffer.from('\ufeff{"searchType":"CASE_NAME","searchValue":"x"}'),
      ),
    },
  ),
});

async function subscriptionCount(world: BadInputWorld): Promise<number> {
  const { rows } = await world.database.query<{ n: string }>('SELECT count(*) AS n FROM subscription');
  return Number(rows[0]?.n);
}

export async function subscriptionProperty(world: BadInputWorld, test: SubscriptionCase): Promise<string> {
  const before = await subscriptionCount(world);
  const body = test.raw ?? Buffer.from(JSON.stringify(test.body), 'utf8');
  const answer = await rawRequest(world.port, {
    method: 'POST',
    target: '/api/subscriptions',
    headers: [
      ['host', `127.0.0.1:${world.port}`],
      ['authorization', `Bearer ${world.tokens.media}`],
      ['content-type', test.contentType],
    ],
    body,
  });
  checkAnswer(answer);
  const after = await subscriptionCount(world);
  if (answer.status >= 400 && after !== before) fail('a refused subscription was stored', answer);
  if (answer.status === 201 && after !== before + 1) fail('a 201 stored no subscription', answer);
  if (answer.status === 200 && after !== before) fail('a 200 (one already held) stored another', answer);
  if (answer.status < 300) {
    const made = JSON.parse(answer.body.toString('utf8')) as { searchValue?: unknown };
    if (typeof made.searchValue !== 'string' || made.searchValue.trim() !== made.searchValue || made.searchValue === '')
      fail('a subscription was stored with a value that is not trimmed text', answer);
  }
  return String(answer.status);
}

// ---------------------------------------------------------------------------------------------------------------
// Running them

export interface PropertyDefinition<T> {
  name: string;
  /** Runs in CI (about 30-60 s for all of them on a quiet two-core machine). */
  ciRuns: number;
  arbitrary: fc.Arbitrary<T>;
  check(world: BadInputWorld, value: T): Promise<string>;
}

const define = <T>(definition: PropertyDefinition<T>): PropertyDefinition<unknown> => definition;

export const badInputProperties: PropertyDefinition<unknown>[] = [
  define({ name: 'ingestion (POST /api/publication)', ciRuns: 50, arbitrary: ingestionCase, check: ingestionProperty }),
  define({ name: 'Excel workbooks (POST /api/publication)', ciRuns: 25, arbitrary: excelCase, check: excelProperty }),
  define({ name: 'paths and queries', ciRuns: 100, arbitrary: pathCase, check: pathProperty }),
  define({ name: 'court reference import (CSV)', ciRuns: 40, arbitrary: csvCase, check: csvProperty }),
  define({ name: 'portal forms', ciRuns: 80, arbitrary: formCase, check: formProperty }),
  define({ name: 'screen token', ciRuns: 80, arbitrary: screenToken, check: screenProperty }),
  define({
    name: 'subscriptions (POST /api/subscriptions)',
    ciRuns: 60,
    arbitrary: subscriptionCase,
    check: subscriptionProperty,
  }),
];

export interface PropertyOutcome {
  name: string;
  seed: number;
  numRuns: number;
  failed: boolean;
  /** Answers seen, e.g. { "400": 90, "published": 20 }. */
  outcomes: Record<string, number>;
  ms: number;
  /** fast-check's report: the counterexample, its seed and path (to replay), the error. */
  report: string | null;
}

export async function runProperty(
  world: BadInputWorld,
  property: PropertyDefinition<unknown>,
  options: { seed: number; numRuns: number },
): Promise<PropertyOutcome> {
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(property.arbitrary, async (value) => {
      const outcome = await property.check(world, value);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }),
    {
      seed: options.seed,
      numRuns: options.numRuns,
    },
  );
  return {
    name: property.name,
    seed: options.seed,
    numRuns: details.numRuns,
    failed: details.failed,
    outcomes,
    ms: Math.round(performance.now() - started),
    report: details.failed ? failureReport(details) : null,
  };
}

/** fast-check's report (seed, path, counterexample) and the error the counterexample met, shortened. */
function failureReport(details: fc.RunDetails<[unknown]>): string {
  const error = details.errorInstance;
  const message = error instanceof Error ? error.message : String(error);
  const report = (fc.defaultReportMessage(details) ?? 'failed').replace(
    /(\\u0000){20,}/g,
    (run) => `\\u0000×${run.length / 6}`,
  );
  return `${report.slice(0, 4000)}\nError: ${message.slice(0, 2000)}`;
}

export function summaryLine(outcome: PropertyOutcome): string {
  const answers = Object.entries(outcome.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([answer, count]) => `${answer}×${count}`)
    .join(' ');
  return `bad-input property "${outcome.name}": ${outcome.numRuns} cases, seed ${outcome.seed}, ${outcome.ms} ms, ${outcome.failed ? 'FAILED' : 'passed'} [${answers}]`;
}
