-- security.md §5 row 16, Luật 29/2018 Điều 5: a document that was ever classified keeps no file on
-- this (networked) system, even after a downgrade. `was_secret` becomes true the moment secrecy
-- leaves 'normal' and never goes back; the file links refuse such a document. The application
-- refuses first with a clear message (lib/secrecy); these triggers are the backstop for any path.
UPDATE incoming_documents SET was_secret = true WHERE secrecy <> 'normal';
--> statement-breakpoint
UPDATE outgoing_documents SET was_secret = true WHERE secrecy <> 'normal';
--> statement-breakpoint
-- One function for both tables; the trigger's argument names the document's own file column.
CREATE OR REPLACE FUNCTION documents_keep_secret() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  file_now text;
  file_before text;
BEGIN
  NEW.was_secret := NEW.was_secret OR NEW.secrecy <> 'normal' OR (TG_OP = 'UPDATE' AND OLD.was_secret);
  IF NOT NEW.was_secret THEN
    RETURN NEW;
  END IF;
  file_now := to_jsonb(NEW) ->> TG_ARGV[0];
  IF TG_OP = 'UPDATE' THEN
    file_before := to_jsonb(OLD) ->> TG_ARGV[0];
  END IF;
  IF file_now IS NOT NULL AND file_now IS DISTINCT FROM file_before THEN
    RAISE EXCEPTION '% % was classified: it keeps no file', TG_TABLE_NAME, NEW.id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$f$;
--> statement-breakpoint
CREATE TRIGGER incoming_documents_keep_secret BEFORE INSERT OR UPDATE ON incoming_documents
  FOR EACH ROW EXECUTE FUNCTION documents_keep_secret('main_file_id');
--> statement-breakpoint
CREATE TRIGGER outgoing_documents_keep_secret BEFORE INSERT OR UPDATE ON outgoing_documents
  FOR EACH ROW EXECUTE FUNCTION documents_keep_secret('final_file_id');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION document_files_refuse_secret() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  classified boolean;
BEGIN
  IF TG_TABLE_NAME = 'incoming_files' THEN
    SELECT was_secret INTO classified FROM incoming_documents WHERE id = NEW.document_id;
  ELSE
    SELECT was_secret INTO classified FROM outgoing_documents WHERE id = NEW.document_id;
  END IF;
  IF classified THEN
    RAISE EXCEPTION '% document % was classified: it keeps no file', TG_TABLE_NAME, NEW.document_id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$f$;
--> statement-breakpoint
CREATE TRIGGER incoming_files_refuse_secret BEFORE INSERT OR UPDATE ON incoming_files
  FOR EACH ROW EXECUTE FUNCTION document_files_refuse_secret();
--> statement-breakpoint
CREATE TRIGGER outgoing_files_refuse_secret BEFORE INSERT OR UPDATE ON outgoing_files
  FOR EACH ROW EXECUTE FUNCTION document_files_refuse_secret();
