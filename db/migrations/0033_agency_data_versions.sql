CREATE TABLE "agency_data_versions" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_data_versions" ADD CONSTRAINT "agency_data_versions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The triggers of migration 0026 now move the version of the agency the changed row belongs to, once per
-- transaction and agency (a transaction-local setting per agency remembers it). A row that names no agency any
-- more at commit (a part whose document was deleted in the same transaction) moves every agency's version.
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  r record;
  ag uuid;
  flag text;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME IN ('incoming_documents', 'outgoing_documents', 'units', 'users', 'calendar_versions') THEN
    ag := r.agency_id;
  ELSIF TG_TABLE_NAME = 'incoming_assignments' THEN
    SELECT d.agency_id INTO ag FROM incoming_documents d WHERE d.id = r.document_id;
  ELSIF TG_TABLE_NAME = 'positions' THEN
    SELECT u.agency_id INTO ag FROM units u WHERE u.id = r.unit_id;
  ELSIF TG_TABLE_NAME = 'user_positions' THEN
    SELECT u.agency_id INTO ag FROM positions p JOIN units u ON u.id = p.unit_id WHERE p.id = r.position_id;
  END IF;
  IF ag IS NULL THEN
    IF current_setting('vpdt.dv_all', true) IS DISTINCT FROM 'on' THEN
      INSERT INTO agency_data_versions (agency_id, version) SELECT a.id, 1 FROM agencies a
        ON CONFLICT (agency_id) DO UPDATE SET version = agency_data_versions.version + 1, updated_at = now();
      PERFORM set_config('vpdt.dv_all', 'on', true);
    END IF;
    RETURN NULL;
  END IF;
  flag := 'vpdt.dv_' || replace(ag::text, '-', '');
  IF current_setting(flag, true) IS DISTINCT FROM 'on' THEN
    INSERT INTO agency_data_versions (agency_id, version) VALUES (ag, 1)
      ON CONFLICT (agency_id) DO UPDATE SET version = agency_data_versions.version + 1, updated_at = now();
    PERFORM set_config(flag, 'on', true);
  END IF;
  RETURN NULL;
END
$f$;
