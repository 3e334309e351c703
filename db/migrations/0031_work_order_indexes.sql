DROP INDEX "assignments_unit_pending_idx";--> statement-breakpoint
DROP INDEX "assignments_assigned_open_idx";--> statement-breakpoint
CREATE INDEX "assignments_user_open_order_idx" ON "incoming_assignments" USING btree ("user_id","deadline","created_at" DESC NULLS FIRST,"id") WHERE "incoming_assignments"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "assignments_unit_pending_idx" ON "incoming_assignments" USING btree ("unit_id","deadline","created_at" DESC NULLS FIRST,"id") WHERE "incoming_assignments"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "assignments_assigned_open_idx" ON "incoming_assignments" USING btree ("assigned_by","deadline","created_at" DESC NULLS FIRST,"id") WHERE "incoming_assignments"."status" <> 'done';