-- The promotion ledger: what each promotion gave away, each coupon's uses in all and per member, and every
-- checkout's redemption by its key (kept after release, so a late retry counts nothing again).
CREATE TABLE ${schema}.omniretail_prm_spent (
    promotion text PRIMARY KEY,
    spent bigint NOT NULL
);
CREATE TABLE ${schema}.omniretail_prm_uses (
    code text PRIMARY KEY,
    uses bigint NOT NULL
);
CREATE TABLE ${schema}.omniretail_prm_member_uses (
    code text NOT NULL,
    member text NOT NULL,
    uses bigint NOT NULL,
    PRIMARY KEY (code, member)
);
CREATE TABLE ${schema}.omniretail_prm_redemption (
    key text PRIMARY KEY,
    member text,
    body jsonb NOT NULL,
    released boolean NOT NULL DEFAULT false,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
