-- OmniRetail inventory, schema version 4: lots. A SKU's lots live in its detail (per node: id, expiry, received,
-- on-hand, held) and a hold line's lots in the hold body; this index lets the lot expiry sweep find the SKUs
-- that have any without reading the others.
CREATE INDEX omniretail_inv_sku_lots ON ${schema}.omniretail_inv_sku (sku) WHERE jsonb_exists(detail, 'lots');
