-- Court reference data import: the stored procedure that applies a staged CSV file to court and court_reference.
--
-- The live reference files give the same (provenance, provenance location id) to several courts (see
-- integration_ValidCsv.csv), so a pair is unique per court, not globally. The provenance lookup treats a pair shared
-- by several courts as ambiguous (the publication goes to NoMatch<id>) rather than guessing a court.
ALTER TABLE court_reference DROP CONSTRAINT court_reference_provenance_provenance_location_id_key;
ALTER TABLE court_reference
  ADD CONSTRAINT court_reference_unique_per_court UNIQUE (location_id, provenance, provenance_location_id);
CREATE INDEX court_reference_lookup ON court_reference (lower(provenance), provenance_location_id);

-- Region and jurisdiction filters of GET /api/locations.
CREATE INDEX court_region ON court USING gin (region);
CREATE INDEX court_jurisdiction ON court USING gin (jurisdiction);

-- import_court_reference_data: applies the rows staged in the temporary table court_import_staging (created by the
-- caller in the same transaction, one row per court reference) and answers the counts.
--
-- Staging columns: line (the file line, for problems), location_id (the P&I ID; NULL in the seed's format, where a
-- court is identified by its name), the court's fields, and one provenance reference. A court field that is NULL was
-- not in the file (its column is absent) and keeps its stored value; an empty string or empty array clears it.
-- Rows of one court carry identical court fields (the caller validates that).
--
-- Contract:
--   * Every court in the file is added (new P&I ID or name) or, if any field or its set of references differs,
--     updated with date_updated = now(); otherwise it is unchanged. Courts absent from the file are left alone
--     (deletion is DELETE /api/locations/{id}, which checks publications and subscriptions).
--   * A court's references become exactly those in the file (added, retyped or removed).
--   * A name (English or Welsh, case-insensitive) already held by a court outside the file is a conflict: the
--     procedure raises SQLSTATE 'PIP01' with DETAIL a JSON array of { line, column, problem } and changes nothing.
--   * The identity sequence is moved past explicit P&I IDs so generated ids never collide with them.
--   * court and court_reference are locked against concurrent imports (readers are not blocked).
--
-- How it stays fast (measured on 100k staged rows):
--   * work_mem is raised for the call only, so the DISTINCT ON sorts and the hash joins stay in memory instead of
--     spilling to disk (the 4MB default spilled 32MB of sort).
--   * The seed format's name lookup runs only when the file has courts without a P&I ID.
--   * The check for names held by courts outside the file runs only when the court upsert hits one of court's unique
--     name indexes: a name in the file held by a court outside it is exactly what those indexes refuse (the names
--     within the file were checked row by row already). The upsert runs in a block that is rolled back on a
--     unique violation, so the check then sees the stored courts as they were and lists every conflict; a violation
--     it cannot explain (two courts in the file swapping names) is raised as it came.
--   * The update of changed courts starts from the courts that changed (a hashed subquery over the reference
--     changes) instead of probing every stored court.
CREATE PROCEDURE import_court_reference_data(
  INOUT added integer DEFAULT NULL,
  INOUT updated integer DEFAULT NULL,
  INOUT unchanged integer DEFAULT NULL,
  INOUT references_added integer DEFAULT NULL,
  INOUT references_removed integer DEFAULT NULL
)
LANGUAGE plpgsql
SET work_mem = '64MB'
AS $$
DECLARE
  conflicts jsonb;
  sequence_name text;
  next_id bigint;
  max_id integer;
BEGIN
  LOCK TABLE court, court_reference IN SHARE ROW EXCLUSIVE MODE;

  -- Seed format: a court without a P&I ID is the stored court of the same name, or a new one.
  IF EXISTS (SELECT 1 FROM court_import_staging WHERE location_id IS NULL) THEN
    UPDATE court_import_staging s
       SET location_id = c.location_id
      FROM court c
     WHERE s.location_id IS NULL AND lower(c.name) = lower(s.name);
    WITH new_names AS (
      SELECT DISTINCT lower(name) AS name_key FROM court_import_staging WHERE location_id IS NULL
    ), allocated AS (
      SELECT name_key, nextval(pg_get_serial_sequence('court', 'location_id'))::integer AS location_id FROM new_names
    )
    UPDATE court_import_staging s
       SET location_id = a.location_id
      FROM allocated a
     WHERE s.location_id IS NULL AND lower(s.name) = a.name_key;
  END IF;

  -- One row per court: its fields as they will be after the import, and whether it exists now.
  CREATE TEMPORARY TABLE court_import_courts ON COMMIT DROP AS
  SELECT DISTINCT ON (s.location_id)
         s.location_id,
         s.line,
         c.location_id IS NULL AS is_new,
         s.name AS name,
         CASE WHEN s.welsh_name IS NULL THEN c.welsh_name ELSE NULLIF(s.welsh_name, '') END AS welsh_name,
         COALESCE(s.region, c.region, '{}') AS region,
         COALESCE(s.welsh_region, c.welsh_region, '{}') AS welsh_region,
         COALESCE(s.jurisdiction, c.jurisdiction, '{}') AS jurisdiction,
         COALESCE(s.welsh_jurisdiction, c.welsh_jurisdiction, '{}') AS welsh_jurisdiction,
         COALESCE(s.jurisdiction_type, c.jurisdiction_type, '{}') AS jurisdiction_type,
         COALESCE(s.welsh_jurisdiction_type, c.welsh_jurisdiction_type, '{}') AS welsh_jurisdiction_type,
         CASE WHEN s.email IS NULL THEN c.email ELSE NULLIF(s.email, '') END AS email,
         CASE WHEN s.contact_no IS NULL THEN c.contact_no ELSE NULLIF(s.contact_no, '') END AS contact_no,
         (c.location_id IS NOT NULL AND (
              c.name IS DISTINCT FROM s.name
           OR c.welsh_name IS DISTINCT FROM (CASE WHEN s.welsh_name IS NULL THEN c.welsh_name ELSE NULLIF(s.welsh_name, '') END)
           OR c.region IS DISTINCT FROM COALESCE(s.region, c.region)
           OR c.welsh_region IS DISTINCT FROM COALESCE(s.welsh_region, c.welsh_region)
           OR c.jurisdiction IS DISTINCT FROM COALESCE(s.jurisdiction, c.jurisdiction)
           OR c.welsh_jurisdiction IS DISTINCT FROM COALESCE(s.welsh_jurisdiction, c.welsh_jurisdiction)
           OR c.jurisdiction_type IS DISTINCT FROM COALESCE(s.jurisdiction_type, c.jurisdiction_type)
           OR c.welsh_jurisdiction_type IS DISTINCT FROM COALESCE(s.welsh_jurisdiction_type, c.welsh_jurisdiction_type)
           OR c.email IS DISTINCT FROM (CASE WHEN s.email IS NULL THEN c.email ELSE NULLIF(s.email, '') END)
           OR c.contact_no IS DISTINCT FROM (CASE WHEN s.contact_no IS NULL THEN c.contact_no ELSE NULLIF(s.contact_no, '') END)
         )) AS fields_changed
    FROM court_import_staging s
    LEFT JOIN court c ON c.location_id = s.location_id
   ORDER BY s.location_id, s.line;
  CREATE UNIQUE INDEX ON court_import_courts (location_id);
  ANALYZE court_import_courts;

  -- The references each court will have, and how they differ from the stored ones.
  CREATE TEMPORARY TABLE court_import_references ON COMMIT DROP AS
  SELECT DISTINCT ON (location_id, provenance, provenance_location_id)
         location_id, provenance, provenance_location_id, provenance_location_type
    FROM court_import_staging
   ORDER BY location_id, provenance, provenance_location_id, line;
  ANALYZE court_import_references;

  CREATE TEMPORARY TABLE court_import_reference_changes ON COMMIT DROP AS
  SELECT f.location_id, f.provenance, f.provenance_location_id, f.provenance_location_type,
         CASE WHEN r.court_reference_id IS NULL THEN 'add' ELSE 'retype' END AS change
    FROM court_import_references f
    LEFT JOIN court_reference r
      ON r.location_id = f.location_id AND r.provenance = f.provenance AND r.provenance_location_id = f.provenance_location_id
   WHERE r.court_reference_id IS NULL OR r.provenance_location_type <> f.provenance_location_type
  UNION ALL
  SELECT r.location_id, r.provenance, r.provenance_location_id, r.provenance_location_type, 'remove'
    FROM court_reference r
    JOIN court_import_courts f ON f.location_id = r.location_id
   WHERE NOT EXISTS (
           SELECT 1 FROM court_import_references k
            WHERE k.location_id = r.location_id AND k.provenance = r.provenance
              AND k.provenance_location_id = r.provenance_location_id);
  ANALYZE court_import_reference_changes;

  BEGIN
    -- Existing courts first (a court renamed away frees its name for a new court in the same file).
    UPDATE court c
       SET name = f.name,
           welsh_name = f.welsh_name,
           region = f.region,
           welsh_region = f.welsh_region,
           jurisdiction = f.jurisdiction,
           welsh_jurisdiction = f.welsh_jurisdiction,
           jurisdiction_type = f.jurisdiction_type,
           welsh_jurisdiction_type = f.welsh_jurisdiction_type,
           email = f.email,
           contact_no = f.contact_no,
           date_updated = now()
      FROM (SELECT *
              FROM court_import_courts k
             WHERE NOT k.is_new
               AND (k.fields_changed
                    OR k.location_id IN (SELECT x.location_id FROM court_import_reference_changes x))) f
     WHERE c.location_id = f.location_id;
    GET DIAGNOSTICS updated = ROW_COUNT;

    INSERT INTO court (location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction,
                       jurisdiction_type, welsh_jurisdiction_type, email, contact_no)
    SELECT location_id, name, welsh_name, region, welsh_region, jurisdiction, welsh_jurisdiction,
           jurisdiction_type, welsh_jurisdiction_type, email, contact_no
      FROM court_import_courts
     WHERE is_new;
    GET DIAGNOSTICS added = ROW_COUNT;
  EXCEPTION WHEN unique_violation THEN
    -- Names held by a court the file does not mention (names within the file were checked row by row already).
    SELECT jsonb_agg(problem ORDER BY (problem ->> 'line')::integer, problem ->> 'column')
      INTO conflicts
      FROM (
        SELECT jsonb_build_object(
                 'line', f.line, 'column', 'Court Desc',
                 'problem', format('duplicate English name: "%s" is already the name of location %s', f.name, c.location_id)) AS problem
          FROM court_import_courts f
          JOIN court c ON lower(c.name) = lower(f.name) AND c.location_id <> f.location_id
         WHERE NOT EXISTS (SELECT 1 FROM court_import_courts o WHERE o.location_id = c.location_id)
        UNION ALL
        SELECT jsonb_build_object(
                 'line', f.line, 'column', 'Welsh Court Desc',
                 'problem', format('duplicate Welsh name: "%s" is already the Welsh name of location %s', f.welsh_name, c.location_id))
          FROM court_import_courts f
          JOIN court c ON lower(c.welsh_name) = lower(f.welsh_name) AND c.location_id <> f.location_id
         WHERE f.welsh_name IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM court_import_courts o WHERE o.location_id = c.location_id)
      ) found;
    IF conflicts IS NOT NULL THEN
      RAISE EXCEPTION 'court reference data conflicts with stored courts'
        USING ERRCODE = 'PIP01', DETAIL = conflicts::text;
    END IF;
    RAISE;
  END;

  SELECT count(*) - added - updated INTO unchanged FROM court_import_courts;

  DELETE FROM court_reference r
   USING court_import_reference_changes x
   WHERE x.change = 'remove' AND r.location_id = x.location_id
     AND r.provenance = x.provenance AND r.provenance_location_id = x.provenance_location_id;
  GET DIAGNOSTICS references_removed = ROW_COUNT;

  UPDATE court_reference r
     SET provenance_location_type = x.provenance_location_type
    FROM court_import_reference_changes x
   WHERE x.change = 'retype' AND r.location_id = x.location_id
     AND r.provenance = x.provenance AND r.provenance_location_id = x.provenance_location_id;

  INSERT INTO court_reference (location_id, provenance, provenance_location_id, provenance_location_type)
  SELECT location_id, provenance, provenance_location_id, provenance_location_type
    FROM court_import_reference_changes
   WHERE change = 'add';
  GET DIAGNOSTICS references_added = ROW_COUNT;

  -- Explicit P&I IDs may run past the sequence: move it on so generated ids never collide with them.
  sequence_name := pg_get_serial_sequence('court', 'location_id');
  EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', sequence_name) INTO next_id;
  SELECT max(location_id) INTO max_id FROM court;
  IF max_id >= next_id THEN
    PERFORM setval(sequence_name, max_id, true);
  END IF;
END;
$$;
