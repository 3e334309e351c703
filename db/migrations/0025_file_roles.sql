CREATE TYPE "public"."outgoing_file_role" AS ENUM('main', 'attachment', 'supporting');--> statement-breakpoint
ALTER TABLE "outgoing_files" ADD COLUMN "role" "outgoing_file_role" DEFAULT 'supporting' NOT NULL;--> statement-breakpoint
ALTER TABLE "outgoing_files" ADD COLUMN "issued_file_id" uuid;--> statement-breakpoint
ALTER TABLE "outgoing_files" ADD CONSTRAINT "outgoing_files_issued_file_id_stored_files_id_fk" FOREIGN KEY ("issued_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outgoing_files_issued_idx" ON "outgoing_files" USING btree ("issued_file_id") WHERE "outgoing_files"."issued_file_id" is not null;--> statement-breakpoint
-- The files stored before roles: the first of each version was the văn bản chính (the form said so);
-- the others stay supporting papers, as they were never issued.
UPDATE "outgoing_files" SET "role" = 'main' WHERE "sort_order" = 0;
