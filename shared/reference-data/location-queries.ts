/** Reading and deleting courts (locations) for the read API. */
import { recordAuditEvent } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type Database, type DatabaseClient } from '../db/database.js';
import { countLivePublicationsAt } from '../publications/store/publication-records.js';

export interface Location {
  locationId: number;
  name: string;
  welshName: string | null;
  region: string[];
  welshRegion: string[];
  jurisdiction: string[];
  welshJurisdiction: string[];
  jurisdictionType: string[];
  welshJurisdictionType: string[];
  dateUpdated: string;
}

export interface LocationFilter {
  /** Any of these regions (case-insensitive); empty means any region. */
  regions: string[];
  /** Any of these jurisdictions or jurisdiction types (case-insensitive); empty means any. */
  jurisdictions: string[];
  /** Filter and order by the Welsh fields. */
  language: 'en' | 'cy';
}

/** A court's name, region and jurisdiction columns, as PostgreSQL gives them to the court file export. */
export interface LocationNameRow {
  location_id: number;
  name: string;
  welsh_name: string | null;
  region: string[];
  welsh_region: string[];
  jurisdiction: string[];
  welsh_jurisdiction: string[];
  jurisdiction_type: string[];
  welsh_jurisdiction_type: string[];
}

/** A row as the columns below name it: a Location, but for the date, made a string here. */
interface LocationRow extends Omit<Location, 'dateUpdated'> {
  dateUpdated: Date;
}

const columns = `location_id AS "locationId", name, welsh_name AS "welshName", region, welsh_region AS "welshRegion",
  jurisdiction, welsh_jurisdiction AS "welshJurisdiction", jurisdiction_type AS "jurisdictionType",
  welsh_jurisdiction_type AS "welshJurisdictionType", date_updated AS "dateUpdated"`;

function toLocation(row: LocationRow): Location {
  return { ...row, dateUpdated: row.dateUpdated.toISOString() };
}

export async function listLocations(database: Database, filter: LocationFilter): Promise<Location[]> {
  const welsh = filter.language === 'cy';
  const region = welsh ? 'welsh_region' : 'region';
  const jurisdiction = welsh ? 'welsh_jurisdiction' : 'jurisdiction';
  const jurisdictionType = welsh ? 'welsh_jurisdiction_type' : 'jurisdiction_type';
  const orderBy = welsh ? 'lower(COALESCE(welsh_name, name))' : 'lower(name)';
  const { rows } = await database.query<LocationRow>(
    `SELECT ${columns} FROM court
      WHERE (cardinality($1::text[]) = 0
             OR EXISTS (SELECT 1 FROM unnest(${region}) v WHERE lower(v) = ANY ($1::text[])))
        AND (cardinality($2::text[]) = 0
             OR EXISTS (SELECT 1 FROM unnest(${jurisdiction} || ${jurisdictionType}) v WHERE lower(v) = ANY ($2::text[])))
      ORDER BY ${orderBy}, location_id`,
    [filter.regions.map((r) => r.toLowerCase()), filter.jurisdictions.map((j) => j.toLowerCase())],
  );
  return rows.map(toLocation);
}

export async function getLocation(database: Database, locationId: number): Promise<Location | null> {
  const { rows } = await database.query<LocationRow>(`SELECT ${columns} FROM court WHERE location_id = $1`, [
    locationId,
  ]);
  const [row] = rows;
  return row ? toLocation(row) : null;
}

export async function courtExists(database: Database, locationId: number): Promise<boolean> {
  const { rowCount } = await database.query('SELECT 1 FROM court WHERE location_id = $1', [locationId]);
  return rowCount === 1;
}

/** The Single Justice Procedure's national location: every SJP list is published against it. */
export const singleJusticeProcedureLocationId = 9;

export type LocationDeletion =
  | { deleted: true; location: Location; referencesDeleted: number }
  | { deleted: false; reason: 'NOT_FOUND' | 'PROTECTED' }
  | { deleted: false; reason: 'HAS_LIVE_PUBLICATIONS'; livePublications: number }
  | { deleted: false; reason: 'HAS_SUBSCRIPTIONS'; subscriptions: number };

/**
 * Deletes a court and its provenance references. The caller runs it in the transaction that also records the audit
 * event. A court with live (not archived) publications is kept: they would be left pointing at nothing. So is a
 * court people subscribe to: their subscriptions would silently stop matching.
 */
export async function deleteLocation(client: Database | DatabaseClient, locationId: number): Promise<LocationDeletion> {
  if (locationId === singleJusticeProcedureLocationId) return { deleted: false, reason: 'PROTECTED' };
  const { rows } = await client.query<LocationRow>(`SELECT ${columns} FROM court WHERE location_id = $1 FOR UPDATE`, [
    locationId,
  ]);
  const [row] = rows;
  if (!row) return { deleted: false, reason: 'NOT_FOUND' };
  const livePublications = await countLivePublicationsAt(client, locationId);
  if (livePublications > 0) return { deleted: false, reason: 'HAS_LIVE_PUBLICATIONS', livePublications };
  const followed = await client.query<{ count: string }>(
    `SELECT count(*) FROM subscription WHERE search_type = 'LOCATION_ID' AND btrim(search_value) = $1`,
    [String(locationId)],
  );
  const subscriptions = Number(followed.rows[0]?.count ?? 0);
  if (subscriptions > 0) return { deleted: false, reason: 'HAS_SUBSCRIPTIONS', subscriptions };
  const references = await client.query('DELETE FROM court_reference WHERE location_id = $1', [locationId]);
  await client.query('DELETE FROM court WHERE location_id = $1', [locationId]);
  return { deleted: true, location: toLocation(row), referencesDeleted: references.rowCount ?? 0 };
}

export const locationDeleteAuditAction = 'LOCATION_DELETE';

/**
 * Deletes a court under deleteLocation's rules, for a person (the DELETE API, the system admin's page): the deletion
 * and its audit record (LOCATION_DELETE: SUCCESS with the court's name, or FAILURE with the reason) commit together.
 * `objectId` is the id as the caller asked for it (the audit names what was asked, even when it was no court).
 */
export async function deleteLocationAudited(
  database: Database,
  actor: Principal,
  locationId: number,
  details: Record<string, unknown> = {},
): Promise<LocationDeletion> {
  return inTransaction(database, async (client) => {
    const deletion = await deleteLocation(client, locationId);
    await recordAuditEvent(client, {
      action: locationDeleteAuditAction,
      outcome: deletion.deleted ? 'SUCCESS' : 'FAILURE',
      actor,
      objectType: 'location',
      objectId: String(locationId),
      details: {
        ...details,
        ...(deletion.deleted
          ? { name: deletion.location.name, referencesDeleted: deletion.referencesDeleted }
          : deletion.reason === 'HAS_LIVE_PUBLICATIONS'
            ? { reason: deletion.reason, livePublications: deletion.livePublications }
            : deletion.reason === 'HAS_SUBSCRIPTIONS'
              ? { reason: deletion.reason, subscriptions: deletion.subscriptions }
              : { reason: deletion.reason }),
      },
    });
    return deletion;
  });
}
