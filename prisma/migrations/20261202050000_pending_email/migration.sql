-- An address given at registration that another account already uses: kept for its registrant (and
-- for the coming email verification) without being attached, so registering discloses no account.
ALTER TABLE "users" ADD COLUMN "pending_email" VARCHAR(254);
