ALTER TYPE "public"."incoming_status" ADD VALUE 'voided';--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "void_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "voided_by" uuid;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD COLUMN "replaces_id" uuid;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_corrects_id_outgoing_documents_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_replaces_id_outgoing_documents_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outgoing_corrects_idx" ON "outgoing_documents" USING btree ("corrects_id") WHERE "outgoing_documents"."corrects_id" is not null;--> statement-breakpoint
CREATE INDEX "outgoing_replaces_idx" ON "outgoing_documents" USING btree ("replaces_id") WHERE "outgoing_documents"."replaces_id" is not null;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_amends_one_chk" CHECK ("outgoing_documents"."corrects_id" is null or "outgoing_documents"."replaces_id" is null);