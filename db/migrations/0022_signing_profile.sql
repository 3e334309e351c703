CREATE TABLE "signing_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"signature_image" text,
	"signature_width" integer,
	"signature_height" integer,
	"certificate_der" text,
	"certificate_subject" text DEFAULT '' NOT NULL,
	"certificate_issuer" text DEFAULT '' NOT NULL,
	"certificate_serial" text DEFAULT '' NOT NULL,
	"certificate_fingerprint" text DEFAULT '' NOT NULL,
	"certificate_not_before" timestamp with time zone,
	"certificate_not_after" timestamp with time zone,
	"csc_user_id" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signing_profiles" ADD CONSTRAINT "signing_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;