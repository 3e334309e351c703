CREATE TABLE "data_versions" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "data_versions" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
-- Issue 12: the monitoring figures are kept per app instance under this version. A change moves it once per
-- transaction, at commit (a deferred trigger: the row lock is the transaction's last, so writers never wait on
-- it while holding it and cannot deadlock on it; a rolled-back change leaves the version where it was).
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF current_setting('vpdt.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE data_versions SET version = version + 1, updated_at = now() WHERE id = 1;
    PERFORM set_config('vpdt.data_version_bumped', 'on', true);
  END IF;
  RETURN NULL;
END
$f$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER incoming_documents_data_version AFTER INSERT OR UPDATE OR DELETE ON incoming_documents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER incoming_assignments_data_version AFTER INSERT OR UPDATE OR DELETE ON incoming_assignments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER outgoing_documents_data_version AFTER INSERT OR UPDATE OR DELETE ON outgoing_documents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER units_data_version AFTER INSERT OR UPDATE OR DELETE ON units
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER positions_data_version AFTER INSERT OR UPDATE OR DELETE ON positions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER user_positions_data_version AFTER INSERT OR UPDATE OR DELETE ON user_positions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_data_version AFTER INSERT OR DELETE OR UPDATE OF full_name, active ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER calendar_versions_data_version AFTER INSERT OR UPDATE OR DELETE ON calendar_versions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
