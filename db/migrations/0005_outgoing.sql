CREATE TYPE "public"."consultation_status" AS ENUM('pending', 'answered');--> statement-breakpoint
CREATE TYPE "public"."delivery_kind" AS ENUM('internal', 'electronic', 'paper');--> statement-breakpoint
CREATE TYPE "public"."outgoing_recipient_kind" AS ENUM('unit', 'user', 'agency', 'text');--> statement-breakpoint
CREATE TYPE "public"."outgoing_status" AS ENUM('draft', 'awaiting_review', 'awaiting_check', 'awaiting_signature', 'awaiting_issue', 'issued', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."signing_authority" AS ENUM('direct', 'kt', 'tl', 'tuq', 'q', 'tm');--> statement-breakpoint
ALTER TYPE "public"."incoming_status" ADD VALUE 'withdrawn';--> statement-breakpoint
CREATE TABLE "agency_directory" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organ_id" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"href" text DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"request" text DEFAULT '' NOT NULL,
	"deadline" date,
	"status" "consultation_status" DEFAULT 'pending' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" "outgoing_status" DEFAULT 'draft' NOT NULL,
	"drafting_unit_id" uuid NOT NULL,
	"drafter_id" uuid NOT NULL,
	"reply_to_id" uuid,
	"doc_type" text NOT NULL,
	"subject" text NOT NULL,
	"urgency" "urgency" DEFAULT 'normal' NOT NULL,
	"secrecy" "secrecy" DEFAULT 'normal' NOT NULL,
	"signer_id" uuid NOT NULL,
	"authority" "signing_authority" DEFAULT 'direct' NOT NULL,
	"reply_deadline" date,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"signed_at" timestamp with time zone,
	"register_id" uuid,
	"year" integer,
	"number" integer,
	"symbol" text,
	"issued_date" date,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"final_file_id" uuid,
	"page_count" integer,
	"issued_amount" integer,
	"kept_copy" text DEFAULT '' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, f_unaccent(coalesce(symbol, '') || ' ' || coalesce(doc_type, '') || ' ' || coalesce(subject, '')))) STORED
);
--> statement-breakpoint
CREATE TABLE "outgoing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"to_text" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"version" integer,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_files" (
	"document_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outgoing_files_document_id_file_id_version_pk" PRIMARY KEY("document_id","file_id","version")
);
--> statement-breakpoint
CREATE TABLE "outgoing_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" "outgoing_recipient_kind" NOT NULL,
	"unit_id" uuid,
	"user_id" uuid,
	"directory_id" uuid,
	"organ_id" text,
	"name" text NOT NULL,
	"delivery" "delivery_kind" NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"incoming_id" uuid,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "outgoing_id" uuid;--> statement-breakpoint
ALTER TABLE "agency_directory" ADD CONSTRAINT "agency_directory_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_consultations" ADD CONSTRAINT "outgoing_consultations_document_id_outgoing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_consultations" ADD CONSTRAINT "outgoing_consultations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_consultations" ADD CONSTRAINT "outgoing_consultations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_consultations" ADD CONSTRAINT "outgoing_consultations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_drafting_unit_id_units_id_fk" FOREIGN KEY ("drafting_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_drafter_id_users_id_fk" FOREIGN KEY ("drafter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_reply_to_id_incoming_documents_id_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_final_file_id_stored_files_id_fk" FOREIGN KEY ("final_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_events" ADD CONSTRAINT "outgoing_events_document_id_outgoing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_events" ADD CONSTRAINT "outgoing_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_files" ADD CONSTRAINT "outgoing_files_document_id_outgoing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_files" ADD CONSTRAINT "outgoing_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_document_id_outgoing_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_directory_id_agency_directory_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."agency_directory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_incoming_id_incoming_documents_id_fk" FOREIGN KEY ("incoming_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_directory_agency_idx" ON "agency_directory" USING btree ("agency_id","sort_order");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outgoing_consultations_document_idx" ON "outgoing_consultations" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "outgoing_consultations_unit_idx" ON "outgoing_consultations" USING btree ("unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_register_no_uq" ON "outgoing_documents" USING btree ("register_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_symbol_uq" ON "outgoing_documents" USING btree ("agency_id","year","symbol");--> statement-breakpoint
CREATE INDEX "outgoing_agency_list_idx" ON "outgoing_documents" USING btree ("agency_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outgoing_status_idx" ON "outgoing_documents" USING btree ("agency_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outgoing_drafter_idx" ON "outgoing_documents" USING btree ("drafter_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outgoing_unit_idx" ON "outgoing_documents" USING btree ("drafting_unit_id","status");--> statement-breakpoint
CREATE INDEX "outgoing_reply_idx" ON "outgoing_documents" USING btree ("reply_to_id");--> statement-breakpoint
CREATE INDEX "outgoing_search_idx" ON "outgoing_documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "outgoing_events_document_idx" ON "outgoing_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "outgoing_events_actor_idx" ON "outgoing_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "outgoing_files_file_idx" ON "outgoing_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_document_idx" ON "outgoing_recipients" USING btree ("document_id","sort_order");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_unit_idx" ON "outgoing_recipients" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_user_idx" ON "outgoing_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "incoming_outgoing_idx" ON "incoming_documents" USING btree ("outgoing_id");