ALTER TABLE "agencies" ADD COLUMN "place_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "emblem_file_id" uuid;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_emblem_file_id_stored_files_id_fk" FOREIGN KEY ("emblem_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;