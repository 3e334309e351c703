CREATE TABLE "exchange_identities" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"telephone" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"cert_pem" text,
	"key_enc" text,
	"csr_pem" text,
	"axis_url" text DEFAULT '' NOT NULL,
	"axis_username" text DEFAULT '' NOT NULL,
	"axis_secret_enc" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"business_doc_type" integer DEFAULT 0 NOT NULL,
	"status_code" text DEFAULT '' NOT NULL,
	"sender_organ_id" text NOT NULL,
	"receiver_organ_id" text NOT NULL,
	"document_id" text NOT NULL,
	"state" text NOT NULL,
	"transport" text,
	"package_id" text,
	"outgoing_id" uuid,
	"recipient_id" uuid,
	"incoming_id" uuid,
	"raw_file_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signer" jsonb,
	"error_code" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"reply_to_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"processed_at" timestamp with time zone,
	CONSTRAINT "exchange_direction_ck" CHECK ("exchange_messages"."direction" in ('out', 'in'))
);
--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "transport" text;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "endpoint" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "cert_pem" text;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "ca_pem" text;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD COLUMN "last_error_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exchange_identities" ADD CONSTRAINT "exchange_identities_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD CONSTRAINT "exchange_messages_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD CONSTRAINT "exchange_messages_outgoing_id_outgoing_documents_id_fk" FOREIGN KEY ("outgoing_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD CONSTRAINT "exchange_messages_recipient_id_outgoing_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."outgoing_recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD CONSTRAINT "exchange_messages_incoming_id_incoming_documents_id_fk" FOREIGN KEY ("incoming_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD CONSTRAINT "exchange_messages_raw_file_id_stored_files_id_fk" FOREIGN KEY ("raw_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_in_once_uq" ON "exchange_messages" USING btree ("agency_id","sender_organ_id","document_id","kind","business_doc_type","status_code") WHERE "exchange_messages"."direction" = 'in' and "exchange_messages"."state" <> 'rejected';--> statement-breakpoint
CREATE INDEX "exchange_agency_idx" ON "exchange_messages" USING btree ("agency_id","direction","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "exchange_state_idx" ON "exchange_messages" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "exchange_outgoing_idx" ON "exchange_messages" USING btree ("outgoing_id") WHERE "exchange_messages"."outgoing_id" is not null;--> statement-breakpoint
CREATE INDEX "exchange_recipient_idx" ON "exchange_messages" USING btree ("recipient_id") WHERE "exchange_messages"."recipient_id" is not null;--> statement-breakpoint
CREATE INDEX "exchange_incoming_idx" ON "exchange_messages" USING btree ("incoming_id") WHERE "exchange_messages"."incoming_id" is not null;--> statement-breakpoint
CREATE INDEX "exchange_document_idx" ON "exchange_messages" USING btree ("agency_id","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_directory_organ_uq" ON "agency_directory" USING btree ("agency_id","organ_id") WHERE "agency_directory"."organ_id" is not null;