-- Court reference import, explicit moves: a provenance reference another stored court holds is no longer shared
-- silently (issue 17, item 13).
--
-- Before, importing a court with a (provenance, provenance location id) that a court outside the file already held
-- answered no warning and left both courts holding it, so the lookup found it ambiguous and that source's
-- publications went to NoMatch<id> from then on. Now import_court_reference_data refuses it (SQLSTATE 'PIP01', a
-- problem naming both courts and the line; the whole file changes nothing), unless the row says Move = yes, in which
-- case the reference leaves every court outside the file and the count is answered as references_moved.
--
-- What is checked: each reference the file gives a court that the court does not hold yet, against the references
-- of stored courts the file does not describe (provenance case-insensitively, as the lookup matches it). A court the
-- file describes gets exactly the file's references, so a file moving a reference between two courts it lists, or
-- sharing one between them on purpose (the parser warns), needs no flag.
--
-- Concurrency: the procedure locks court and court_reference (SHARE ROW EXCLUSIVE, which conflicts with itself)
-- before it reads anything, and every later statement sees what a concurrent import committed while this one
-- waited; so of two imports giving the same free reference to different courts, the second to get the lock finds it
-- held and is refused. That needs READ COMMITTED (a snapshot taken before the lock would miss the other's commit), so
-- the procedure refuses any other isolation level.
--
-- The staging table gains a column: move boolean NOT NULL (the row's Move flag). The rest of the contract, and how
-- the procedure stays fast, is as migration 002 describes.

DROP PROCEDURE import_court_reference_data(integer, integer, integer, integer, integer);

CREATE PROCEDURE import_court_reference_data(
  INOUT added integer DEFAULT NULL,
  INOUT updated integer DEFAULT NULL,
  INOUT unchanged integer DEFAULT NULL,
  INOUT references_added integer DEFAULT NULL,
  INOUT references_removed integer DEFAULT NULL,
  INOUT references_moved integer DEFAULT NULL
)
LANGUAGE plpgsql
SET work_mem = '64MB'
AS $$
DECLARE
  conflicts jsonb;
  reference_conflicts jsonb;
  by_name boolean;
  sequence_name text;
  next_id bigint;
  max_id integer;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'import_court_reference_data must run at READ COMMITTED, not %',
      current_setting('transaction_isolation');
  END IF;
  LOCK TABLE court, court_reference IN SHARE ROW EXCLUSIVE MODE;

  -- Seed format: a court without a P&I ID is the stored court of the same name, or a new one.
  by_name := EXISTS (SELECT 1 FROM court_import_staging WHERE location_id IS NULL);
  IF by_name THEN
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

  -- References the file gives a court that does not hold them yet, held by a stored court the file does not
  -- describe, on rows without Move = yes: each is a conflict naming both courts and the line.
  SELECT jsonb_agg(problem)
    INTO reference_conflicts
    FROM (
      SELECT jsonb_build_object(
               'line', s.line, 'column', 'Provenance Location ID',
               'problem', format(
                 'provenance reference %s/%s is already held by location %s "%s", which this file does not describe; '
                 'this line gives it to %s"%s". Two courts holding it would send its publications to NoMatch%s: '
                 'put yes in the Move column to move it',
                 s.provenance, s.provenance_location_id, h.location_id, h.name,
                 CASE WHEN by_name THEN '' ELSE format('P&I ID %s ', s.location_id) END, s.name,
                 s.provenance_location_id)) AS problem
        FROM court_import_staging s
        JOIN court_reference r
          ON lower(r.provenance) = lower(s.provenance) AND r.provenance_location_id = s.provenance_location_id
         AND r.location_id <> s.location_id
        JOIN court h ON h.location_id = r.location_id
       WHERE NOT s.move
         AND NOT EXISTS (SELECT 1 FROM court_import_courts o WHERE o.location_id = r.location_id)
         AND NOT EXISTS (
               SELECT 1 FROM court_reference mine
                WHERE mine.location_id = s.location_id AND lower(mine.provenance) = lower(s.provenance)
                  AND mine.provenance_location_id = s.provenance_location_id)
       ORDER BY s.line, h.location_id
    ) found;

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
    conflicts := COALESCE(conflicts, '[]'::jsonb) || COALESCE(reference_conflicts, '[]'::jsonb);
    IF jsonb_array_length(conflicts) > 0 THEN
      RAISE EXCEPTION 'court reference data conflicts with stored courts'
        USING ERRCODE = 'PIP01', DETAIL = conflicts::text;
    END IF;
    RAISE;
  END;

  IF reference_conflicts IS NOT NULL THEN
    RAISE EXCEPTION 'court reference data conflicts with stored courts'
      USING ERRCODE = 'PIP01', DETAIL = reference_conflicts::text;
  END IF;

  SELECT count(*) - added - updated INTO unchanged FROM court_import_courts;

  -- Explicit moves (Move = yes): the reference leaves every stored court the file does not describe, and those
  -- courts are marked updated.
  WITH moved AS (
    DELETE FROM court_reference r
     USING court_import_staging s
     WHERE s.move
       AND lower(r.provenance) = lower(s.provenance) AND r.provenance_location_id = s.provenance_location_id
       AND r.location_id <> s.location_id
       AND NOT EXISTS (SELECT 1 FROM court_import_courts o WHERE o.location_id = r.location_id)
    RETURNING r.location_id
  ), touched AS (
    UPDATE court c SET date_updated = now() WHERE c.location_id IN (SELECT location_id FROM moved)
  )
  SELECT count(*) INTO references_moved FROM moved;

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
