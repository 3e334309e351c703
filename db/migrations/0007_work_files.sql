CREATE TYPE "public"."handover_status" AS ENUM('submitted', 'accepted', 'returned');--> statement-breakpoint
CREATE TYPE "public"."work_file_entry_kind" AS ENUM('incoming', 'outgoing', 'upload');--> statement-breakpoint
CREATE TYPE "public"."work_file_status" AS ENUM('open', 'closed', 'archived');--> statement-breakpoint
CREATE TABLE "file_plan_headings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"sort_order" integer NOT NULL,
	"abbr" text NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"heading_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"retention_code" text NOT NULL,
	"owner_unit_id" uuid,
	"owner_user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"ad_hoc" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_no" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" "handover_status" DEFAULT 'submitted' NOT NULL,
	"title" text NOT NULL,
	"condition" text DEFAULT '' NOT NULL,
	"boxes" integer,
	"shelf_meters" text DEFAULT '' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"return_reason" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_periods" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"years" integer,
	"legal_basis" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_file_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" "work_file_entry_kind" NOT NULL,
	"incoming_id" uuid,
	"outgoing_id" uuid,
	"stored_file_id" uuid,
	"position" integer NOT NULL,
	"doc_type" text DEFAULT '' NOT NULL,
	"symbol" text DEFAULT '' NOT NULL,
	"doc_date" date,
	"author" text DEFAULT '' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"page_count" integer,
	"note" text DEFAULT '' NOT NULL,
	"gathered" boolean DEFAULT false NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_file_entries_ref_ck" CHECK (("work_file_entries"."kind" = 'incoming' and "work_file_entries"."incoming_id" is not null) or ("work_file_entries"."kind" = 'outgoing' and "work_file_entries"."outgoing_id" is not null) or ("work_file_entries"."kind" = 'upload' and "work_file_entries"."stored_file_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "work_file_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"to_text" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"file_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"plan_item_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" "work_file_status" DEFAULT 'open' NOT NULL,
	"retention_code" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"sheets" integer,
	"pages" integer,
	"language" text DEFAULT 'Tiếng Việt' NOT NULL,
	"rights" text DEFAULT 'Hạn chế' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"reconciled" boolean DEFAULT false NOT NULL,
	"reconcile_note" text DEFAULT '' NOT NULL,
	"reconciled_by" uuid,
	"reconciled_at" timestamp with time zone,
	"batch_id" uuid,
	"batch_order" integer,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD COLUMN "file_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD COLUMN "file_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "file_plan_headings" ADD CONSTRAINT "file_plan_headings_plan_id_file_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."file_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plan_items" ADD CONSTRAINT "file_plan_items_plan_id_file_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."file_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plan_items" ADD CONSTRAINT "file_plan_items_heading_id_file_plan_headings_id_fk" FOREIGN KEY ("heading_id") REFERENCES "public"."file_plan_headings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plan_items" ADD CONSTRAINT "file_plan_items_retention_code_retention_periods_code_fk" FOREIGN KEY ("retention_code") REFERENCES "public"."retention_periods"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plan_items" ADD CONSTRAINT "file_plan_items_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plan_items" ADD CONSTRAINT "file_plan_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plans" ADD CONSTRAINT "file_plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_plans" ADD CONSTRAINT "file_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_batches" ADD CONSTRAINT "handover_batches_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_batches" ADD CONSTRAINT "handover_batches_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_batches" ADD CONSTRAINT "handover_batches_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_batches" ADD CONSTRAINT "handover_batches_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_entries" ADD CONSTRAINT "work_file_entries_file_id_work_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."work_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_entries" ADD CONSTRAINT "work_file_entries_incoming_id_incoming_documents_id_fk" FOREIGN KEY ("incoming_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_entries" ADD CONSTRAINT "work_file_entries_outgoing_id_outgoing_documents_id_fk" FOREIGN KEY ("outgoing_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_entries" ADD CONSTRAINT "work_file_entries_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_entries" ADD CONSTRAINT "work_file_entries_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_events" ADD CONSTRAINT "work_file_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_file_events" ADD CONSTRAINT "work_file_events_file_id_work_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."work_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_plan_item_id_file_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."file_plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_retention_code_retention_periods_code_fk" FOREIGN KEY ("retention_code") REFERENCES "public"."retention_periods"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_reconciled_by_users_id_fk" FOREIGN KEY ("reconciled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_batch_id_handover_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."handover_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "file_plan_headings_abbr_uq" ON "file_plan_headings" USING btree ("plan_id","abbr");--> statement-breakpoint
CREATE INDEX "file_plan_headings_plan_idx" ON "file_plan_headings" USING btree ("plan_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "file_plan_items_no_uq" ON "file_plan_items" USING btree ("plan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "file_plan_items_code_uq" ON "file_plan_items" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "file_plan_items_heading_idx" ON "file_plan_items" USING btree ("heading_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "file_plans_agency_year_uq" ON "file_plans" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "handover_batches_agency_idx" ON "handover_batches" USING btree ("agency_id","status","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "work_file_entries_incoming_uq" ON "work_file_entries" USING btree ("file_id","incoming_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_file_entries_outgoing_uq" ON "work_file_entries" USING btree ("file_id","outgoing_id");--> statement-breakpoint
CREATE INDEX "work_file_entries_file_idx" ON "work_file_entries" USING btree ("file_id","position");--> statement-breakpoint
CREATE INDEX "work_file_entries_in_idx" ON "work_file_entries" USING btree ("incoming_id");--> statement-breakpoint
CREATE INDEX "work_file_entries_out_idx" ON "work_file_entries" USING btree ("outgoing_id");--> statement-breakpoint
CREATE INDEX "work_file_entries_stored_idx" ON "work_file_entries" USING btree ("stored_file_id");--> statement-breakpoint
CREATE INDEX "work_file_events_file_idx" ON "work_file_events" USING btree ("file_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_files_item_uq" ON "work_files" USING btree ("plan_item_id");--> statement-breakpoint
CREATE INDEX "work_files_owner_idx" ON "work_files" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "work_files_unit_idx" ON "work_files" USING btree ("unit_id","year","status");--> statement-breakpoint
CREATE INDEX "work_files_agency_code_idx" ON "work_files" USING btree ("agency_id","year","code");--> statement-breakpoint
CREATE INDEX "work_files_batch_idx" ON "work_files" USING btree ("batch_id","batch_order");--> statement-breakpoint
CREATE INDEX "incoming_file_code_idx" ON "incoming_documents" USING btree ("agency_id","file_code") WHERE "incoming_documents"."file_code" <> '';--> statement-breakpoint
CREATE INDEX "outgoing_file_code_idx" ON "outgoing_documents" USING btree ("agency_id","file_code") WHERE "outgoing_documents"."file_code" <> '';--> statement-breakpoint
-- Thời hạn bảo quản (TT 10/2022/TT-BNV): a lookup table, the same in every installation.
INSERT INTO "retention_periods" ("code", "label", "years", "legal_basis", "sort_order") VALUES
  ('VV', 'Vĩnh viễn', NULL, 'Thông tư 10/2022/TT-BNV', 1),
  ('70', '70 năm', 70, 'Thông tư 10/2022/TT-BNV', 2),
  ('50', '50 năm', 50, 'Thông tư 10/2022/TT-BNV', 3),
  ('20', '20 năm', 20, 'Thông tư 10/2022/TT-BNV', 4),
  ('10', '10 năm', 10, 'Thông tư 10/2022/TT-BNV', 5),
  ('5', '5 năm', 5, 'Thông tư 10/2022/TT-BNV', 6),
  ('2', '2 năm', 2, 'Thông tư 10/2022/TT-BNV', 7)
ON CONFLICT ("code") DO NOTHING;
