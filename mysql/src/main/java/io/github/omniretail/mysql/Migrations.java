package io.github.omniretail.mysql;

import io.github.omniretail.mysql.jdbc.Transactions;
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
 * Versioned SQL scripts for one component (such as {@code inventory}) applied to one database, and a record of what
 * was applied in {@code omniretail_schema_history}. {@link #migrate} is idempotent and safe to call from many
 * instances at once (a named server lock, {@code GET_LOCK}, serialises them); it refuses to run when the database
 * records a newer version than this code knows, or when an applied script was changed.
 *
 * <p>MySQL commits DDL as it runs, so a script is not atomic: its statements are written to be run again
 * ({@code CREATE TABLE IF NOT EXISTS}, indexes declared with their table), and its history row is written after
 * the last of them. Scripts are class-path resources {@code <directory>/V<n>__<description>.sql}, listed in
 * {@code <directory>/index.txt}, statements separated by a semicolon at the end of a line. The database name is
 * configuration, checked to be a plain lower-case identifier, and replaces {@code ${schema}.} (or nothing, for the
 * connection's current database). Immutable and thread-safe.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

    private record Script(int version, String description, List<String> statements, String checksum) {
    }

    /**
     * What {@link #migrate} did.
     *
     * @param component the component
     * @param database the database, or empty for the connection's current one
     * @param before version before the call (0 if none)
     * @param after version after the call
     * @param applied versions applied by this call, ascending
     */
    public record Result(String component, String database, int before, int after, List<Integer> applied) {
        /**
         * Copies the list.
         *
         * @param component the component
         * @param database the database, or empty for the connection's current one
         * @param before version before the call
         * @param after version after the call
         * @param applied versions applied by this call
         */
        public Result {
            applied = List.copyOf(applied);
        }
    }

    private final String component;
    private final String database;
    private final String prefix;
    private final List<Script> scripts;

    private Migrations(String component, String database, List<Script> scripts) {
        this.component = component;
        this.database = database;
        this.prefix = database.isEmpty() ? "" : database + ".";
        this.scripts = scripts;
    }

    /**
     * Loads a component's scripts.
     *
     * @param component non-null component name, a plain lower-case identifier
     * @param database non-null target database, a plain lower-case identifier, or empty for the current one
     * @param directory absolute resource directory next to this class's module
     * @return the migrations
     * @throws IllegalArgumentException for bad names, a missing index or script, or versions not 1, 2, 3, …
     */
    static Migrations load(String component, String database, String directory) {
        identifier(component, "component");
        if (!database.isEmpty()) {
            identifier(database, "database");
        }
        List<Script> scripts = new ArrayList<>();
        for (String line : read(directory + "/index.txt").split("\n")) {
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
            String sql = read(directory + "/" + name);
            scripts.add(new Script(version, m.group(2), statements(sql), sha256(sql)));
        }
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("no scripts listed in " + directory + "/index.txt");
        }
        return new Migrations(component, database, List.copyOf(scripts));
    }

    /** Statements of a script: split at semicolons ending a line, comment lines dropped. */
    private static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return List.copyOf(out);
    }

    /** @return the newest version these scripts define */
    int latestVersion() {
        return scripts.size();
    }

    /** @return the table name prefix: {@code database.} or empty */
    String prefix() {
        return prefix;
    }

    /** @return the database, or empty for the connection's current one */
    String database() {
        return database;
    }

    /**
     * Brings the database up to {@link #latestVersion()}.
     *
     * @param tx non-null transaction runner
     * @return what was done
     * @throws IllegalStateException if the database is at a newer version, or an applied script changed
     * @throws MySqlStoreException on database errors
     */
    Result migrate(Transactions tx) {
        try (Connection c = tx.dataSource().getConnection()) {
            c.setAutoCommit(true);
            String lock = "omniretail.migrate." + (database.isEmpty() ? c.getCatalog() : database);
            try (PreparedStatement p = c.prepareStatement("SELECT GET_LOCK(?, 300)")) {
                p.setString(1, lock);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next() || r.getInt(1) != 1) {
                        throw new IllegalStateException("could not take the migration lock " + lock + " in 300 s");
                    }
                }
            }
            try {
                return migrate(c);
            } finally {
                try (PreparedStatement p = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    p.setString(1, lock);
                    p.execute();
                }
            }
        } catch (SQLException e) {
            throw new MySqlStoreException("migrate " + component + " failed: " + e.getMessage(), e,
                    tx.isTransient(e), 1);
        }
    }

    private Result migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!database.isEmpty()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + prefix + "omniretail_schema_history ("
                    + "component VARCHAR(64) NOT NULL, version INT NOT NULL, description VARCHAR(200) NOT NULL, "
                    + "checksum CHAR(64) NOT NULL, applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                    + "PRIMARY KEY (component, version)) ENGINE=InnoDB");
        }
        int before = checkApplied(c);
        List<Integer> applied = new ArrayList<>();
        for (Script script : scripts) {
            if (script.version() <= before) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String statement : script.statements()) {
                    s.execute(statement.replace("${schema}.", prefix));
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + prefix + "omniretail_schema_history "
                    + "(component, version, description, checksum) VALUES (?, ?, ?, ?)")) {
                p.setString(1, component);
                p.setInt(2, script.version());
                p.setString(3, script.description());
                p.setString(4, script.checksum());
                p.executeUpdate();
            }
            applied.add(script.version());
            LOG.info("applied {} schema V{} ({}) to {}", component, script.version(), script.description(),
                    database.isEmpty() ? "the current database" : database);
        }
        return new Result(component, database, before, Math.max(before, latestVersion()), applied);
    }

    /**
     * The version recorded in the database, without changing anything.
     *
     * @param tx non-null transaction runner
     * @return the applied version, 0 if none
     */
    int appliedVersion(Transactions tx) {
        return tx.run("read " + component + " schema version", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_schema = " + (database.isEmpty() ? "DATABASE()" : "?")
                    + " AND table_name = 'omniretail_schema_history'")) {
                if (!database.isEmpty()) {
                    p.setString(1, database);
                }
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        return 0;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(version), 0) FROM " + prefix
                    + "omniretail_schema_history WHERE component = ?")) {
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
            throw new IllegalStateException(component + " schema in " + (database.isEmpty() ? "the current database"
                    : database) + " is at version " + applied + " but this code needs " + latestVersion()
                    + (applied < latestVersion() ? "; call migrate()" : "; upgrade the library"));
        }
    }

    private int checkApplied(Connection c) throws SQLException {
        int max = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT version, checksum FROM " + prefix
                + "omniretail_schema_history WHERE component = ? ORDER BY version")) {
            p.setString(1, component);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int version = r.getInt(1);
                    if (version > scripts.size()) {
                        throw new IllegalStateException(component + " schema is at version " + version
                                + ", newer than this code's " + scripts.size() + "; refusing to run");
                    }
                    Script known = scripts.get(version - 1);
                    if (!known.checksum().equals(r.getString(2))) {
                        throw new IllegalStateException(component + " schema V" + version + " was applied from a "
                                + "different script (checksum " + r.getString(2) + ", expected " + known.checksum()
                                + ")");
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

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + resource);
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
