-- Marketing consent decisions for ConsentRegistry: append-only, numbered by seq (which replicas follow), the time
-- as epoch seconds and nanos. Not personal data beyond the member id; kept after erasure as the consent record.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_consent (
    seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member VARCHAR(128) NOT NULL,
    channel VARCHAR(32) NOT NULL,
    granted BOOLEAN NOT NULL,
    at_second BIGINT NOT NULL,
    at_nano INT NOT NULL,
    source VARCHAR(255) NOT NULL,
    KEY omniretail_ldg_consent_member (member, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
