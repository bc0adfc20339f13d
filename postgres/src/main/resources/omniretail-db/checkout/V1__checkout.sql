-- The checkout's orders: the latest version of each order as JSON (PlacedOrderCodec's format), with the columns the
-- store searches on. Unpaid orders are found by expiry; members who paid once are kept for first-order offers.
CREATE TABLE ${schema}.omniretail_chk_order (
    key text PRIMARY KEY,
    version bigint NOT NULL,
    status text NOT NULL,
    member text,
    expires_at timestamptz NOT NULL,
    unpaid boolean NOT NULL,
    body jsonb NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX omniretail_chk_order_unpaid ON ${schema}.omniretail_chk_order (expires_at, key) WHERE unpaid;
CREATE TABLE ${schema}.omniretail_chk_paid_member (
    member text PRIMARY KEY
);
