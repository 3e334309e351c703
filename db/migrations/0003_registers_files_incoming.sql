CREATE TYPE "public"."register_kind" AS ENUM('incoming', 'outgoing');--> statement-breakpoint
CREATE TYPE "public"."assignment_role" AS ENUM('lead', 'coordinate', 'info');--> statement-breakpoint
CREATE TYPE "public"."assignment_status" AS ENUM('pending', 'in_progress', 'done');--> statement-breakpoint
CREATE TYPE "public"."incoming_source" AS ENUM('paper', 'electronic', 'internal');--> statement-breakpoint
CREATE TYPE "public"."incoming_status" AS ENUM('awaiting_reception', 'registered', 'awaiting_instruction', 'in_progress', 'done', 'returned');--> statement-breakpoint
CREATE TYPE "public"."secrecy" AS ENUM('normal', 'confidential', 'secret', 'top_secret');--> statement-breakpoint
CREATE TYPE "public"."urgency" AS ENUM('normal', 'urgent', 'very_urgent', 'flash');--> statement-breakpoint
CREATE TABLE "registers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" "register_kind" NOT NULL,
	"year" integer NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"book_no" integer DEFAULT 1 NOT NULL,
	"last_no" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"parent_id" uuid,
	"role" "assignment_role" NOT NULL,
	"unit_id" uuid,
	"user_id" uuid,
	"assigned_by" uuid NOT NULL,
	"deadline" date,
	"instruction" text DEFAULT '' NOT NULL,
	"status" "assignment_status" DEFAULT 'pending' NOT NULL,
	"progress" text DEFAULT '' NOT NULL,
	"result" text DEFAULT '' NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" "incoming_status" NOT NULL,
	"source" "incoming_source" NOT NULL,
	"register_id" uuid,
	"year" integer,
	"arrival_no" integer,
	"arrival_date" timestamp with time zone,
	"symbol" text DEFAULT '' NOT NULL,
	"issued_date" date,
	"issuer_name" text NOT NULL,
	"issuer_organ_id" text,
	"doc_type" text NOT NULL,
	"subject" text NOT NULL,
	"signer" text DEFAULT '' NOT NULL,
	"urgency" "urgency" DEFAULT 'normal' NOT NULL,
	"secrecy" "secrecy" DEFAULT 'normal' NOT NULL,
	"page_count" integer,
	"due_date" date,
	"note" text DEFAULT '' NOT NULL,
	"main_file_id" uuid,
	"submitted_to_id" uuid,
	"instruction" text DEFAULT '' NOT NULL,
	"return_reason" text DEFAULT '' NOT NULL,
	"paper_handed_at" date,
	"paper_receiver" text DEFAULT '' NOT NULL,
	"done_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, f_unaccent(coalesce(symbol, '') || ' ' || coalesce(issuer_name, '') || ' ' || coalesce(doc_type, '') || ' ' || coalesce(subject, '')))) STORED
);
--> statement-breakpoint
CREATE TABLE "incoming_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"to_text" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"deadline" date,
	"electronic" boolean DEFAULT true NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_files" (
	"document_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incoming_files_document_id_file_id_pk" PRIMARY KEY("document_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "registers" ADD CONSTRAINT "registers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_assignments" ADD CONSTRAINT "incoming_assignments_document_id_incoming_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_assignments" ADD CONSTRAINT "incoming_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_assignments" ADD CONSTRAINT "incoming_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_assignments" ADD CONSTRAINT "incoming_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_main_file_id_stored_files_id_fk" FOREIGN KEY ("main_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_submitted_to_id_users_id_fk" FOREIGN KEY ("submitted_to_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_events" ADD CONSTRAINT "incoming_events_document_id_incoming_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_events" ADD CONSTRAINT "incoming_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_files" ADD CONSTRAINT "incoming_files_document_id_incoming_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_files" ADD CONSTRAINT "incoming_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registers_agency_kind_year_code_uq" ON "registers" USING btree ("agency_id","kind","year","code");--> statement-breakpoint
CREATE INDEX "stored_files_sha_idx" ON "stored_files" USING btree ("agency_id","sha256");--> statement-breakpoint
CREATE INDEX "assignments_document_idx" ON "incoming_assignments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "assignments_user_open_idx" ON "incoming_assignments" USING btree ("user_id","created_at" DESC NULLS FIRST) WHERE "incoming_assignments"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "assignments_unit_open_idx" ON "incoming_assignments" USING btree ("unit_id","created_at" DESC NULLS FIRST) WHERE "incoming_assignments"."status" <> 'done';--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_register_no_uq" ON "incoming_documents" USING btree ("register_id","arrival_no");--> statement-breakpoint
CREATE INDEX "incoming_agency_list_idx" ON "incoming_documents" USING btree ("agency_id","year","arrival_no" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "incoming_status_idx" ON "incoming_documents" USING btree ("agency_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "incoming_dup_idx" ON "incoming_documents" USING btree ("agency_id",lower("symbol"),lower("issuer_name"));--> statement-breakpoint
CREATE INDEX "incoming_search_idx" ON "incoming_documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "incoming_submitted_idx" ON "incoming_documents" USING btree ("submitted_to_id","status");--> statement-breakpoint
CREATE INDEX "incoming_events_document_idx" ON "incoming_events" USING btree ("document_id","id");