ALTER TABLE "stored_files" ALTER COLUMN "uploaded_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "replaces_incoming_id" uuid;