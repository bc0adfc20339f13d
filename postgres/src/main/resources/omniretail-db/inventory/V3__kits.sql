-- OmniRetail inventory, schema version 3: virtual kits in the catalogue, as {kit: {component: units per kit}}.
-- A kit has no SKU row of its own; its hold lines are stored as one line per component in the hold body.
ALTER TABLE ${schema}.omniretail_inv_catalogue ADD COLUMN kits jsonb NOT NULL DEFAULT '{}';
