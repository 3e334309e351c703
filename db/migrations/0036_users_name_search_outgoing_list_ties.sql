DROP INDEX "outgoing_agency_list_idx";--> statement-breakpoint
DROP INDEX "outgoing_status_idx";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "full_name_unaccented" text GENERATED ALWAYS AS (f_unaccent(full_name)) STORED;--> statement-breakpoint
CREATE INDEX "users_name_trgm_idx" ON "users" USING gin ("full_name_unaccented" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_username_trgm_idx" ON "users" USING gin ("username" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "outgoing_agency_list_idx" ON "outgoing_documents" USING btree ("agency_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outgoing_status_idx" ON "outgoing_documents" USING btree ("agency_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);