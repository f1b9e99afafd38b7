import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import type { EventLogger } from '../logging/log-event.js';
import {
  blobGlossarySource,
  createGlossaryStore,
  newestGlossaryBlob,
  parseGlossary,
  type GlossarySource,
} from './glossary.js';

const liveGlossary = readFileSync(fixtureUrl('live', 'CaseEventGlossary.json'), 'utf8');

describe('parseGlossary', () => {
  it('accepts the live glossary: 49 court events, duplicates of a name included', () => {
    const result = parseGlossary(liveGlossary);
    expect(result.ok && result.entries.length).toBe(49);
    expect(result.ok && result.entries[0]).toEqual({
      id: 1,
      name: 'Adjourned',
      description: 'The case has been adjourned.',
    });
  });

  it('accepts Welsh names and descriptions', () => {
    const result = parseGlossary(
      '[{"name":"Adjourned","description":"The case has been adjourned.","welshName":"Gohiriwyd","welshDescription":"Mae’r achos wedi’i ohirio."}]',
    );
    expect(result.ok && result.entries[0]?.welshName).toBe('Gohiriwyd');
  });

  it('names every problem of a bad file', () => {
    expect(parseGlossary('{"name":')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not JSON/)] });
    expect(parseGlossary('[]')).toEqual({ ok: false, problems: ['(file): must list at least one court event'] });
    expect(
      parseGlossary('[{"name":"","description":"x"},{"name":"<script>x</script>","description":"y"},{"name":"A"}]'),
    ).toEqual({
      ok: false,
      problems: [
        '0.name: must not be empty',
        '1.name: must not contain HTML',
        '2.description: Invalid input: expected string, received undefined',
      ],
    });
  });
});

describe('newestGlossaryBlob', () => {
  const at = (iso: string) => new Date(iso);
  it('picks the most recently written JSON file, whatever its name', () => {
    expect(
      newestGlossaryBlob([
        { name: 'glossary-b.json', etag: '1', lastModified: at('2026-03-01T10:00:00Z') },
        { name: 'glossary-a.json', etag: '2', lastModified: at('2026-03-01T10:00:01Z') },
        { name: 'notes.txt', etag: '3', lastModified: at('2026-03-01T10:00:05Z') },
      ]),
    ).toEqual({ name: 'glossary-a.json', etag: '2' });
  });

  it('between two written in the same second, picks the later name', () => {
    expect(
      newestGlossaryBlob([
        { name: 'glossary-2.json', etag: '2', lastModified: at('2026-03-01T10:00:00Z') },
        { name: 'glossary-1.json', etag: '1', lastModified: at('2026-03-01T10:00:00Z') },
      ]),
    ).toEqual({ name: 'glossary-2.json', etag: '2' });
    expect(newestGlossaryBlob([])).toBeNull();
  });
});

describe('the glossary store over Blob Storage', () => {
  const storage = testStorage();
  const container = storage.blobService.getContainerClient(uniqueName('glossary'));
  let clock = 0;
  const logged: unknown[] = [];
  const record = (entry: unknown) => logged.push(entry);
  const logger: EventLogger = {
    invocationId: 'glossary-test',
    debug: record,
    info: record,
    warn: record,
    error: record,
  };
  const source = blobGlossarySource(container);
  let reads = 0;
  const countingSource: GlossarySource = {
    newest: () => source.newest(),
    read: (name) => {
      reads += 1;
      return source.read(name);
    },
  };
  const store = createGlossaryStore({
    source: countingSource,
    refreshAfterMs: 1000,
    now: () => clock,
  });
  // Each file is named after the one before it, so it is the newest whether or not the second has turned
  // (timestamps have one-second resolution; newestGlossaryBlob's own tests cover the ordering by time).
  const drop = async (name: string, content: string) => {
    await container.getBlockBlobClient(name).uploadData(Buffer.from(content));
  };

  beforeAll(async () => {
    await container.createIfNotExists();
  });
  afterAll(async () => {
    await container.deleteIfExists();
  });

  it('answers MISSING while no glossary has been dropped', async () => {
    expect(await store.current()).toEqual({ status: 'MISSING' });
  });

  it('loads the dropped glossary and serves it from cache until the refresh interval', async () => {
    await drop('court-event-glossary-1.json', liveGlossary);
    clock += 5000;
    const state = await store.current();
    expect(state.status === 'LOADED' && state.entries.length).toBe(49);
    const readsAfterLoad = reads;
    await drop('court-event-glossary-2.json', '[{"name":"Adjourned","description":"Replaced."}]');
    clock += 10; // within the interval: the cached glossary
    expect(await store.current()).toMatchObject({ status: 'LOADED', blobName: 'court-event-glossary-1.json' });
    expect(reads).toBe(readsAfterLoad);
  });

  it('replaces the glossary with a newer file once the interval has passed', async () => {
    clock += 5000;
    expect(await store.current()).toEqual({
      status: 'LOADED',
      blobName: 'court-event-glossary-2.json',
      entries: [{ name: 'Adjourned', description: 'Replaced.' }],
    });
  });

  it('keeps the good glossary when a bad file is dropped, and reports the bad file once', async () => {
    await drop('court-event-glossary-3.json', '[{"name":"Adjourned"}]');
    clock += 5000;
    expect(await store.current(logger)).toMatchObject({ status: 'LOADED', blobName: 'court-event-glossary-2.json' });
    clock += 5000;
    await store.current(logger);
    expect(logged).toEqual([
      {
        event: 'GLOSSARY_FILE_REJECTED',
        invocationId: 'glossary-test',
        blobName: 'court-event-glossary-3.json',
        problems: ['0.description: Invalid input: expected string, received undefined'],
      },
    ]);
  });

  it('answers INVALID when the only glossary there is cannot be used', async () => {
    const other = storage.blobService.getContainerClient(uniqueName('glossary'));
    await other.createIfNotExists();
    await other.getBlockBlobClient('g.json').uploadData(Buffer.from('not json'));
    const fresh = createGlossaryStore({ source: blobGlossarySource(other), refreshAfterMs: 1000 });
    expect(await fresh.current()).toMatchObject({ status: 'INVALID', blobName: 'g.json' });
    await other.deleteIfExists();
  });
});
