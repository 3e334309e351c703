CREATE TABLE "incoming_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"day" date NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "remind_days_before" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "escalate_after_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_kinds" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "kind" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "incoming_reminders" ADD CONSTRAINT "incoming_reminders_assignment_id_incoming_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."incoming_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_reminders" ADD CONSTRAINT "incoming_reminders_document_id_incoming_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_reminders" ADD CONSTRAINT "incoming_reminders_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_reminders_part_day_uq" ON "incoming_reminders" USING btree ("assignment_id","day");--> statement-breakpoint
CREATE INDEX "incoming_reminders_document_idx" ON "incoming_reminders" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;