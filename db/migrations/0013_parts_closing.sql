ALTER TABLE "incoming_assignments" ADD COLUMN "closed_with_document" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "wait_for_opinions" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "assignments_user_done_idx" ON "incoming_assignments" USING btree ("user_id","done_at" DESC NULLS FIRST) WHERE "incoming_assignments"."status" = 'done';--> statement-breakpoint
-- Issue 11 item 5: parts left open on documents already done close as "Đóng theo văn bản".
UPDATE "incoming_assignments" a SET "status" = 'done', "closed_with_document" = true, "done_at" = d."done_at"
  FROM "incoming_documents" d
  WHERE d."id" = a."document_id" AND d."status" = 'done' AND a."status" <> 'done' AND a."role" IN ('coordinate', 'info');
--> statement-breakpoint
-- An internal document delivered for information has no deadline.
UPDATE "incoming_assignments" a SET "deadline" = NULL
  FROM "incoming_documents" d
  WHERE d."id" = a."document_id" AND d."source" = 'internal' AND a."role" = 'info' AND a."parent_id" IS NULL;
