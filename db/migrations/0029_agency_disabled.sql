ALTER TABLE "agencies" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "disabled_reason" text DEFAULT '' NOT NULL;