DROP INDEX "outgoing_symbol_uq";--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD COLUMN "signer_line" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_symbol_series_uq" ON "outgoing_documents" USING btree ("agency_id","year",("secrecy" <> 'normal'),"symbol");