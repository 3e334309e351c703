ALTER TABLE "incoming_documents" ADD COLUMN "open_deadline" date;--> statement-breakpoint
CREATE INDEX "incoming_open_list_idx" ON "incoming_documents" USING btree ("agency_id","year" DESC NULLS FIRST,"arrival_no" DESC NULLS FIRST,"created_at" DESC NULLS FIRST) WHERE "incoming_documents"."status" <> 'done';--> statement-breakpoint
-- open_deadline: the earliest deadline of a document's open parts (not done, not for information). Kept here,
-- once per statement on incoming_assignments, for the documents the statement touched (a part never moves to
-- another document). "Quá hạn" was an EXISTS over each open document's parts: the overdue list walked 3,000
-- of them at a million documents for its first page (9 ms of PostgreSQL a request).
CREATE OR REPLACE FUNCTION incoming_open_deadline_sync() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE incoming_documents d SET open_deadline = s.m
  FROM (
    SELECT c.document_id,
      (SELECT min(a.deadline) FROM incoming_assignments a WHERE a.document_id = c.document_id AND a.status <> 'done' AND a.role <> 'info') AS m
    FROM (SELECT DISTINCT document_id FROM changed) c
  ) s
  WHERE d.id = s.document_id AND d.open_deadline IS DISTINCT FROM s.m;
  RETURN NULL;
END
$f$;
--> statement-breakpoint
CREATE TRIGGER incoming_open_deadline_ins AFTER INSERT ON incoming_assignments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION incoming_open_deadline_sync();
--> statement-breakpoint
CREATE TRIGGER incoming_open_deadline_upd AFTER UPDATE ON incoming_assignments
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION incoming_open_deadline_sync();
--> statement-breakpoint
CREATE TRIGGER incoming_open_deadline_del AFTER DELETE ON incoming_assignments
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION incoming_open_deadline_sync();
--> statement-breakpoint
UPDATE incoming_documents d SET open_deadline = s.m
FROM (SELECT document_id, min(deadline) AS m FROM incoming_assignments WHERE status <> 'done' AND role <> 'info' GROUP BY document_id) s
WHERE d.id = s.document_id;
