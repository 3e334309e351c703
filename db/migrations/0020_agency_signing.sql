CREATE TABLE "agency_signing" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"seal_file_id" uuid,
	"seal_width_mm" text DEFAULT '36' NOT NULL,
	"backend" text,
	"p12_enc" text,
	"p12_password_enc" text,
	"pkcs11_module" text,
	"pkcs11_token" text,
	"pkcs11_key_label" text,
	"pkcs11_pin_enc" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_signing_backend" CHECK ("agency_signing"."backend" is null or "agency_signing"."backend" in ('pkcs12', 'pkcs11'))
);
--> statement-breakpoint
CREATE TABLE "outgoing_copies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"pages" text,
	"file_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outgoing_copies_kind" CHECK ("outgoing_copies"."kind" in ('sao_y', 'sao_luc', 'trich_sao'))
);
--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD COLUMN "signed_file_id" uuid;--> statement-breakpoint
ALTER TABLE "agency_signing" ADD CONSTRAINT "agency_signing_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_signing" ADD CONSTRAINT "agency_signing_seal_file_id_stored_files_id_fk" FOREIGN KEY ("seal_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_signing" ADD CONSTRAINT "agency_signing_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_copies" ADD CONSTRAINT "outgoing_copies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_copies" ADD CONSTRAINT "outgoing_copies_document_id_outgoing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_copies" ADD CONSTRAINT "outgoing_copies_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_copies" ADD CONSTRAINT "outgoing_copies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outgoing_copies_document" ON "outgoing_copies" USING btree ("document_id");--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_signed_file_id_stored_files_id_fk" FOREIGN KEY ("signed_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;