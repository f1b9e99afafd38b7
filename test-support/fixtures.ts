/**
 * The data files tests and benches read, kept in the repository under test-fixtures/ (copies of the live service's
 * public files, MIT licence, copyright HMCTS: see test-fixtures/SOURCES.md). Every path to them is made here.
 */

/** The folders of test-fixtures/: list payloads, JSON Schemas, court reference CSVs, live case status data,
 * load-test payloads and the live service's list-type catalogue. */
export type FixtureKind = 'lists' | 'schemas' | 'reference-data' | 'live' | 'perf' | 'catalogue';

const fixturesRoot = new URL('../test-fixtures/', import.meta.url);

/** The folder of one kind of fixture, ending in `/`: for readdir, or to resolve file names against. */
export function fixtureDirectory(kind: FixtureKind): URL {
  return new URL(`${kind}/`, fixturesRoot);
}

/** One fixture file. */
export function fixtureUrl(kind: FixtureKind, name: string): URL {
  return new URL(name, fixtureDirectory(kind));
}
