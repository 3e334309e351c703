CREATE TYPE "public"."delegation_form" AS ENUM('kt', 'tuq', 'tl');--> statement-breakpoint
CREATE TABLE "signing_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"delegator_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"form" "delegation_form" NOT NULL,
	"all_types" boolean DEFAULT true NOT NULL,
	"doc_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "signing_delegations_period_chk" CHECK ("signing_delegations"."valid_from" <= "signing_delegations"."valid_to"),
	CONSTRAINT "signing_delegations_self_chk" CHECK ("signing_delegations"."delegator_id" <> "signing_delegations"."delegate_id"),
	CONSTRAINT "signing_delegations_types_chk" CHECK ("signing_delegations"."all_types" or cardinality("signing_delegations"."doc_types") > 0),
	CONSTRAINT "signing_delegations_revoked_chk" CHECK (("signing_delegations"."revoked_at" is null) = ("signing_delegations"."revoked_by" is null))
);
--> statement-breakpoint
ALTER TABLE "signing_delegations" ADD CONSTRAINT "signing_delegations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_delegations" ADD CONSTRAINT "signing_delegations_delegator_id_users_id_fk" FOREIGN KEY ("delegator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_delegations" ADD CONSTRAINT "signing_delegations_delegate_id_users_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_delegations" ADD CONSTRAINT "signing_delegations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_delegations" ADD CONSTRAINT "signing_delegations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signing_delegations_delegate_idx" ON "signing_delegations" USING btree ("agency_id","delegate_id","valid_to");--> statement-breakpoint
CREATE INDEX "signing_delegations_delegator_idx" ON "signing_delegations" USING btree ("agency_id","delegator_id","valid_to");