-- OmniRetail inventory, schema version 2: the rows the rules kernel decides on, one row per SKU.
-- V1 tables are renamed to omniretail_inv1_*; PostgresInventoryStore.migrate() converts their contents (positions,
-- open and final holds, transfers, idempotency records) into the tables below, then drops them.

ALTER TABLE ${schema}.omniretail_inv_meta RENAME TO omniretail_inv1_meta;
ALTER TABLE ${schema}.omniretail_inv_node RENAME TO omniretail_inv1_node;
ALTER TABLE ${schema}.omniretail_inv_sku RENAME TO omniretail_inv1_sku;
ALTER TABLE ${schema}.omniretail_inv_pool RENAME TO omniretail_inv1_pool;
ALTER TABLE ${schema}.omniretail_inv_channel_rules RENAME TO omniretail_inv1_channel_rules;
ALTER TABLE ${schema}.omniretail_inv_position RENAME TO omniretail_inv1_position;
ALTER TABLE ${schema}.omniretail_inv_hold RENAME TO omniretail_inv1_hold;
ALTER TABLE ${schema}.omniretail_inv_hold_line RENAME TO omniretail_inv1_hold_line;
ALTER TABLE ${schema}.omniretail_inv_transfer RENAME TO omniretail_inv1_transfer;
ALTER TABLE ${schema}.omniretail_inv_idempotency RENAME TO omniretail_inv1_idempotency;
ALTER INDEX ${schema}.omniretail_inv_hold_due RENAME TO omniretail_inv1_hold_due;
ALTER INDEX ${schema}.omniretail_inv_hold_final RENAME TO omniretail_inv1_hold_final;
ALTER INDEX ${schema}.omniretail_inv_hold_line_sku RENAME TO omniretail_inv1_hold_line_sku;
ALTER INDEX ${schema}.omniretail_inv_transfer_open RENAME TO omniretail_inv1_transfer_open;
ALTER INDEX ${schema}.omniretail_inv_idempotency_age RENAME TO omniretail_inv1_idempotency_age;
ALTER SEQUENCE ${schema}.omniretail_inv_hold_seq RENAME TO omniretail_inv1_hold_seq;
ALTER SEQUENCE ${schema}.omniretail_inv_transfer_seq RENAME TO omniretail_inv1_transfer_seq;

-- The catalogue: nodes in registration order (a node's position, from 0, is its number in sku.positions), pools in
-- definition order as [[pool, [node, ...]], ...], channel rules as {node: [rule, ...]}. Catalogue changes take the
-- catalogue advisory lock exclusively and bump the version; stock operations take it shared.
CREATE TABLE ${schema}.omniretail_inv_catalogue (
    id int PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL,
    nodes text[] NOT NULL,
    pools jsonb NOT NULL,
    rules jsonb NOT NULL,
    converted_from_v1 boolean NOT NULL
);
INSERT INTO ${schema}.omniretail_inv_catalogue VALUES (1, 0, '{}', '[]', '{}', false);

-- One row per SKU. Every operation on a SKU first takes the SKU's transaction-scoped advisory lock
-- (hashtextextended('omniretail.inv.<schema>.' || sku, 0)), all of a batch's in key order. positions: five ints per
-- position, by node number: node number, on-hand, held, safety stock, flags (1 = low stock). detail: units held per
-- channel rule, unpinned pool demand, safety policies, sales history, reorder points (null when none).
CREATE TABLE ${schema}.omniretail_inv_sku (
    sku text PRIMARY KEY,
    positions int[] NOT NULL,
    detail jsonb
) WITH (fillfactor = 50); -- room on the page, so an update stays on it and leaves the index alone (HOT)

-- Positions as rows, for people and reports (the engine reads sku.positions).
CREATE VIEW ${schema}.omniretail_inv_position AS
SELECT s.sku, c.nodes[s.positions[i * 5 + 1] + 1] AS node, s.positions[i * 5 + 2] AS on_hand,
       s.positions[i * 5 + 3] AS held, s.positions[i * 5 + 4] AS safety_stock,
       greatest(0, s.positions[i * 5 + 2] - s.positions[i * 5 + 3] - s.positions[i * 5 + 4]) AS atp,
       s.positions[i * 5 + 5] & 1 = 1 AS low_stock
FROM ${schema}.omniretail_inv_sku s
CROSS JOIN ${schema}.omniretail_inv_catalogue c
CROSS JOIN LATERAL generate_series(0, coalesce(array_length(s.positions, 1), 0) / 5 - 1) AS i;

-- Holds: the columns queries need plus the engine's body. A hold changes only with all of its SKUs locked.
CREATE TABLE ${schema}.omniretail_inv_hold (
    id bigint PRIMARY KEY,
    status text NOT NULL,
    expires_at timestamptz NOT NULL,
    finalised_at timestamptz,
    skus text[] NOT NULL,
    open boolean NOT NULL,
    body json NOT NULL
) WITH (fillfactor = 85);
CREATE INDEX omniretail_inv_hold_final ON ${schema}.omniretail_inv_hold (finalised_at) WHERE NOT open;

-- Per SKU, its HELD holds by expiry: what a batch reads to find the holds due on the SKUs it locks, touching only
-- the due ones (a hot SKU may have many held). Maintained by omniretail_inv_write with the hold rows.
CREATE TABLE ${schema}.omniretail_inv_hold_due (
    sku text NOT NULL,
    expires_at timestamptz NOT NULL,
    hold_id bigint NOT NULL,
    PRIMARY KEY (sku, expires_at, hold_id)
);
CREATE INDEX omniretail_inv_hold_due_at ON ${schema}.omniretail_inv_hold_due (expires_at);

CREATE TABLE ${schema}.omniretail_inv_transfer (
    id bigint PRIMARY KEY,
    sku text NOT NULL,
    open boolean NOT NULL,
    body json NOT NULL
);

-- Idempotency: one row per caller key, inserted in the transaction that did the work; the primary key makes a
-- second execution under one key impossible, whatever the instance (the loser's transaction is rerun and replays).
CREATE TABLE ${schema}.omniretail_inv_idempotency (
    key text PRIMARY KEY,
    request text NOT NULL,
    failed boolean NOT NULL,
    outcome json NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX omniretail_inv_idempotency_age ON ${schema}.omniretail_inv_idempotency (recorded_at);

-- The transactional outbox: every event of a committed change, written by the transaction that made it, in
-- order (id). xid is the writing transaction's id: a relay reads only events of transactions older than every
-- transaction still running (pg_snapshot_xmin), in (xid, id) order, so it never skips one that commits late;
-- and per SKU that order is commit order (see omniretail_inv_lock). Consumers' positions are in event_cursor.
CREATE TABLE ${schema}.omniretail_inv_event (
    id bigserial PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    occurred_at timestamptz NOT NULL,
    type text NOT NULL,
    body json NOT NULL
);
CREATE INDEX omniretail_inv_event_order ON ${schema}.omniretail_inv_event (xid, id);

CREATE TABLE ${schema}.omniretail_inv_event_cursor (
    consumer text PRIMARY KEY,
    xid xid8 NOT NULL,
    id bigint NOT NULL,
    delivered bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Id blocks handed to instances (hold and transfer ids never collide across instances).
CREATE TABLE ${schema}.omniretail_inv_ids (
    name text PRIMARY KEY,
    next bigint NOT NULL
);
INSERT INTO ${schema}.omniretail_inv_ids VALUES ('hold', 1), ('transfer', 1);

-- One round trip to lock and load what a batch needs: the catalogue lock shared; the advisory locks of the
-- requested SKUs, of those of the requested holds and transfers and of those of the holds due on them, in key
-- order; then the catalogue version, the SKU rows, the holds (requested, and due with all their SKUs locked),
-- transfers and idempotency records.
-- kind: 0 catalogue version (id), 1 SKU (name, ints = positions as text, body = detail), 2 hold (id, name = status, at1 = expires_at,
-- at2 = finalised_at, names = skus, flag = open, body), 3 transfer (id, name = sku, flag = open, body),
-- 4 idempotency (name = key, extra = request, flag = failed, body = outcome, at1 = recorded_at).
CREATE FUNCTION ${schema}.omniretail_inv_lock(p_lock bigint, p_skus text[], p_create text[], p_holds bigint[],
        p_transfers bigint[], p_keys text[], p_now timestamptz)
RETURNS TABLE (kind int, id bigint, name text, ints text, body text, flag boolean, at1 timestamptz,
        at2 timestamptz, names text[], extra text)
LANGUAGE plpgsql
-- every statement here is a lookup by key: never a scan, whatever the statistics say (they lag a growing table,
-- and the plans are cached per connection)
SET enable_seqscan = off
AS $$
DECLARE
    v_want text[];
    v_locked text[] := '{}';
    v_more text[];
    v_key bigint;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(p_lock);
    v_want := p_skus
        || ARRAY(SELECT unnest(h.skus) FROM ${schema}.omniretail_inv_hold h WHERE h.id = ANY (p_holds))
        || ARRAY(SELECT t.sku FROM ${schema}.omniretail_inv_transfer t WHERE t.id = ANY (p_transfers));
    LOOP
        -- lock what is wanted and not yet locked: a transaction-scoped advisory lock per SKU, in key order
        FOR v_key IN SELECT DISTINCT hashtextextended('omniretail.inv.${schema}.' || s, 0)
                     FROM unnest(v_want) AS s WHERE NOT s = ANY (v_locked) ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock(v_key);
        END LOOP;
        v_locked := v_want;
        -- a hold due on a locked SKU whose other SKUs are not locked yet: lock those too (rare; out of order, so
        -- a deadlock is possible, and is retried)
        v_more := ARRAY(SELECT DISTINCT unnest(h.skus) FROM ${schema}.omniretail_inv_hold_due d
                        JOIN ${schema}.omniretail_inv_hold h ON h.id = d.hold_id
                        WHERE d.sku = ANY (v_locked) AND d.expires_at <= p_now);
        EXIT WHEN v_more <@ v_locked;
        v_want := v_locked || v_more;
    END LOOP;
    -- the first write comes only now, with every lock held: a transaction's id (xid) is assigned at its first
    -- write, so of two transactions on one SKU the later committer has the larger xid (the outbox relies on it)
    IF cardinality(p_create) > 0 THEN
        INSERT INTO ${schema}.omniretail_inv_sku (sku, positions)
        SELECT s, '{}' FROM unnest(p_create) AS s ORDER BY s ON CONFLICT DO NOTHING;
    END IF;
    RETURN QUERY SELECT 0, c.version, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::timestamptz,
        NULL::timestamptz, NULL::text[], NULL::text FROM ${schema}.omniretail_inv_catalogue c;
    RETURN QUERY SELECT 1, NULL::bigint, s.sku, s.positions::text, s.detail::text, NULL::boolean, NULL::timestamptz,
        NULL::timestamptz, NULL::text[], NULL::text
        FROM ${schema}.omniretail_inv_sku s WHERE s.sku = ANY (v_locked);
    RETURN QUERY SELECT 2, h.id, h.status, NULL::text, h.body::text, h.open, h.expires_at, h.finalised_at, h.skus,
        NULL::text
        FROM ${schema}.omniretail_inv_hold h WHERE h.id = ANY (p_holds)
        UNION ALL
        SELECT 2, h.id, h.status, NULL::text, h.body::text, h.open, h.expires_at, h.finalised_at, h.skus, NULL::text
        FROM (SELECT DISTINCT d.hold_id FROM ${schema}.omniretail_inv_hold_due d
              WHERE d.sku = ANY (v_locked) AND d.expires_at <= p_now OFFSET 0) due
        JOIN ${schema}.omniretail_inv_hold h ON h.id = due.hold_id
        WHERE h.status = 'HELD' AND h.skus <@ v_locked AND NOT h.id = ANY (p_holds);
    RETURN QUERY SELECT 3, t.id, t.sku, NULL::text, t.body::text, t.open, NULL::timestamptz, NULL::timestamptz,
        NULL::text[], NULL::text
        FROM ${schema}.omniretail_inv_transfer t WHERE t.id = ANY (p_transfers);
    IF cardinality(p_keys) > 0 THEN
        RETURN QUERY SELECT 4, NULL::bigint, i.key, NULL::text, i.outcome::text, i.failed, i.recorded_at,
            NULL::timestamptz, NULL::text[], i.request
            FROM ${schema}.omniretail_inv_idempotency i WHERE i.key = ANY (p_keys);
    END IF;
END
$$;

-- One round trip to write what a batch changed. Instants are epoch milliseconds (null = none); positions and SKU
-- lists are array literals. An idempotency key that exists fails the transaction (it is rerun and replays).
CREATE FUNCTION ${schema}.omniretail_inv_write(p_skus text[], p_positions text[], p_details text[],
        p_hold_ids bigint[], p_hold_status text[], p_hold_expires bigint[], p_hold_final bigint[],
        p_hold_skus text[], p_hold_open boolean[], p_hold_body text[],
        p_tr_ids bigint[], p_tr_skus text[], p_tr_open boolean[], p_tr_body text[],
        p_keys text[], p_requests text[], p_failed boolean[], p_outcomes text[], p_recorded bigint[],
        p_ev_types text[], p_ev_at bigint[], p_ev_bodies text[])
RETURNS void
LANGUAGE plpgsql
-- every statement here is a lookup by key: never a scan, whatever the statistics say (they lag a growing table,
-- and the plans are cached per connection)
SET enable_seqscan = off
AS $$
BEGIN
    IF cardinality(p_skus) > 0 THEN
        UPDATE ${schema}.omniretail_inv_sku s SET positions = u.p::int[], detail = u.d::jsonb
        FROM unnest(p_skus, p_positions, p_details) AS u(k, p, d) WHERE s.sku = u.k;
    END IF;
    IF cardinality(p_hold_ids) > 0 THEN
        -- the due entries of holds that were HELD go, by their old expiry; those HELD now come back below
        DELETE FROM ${schema}.omniretail_inv_hold_due d
        USING (SELECT h.id, unnest(h.skus) AS sku, h.expires_at, h.status FROM ${schema}.omniretail_inv_hold h
               WHERE h.id = ANY (p_hold_ids) OFFSET 0) old
        WHERE old.status = 'HELD' AND d.sku = old.sku AND d.expires_at = old.expires_at AND d.hold_id = old.id;
        INSERT INTO ${schema}.omniretail_inv_hold AS h (id, status, expires_at, finalised_at, skus, open, body)
        SELECT u.i, u.s, timestamptz 'epoch' + u.e * interval '1 millisecond',
               timestamptz 'epoch' + u.f * interval '1 millisecond', u.k::text[], u.o, u.b::json
        FROM unnest(p_hold_ids, p_hold_status, p_hold_expires, p_hold_final, p_hold_skus, p_hold_open, p_hold_body)
            AS u(i, s, e, f, k, o, b)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, expires_at = excluded.expires_at,
            finalised_at = excluded.finalised_at, open = excluded.open, body = excluded.body;
        INSERT INTO ${schema}.omniretail_inv_hold_due (sku, expires_at, hold_id)
        SELECT unnest(u.k::text[]), timestamptz 'epoch' + u.e * interval '1 millisecond', u.i
        FROM unnest(p_hold_ids, p_hold_status, p_hold_expires, p_hold_skus) AS u(i, s, e, k) WHERE u.s = 'HELD';
    END IF;
    IF cardinality(p_tr_ids) > 0 THEN
        INSERT INTO ${schema}.omniretail_inv_transfer AS t (id, sku, open, body)
        SELECT u.i, u.k, u.o, u.b::json FROM unnest(p_tr_ids, p_tr_skus, p_tr_open, p_tr_body) AS u(i, k, o, b)
        ON CONFLICT (id) DO UPDATE SET open = excluded.open, body = excluded.body;
    END IF;
    IF cardinality(p_keys) > 0 THEN
        INSERT INTO ${schema}.omniretail_inv_idempotency (key, request, failed, outcome, recorded_at)
        SELECT u.k, u.r, u.f, u.o::json, timestamptz 'epoch' + u.t * interval '1 millisecond'
        FROM unnest(p_keys, p_requests, p_failed, p_outcomes, p_recorded) AS u(k, r, f, o, t);
    END IF;
    IF cardinality(p_ev_types) > 0 THEN
        INSERT INTO ${schema}.omniretail_inv_event (occurred_at, type, body)
        SELECT timestamptz 'epoch' + u.a * interval '1 millisecond', u.t, u.b::json
        FROM unnest(p_ev_types, p_ev_at, p_ev_bodies) WITH ORDINALITY AS u(t, a, b, n) ORDER BY u.n;
    END IF;
END
$$;
