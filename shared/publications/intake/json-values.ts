/** Reading parsed JSON loosely, as the search-term extractors do: a value of the wrong kind reads as nothing. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text with something in it, trimmed; null for anything else. */
export const nonBlankText = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The items of an array; none for anything else. */
export const arrayItems = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
