package io.github.omniretail.postgres;

import io.github.omniretail.postgres.jdbc.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned SQL scripts for one component (such as {@code inventory}) applied to one PostgreSQL schema, and a
 * record of what was applied in {@code omniretail_schema_history}. {@link #migrate(Transactions)} is idempotent
 * and safe to call from many instances at once (a transaction-scoped advisory lock serialises them); it refuses
 * to run when the database records a newer version than this code knows, or when an applied script was changed.
 *
 * <p>Scripts are class-path resources {@code <directory>/V<n>__<description>.sql}, listed in order in
 * {@code <directory>/index.txt}. Each script runs in its own transaction together with its history row. The
 * schema name is configuration, checked to be a plain lower-case identifier, and substituted for
 * {@code ${schema}} in scripts; nothing else is substituted. Immutable and thread-safe.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** One versioned script. */
    private record Script(int version, String description, String sql, String checksum) {
    }

    /**
     * What {@link #migrate(Transactions)} did.
     *
     * @param component the component
     * @param schema the schema
     * @param before version before the call (0 if none)
     * @param after version after the call
     * @param applied versions applied by this call, ascending
     */
    public record Result(String component, String schema, int before, int after, List<Integer> applied) {
        /**
         * Copies the list.
         *
         * @param component the component
         * @param schema the schema
         * @param before version before the call (0 if none)
         * @param after version after the call
         * @param applied versions applied by this call, ascending
         */
        public Result {
            applied = List.copyOf(applied);
        }
    }

    private final String component;
    private final String schema;
    private final List<Script> scripts;

    private Migrations(String component, String schema, List<Script> scripts) {
        this.component = component;
        this.schema = schema;
        this.scripts = scripts;
    }

    /**
     * Loads a component's scripts.
     *
     * @param component non-null component name, a plain lower-case identifier
     * @param schema non-null target schema, a plain lower-case identifier
     * @param anchor a class of the module holding the scripts; keep them outside package directories (for example
     *     {@code /omniretail-db/inventory}) so the module system does not encapsulate them
     * @param directory resource directory, absolute (starts with {@code /})
     * @return the migrations
     * @throws IllegalArgumentException for bad names, a missing index or script, or versions not 1, 2, 3, …
     */
    static Migrations load(String component, String schema, Class<?> anchor, String directory) {
        identifier(component, "component");
        identifier(schema, "schema");
        Objects.requireNonNull(anchor, "anchor");
        if (!directory.startsWith("/")) {
            throw new IllegalArgumentException("directory must be absolute, was " + directory);
        }
        List<Script> scripts = new ArrayList<>();
        for (String line : read(anchor, directory + "/index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = SCRIPT.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("script name " + name + " is not V<n>__<description>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (version != scripts.size() + 1) {
                throw new IllegalArgumentException("script " + name + " should have version " + (scripts.size() + 1));
            }
            String sql = read(anchor, directory + "/" + name);
            scripts.add(new Script(version, m.group(2), sql, sha256(sql)));
        }
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("no scripts listed in " + directory + "/index.txt");
        }
        return new Migrations(component, schema, List.copyOf(scripts));
    }

    /** @return the newest version these scripts define */
    int latestVersion() {
        return scripts.size();
    }

    /** @return the target schema */
    String schema() {
        return schema;
    }

    /**
     * Brings the schema up to {@link #latestVersion()}: creates the schema and history table if missing, checks
     * applied scripts' checksums, applies the missing ones in order.
     *
     * @param tx non-null transaction runner on the database
     * @return what was done
     * @throws IllegalStateException if the database is at a newer version, or an applied script changed
     * @throws StoreException on database errors
     */
    Result migrate(Transactions tx) {
        int before = tx.run("migrate " + component, c -> {
            lock(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".omniretail_schema_history ("
                        + "component text NOT NULL, version int NOT NULL, description text NOT NULL, "
                        + "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
                        + "PRIMARY KEY (component, version))");
            }
            return checkApplied(c);
        });
        List<Integer> applied = new ArrayList<>();
        for (Script script : scripts) {
            if (script.version() <= before) {
                continue;
            }
            boolean ran = tx.run("migrate " + component + " to V" + script.version(), c -> {
                lock(c);
                if (checkApplied(c) >= script.version()) {
                    return false; // another instance got there first
                }
                try (Statement s = c.createStatement()) {
                    s.execute(script.sql().replace("${schema}", schema));
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema
                        + ".omniretail_schema_history (component, version, description, checksum) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, component);
                    p.setInt(2, script.version());
                    p.setString(3, script.description());
                    p.setString(4, script.checksum());
                    p.executeUpdate();
                }
                return true;
            });
            if (ran) {
                applied.add(script.version());
                LOG.info("applied {} schema V{} ({}) to {}", component, script.version(), script.description(), schema);
            }
        }
        return new Result(component, schema, before, Math.max(before, latestVersion()), applied);
    }

    /**
     * The version recorded in the database, without changing anything.
     *
     * @param tx non-null transaction runner
     * @return the applied version, 0 if none
     */
    int appliedVersion(Transactions tx) {
        return tx.read("read " + component + " schema version", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                p.setString(1, schema + ".omniretail_schema_history");
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        return 0; // no history table (or schema) yet
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(version), 0) FROM "
                    + schema + ".omniretail_schema_history WHERE component = ?")) {
                p.setString(1, component);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /**
     * Checks that the database is exactly at {@link #latestVersion()}.
     *
     * @param tx non-null transaction runner
     * @throws IllegalStateException naming both versions if not
     */
    void requireCurrent(Transactions tx) {
        int applied = appliedVersion(tx);
        if (applied != latestVersion()) {
            throw new IllegalStateException(component + " schema in " + schema + " is at version " + applied
                    + " but this code needs " + latestVersion() + (applied < latestVersion() ? "; call migrate()"
                    : "; upgrade the library"));
        }
    }

    private void lock(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            p.setString(1, "omniretail.migrate." + schema);
            p.execute();
        }
    }

    private int checkApplied(Connection c) throws SQLException {
        int max = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT version, checksum FROM " + schema
                + ".omniretail_schema_history WHERE component = ? ORDER BY version")) {
            p.setString(1, component);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int version = r.getInt(1);
                    if (version > scripts.size()) {
                        throw new IllegalStateException(component + " schema in " + schema + " is at version "
                                + version + ", newer than this code's " + scripts.size() + "; refusing to run");
                    }
                    Script known = scripts.get(version - 1);
                    if (!known.checksum().equals(r.getString(2))) {
                        throw new IllegalStateException(component + " schema V" + version + " in " + schema
                                + " was applied from a different script (checksum " + r.getString(2) + ", expected "
                                + known.checksum() + ")");
                    }
                    max = version;
                }
            }
        }
        return max;
    }

    private static void identifier(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain lower-case SQL identifier, was '" + name + "'");
        }
    }

    private static String read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + resource + " next to " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + resource, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
