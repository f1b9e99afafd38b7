/**
 * Each court's screen refresh period (table court_screen_setting, migration 054; this module owns it): how often the
 * court's in-court screens reload, in seconds. 60 unless a system admin has changed it, always within 15..600. It
 * drives the screen page's `<meta http-equiv="refresh">` and the live case feed's `Cache-Control: max-age`.
 */
import { z } from 'zod';
import type { Database, DatabaseClient } from '../db/database.js';

export const DEFAULT_SCREEN_REFRESH_SECONDS = 60;
export const MIN_SCREEN_REFRESH_SECONDS = 15;
export const MAX_SCREEN_REFRESH_SECONDS = 600;

/** A period as typed into a form: whole seconds within the allowed range. */
export const screenRefreshSecondsSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, 'NOT_A_NUMBER')
  .transform(Number)
  .pipe(
    z.number().int().min(MIN_SCREEN_REFRESH_SECONDS, 'OUT_OF_RANGE').max(MAX_SCREEN_REFRESH_SECONDS, 'OUT_OF_RANGE'),
  );

/** Every court we hold, with its screen refresh period: one query, for callers that keep the map (the feed). */
export async function allScreenRefreshPeriods(database: Database): Promise<Map<number, number>> {
  const { rows } = await database.query<{ location_id: number; refresh_seconds: number }>(
    `SELECT c.location_id, COALESCE(s.refresh_seconds, $1::integer) AS refresh_seconds
       FROM court c LEFT JOIN court_screen_setting s ON s.location_id = c.location_id`,
    [DEFAULT_SCREEN_REFRESH_SECONDS],
  );
  return new Map(rows.map((row) => [row.location_id, row.refresh_seconds]));
}

/** A court's period; null when there is no such court. */
export async function screenRefreshSeconds(database: Database, locationId: number): Promise<number | null> {
  const { rows } = await database.query<{ refresh_seconds: number }>(
    `SELECT COALESCE(s.refresh_seconds, $2::integer) AS refresh_seconds
       FROM court c LEFT JOIN court_screen_setting s ON s.location_id = c.location_id
      WHERE c.location_id = $1`,
    [locationId, DEFAULT_SCREEN_REFRESH_SECONDS],
  );
  return rows[0]?.refresh_seconds ?? null;
}

export type ScreenRefreshChange =
  { changed: true; previous: number; refreshSeconds: number } | { changed: false; reason: 'NOT_FOUND' };

/**
 * Sets a court's period (the caller has validated it; the table's check refuses anything outside 15..600). Answers
 * the period it replaced, for the audit record.
 */
export async function setScreenRefreshSeconds(
  client: Database | DatabaseClient,
  locationId: number,
  refreshSeconds: number,
  updatedBy: string,
): Promise<ScreenRefreshChange> {
  const { rows } = await client.query<{ refresh_seconds: number }>(
    `SELECT COALESCE(s.refresh_seconds, $2::integer) AS refresh_seconds
       FROM court c LEFT JOIN court_screen_setting s ON s.location_id = c.location_id
      WHERE c.location_id = $1 FOR UPDATE OF c`,
    [locationId, DEFAULT_SCREEN_REFRESH_SECONDS],
  );
  const [row] = rows;
  if (!row) return { changed: false, reason: 'NOT_FOUND' };
  await client.query(
    `INSERT INTO court_screen_setting (location_id, refresh_seconds, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (location_id) DO UPDATE
       SET refresh_seconds = EXCLUDED.refresh_seconds, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [locationId, refreshSeconds, updatedBy],
  );
  return { changed: true, previous: row.refresh_seconds, refreshSeconds };
}
