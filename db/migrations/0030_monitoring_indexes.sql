CREATE INDEX "assignments_document_lead_idx" ON "incoming_assignments" USING btree ("document_id","created_at") WHERE "incoming_assignments"."role" = 'lead' and "incoming_assignments"."unit_id" is not null;--> statement-breakpoint
CREATE INDEX "assignments_document_open_idx" ON "incoming_assignments" USING btree ("document_id","deadline") WHERE "incoming_assignments"."status" <> 'done' and "incoming_assignments"."role" <> 'info';--> statement-breakpoint
CREATE INDEX "incoming_arrived_idx" ON "incoming_documents" USING btree ("agency_id",coalesce("arrival_date", "created_at"));--> statement-breakpoint
-- The planner has statistics of an expression index only after the table is analyzed: without them it guesses a
-- period of the monitoring figures at 1,000 documents whatever its size (autovacuum would analyze it only later).
ANALYZE "incoming_documents";