ALTER TYPE "public"."position_kind" ADD VALUE 'province_admin';--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "province" boolean DEFAULT false NOT NULL;