ALTER TABLE "work_files" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(f_unaccent(code || ' ' || title))) STORED;--> statement-breakpoint
CREATE INDEX "work_files_list_idx" ON "work_files" USING btree ("agency_id","year" DESC NULLS FIRST,"updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "work_files_search_trgm_idx" ON "work_files" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "work_files" DROP COLUMN "title_unaccented";