package dev.poolbench.core.probe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server facts a result needs beside it: version and the settings that move the numbers. */
public final class ServerSettings {

    /** The settings every environment record shows. */
    public static final List<String> KEY_SETTINGS = List.of("server_version", "max_connections", "shared_buffers",
            "jit", "ssl", "fsync", "synchronous_commit", "work_mem");

    private ServerSettings() {
    }

    /**
     * The key settings, plus {@code jit_available}: whether the server has a JIT provider at all
     * ({@code jit = on} means nothing without one; zonky's embedded binaries have none).
     */
    public static Map<String, String> read(Connection connection) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
            for (String name : KEY_SETTINGS) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_jit_available()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            settings.put("jit_available", rs.getBoolean(1) ? "on" : "off");
        }
        return settings;
    }
}
