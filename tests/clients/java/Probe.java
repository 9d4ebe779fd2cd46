// pgjdbc probe for DeepSql.Clients.Tests: connects to the URL given as the first argument and prints one line per
// finding ("KEY|value|value…"); the C# test asserts these lines. Any exception prints "ERROR|<step>|<SQLSTATE>|<message>"
// and the probe goes on with the next step.
import java.sql.*;
import java.util.*;

public class Probe {
    interface Step { void run(Connection c) throws Exception; }

    static void step(Connection c, String name, Step s) {
        try {
            s.run(c);
        } catch (SQLException e) {
            System.out.println("ERROR|" + name + "|" + e.getSQLState() + "|" + e.getMessage().replace('\n', ' '));
        } catch (Exception e) {
            System.out.println("ERROR|" + name + "|-|" + e);
        }
    }

    static String cols(ResultSet rs, String... names) throws SQLException {
        var parts = new ArrayList<String>();
        for (var n : names) parts.add(String.valueOf(rs.getString(n)));
        return String.join("|", parts);
    }

    public static void main(String[] args) throws Exception {
        var table = args[1];
        try (var c = DriverManager.getConnection(args[0])) {
            var md = c.getMetaData();
            System.out.println("CONNECTED|" + md.getDatabaseProductName() + "|" + md.getDriverName());
            step(c, "getSchemas", x -> {
                try (var rs = md.getSchemas()) {
                    while (rs.next()) System.out.println("SCHEMA|" + rs.getString("TABLE_SCHEM"));
                }
            });
            step(c, "getTables", x -> {
                try (var rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
                    while (rs.next()) System.out.println("TABLE|" + cols(rs, "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
                }
            });
            step(c, "getColumns", x -> {
                try (var rs = md.getColumns(null, "public", table, "%")) {
                    while (rs.next()) System.out.println("COLUMN|" + cols(rs, "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION", "IS_NULLABLE"));
                }
            });
            step(c, "getPrimaryKeys", x -> {
                try (var rs = md.getPrimaryKeys(null, "public", table)) {
                    while (rs.next()) System.out.println("PK|" + cols(rs, "COLUMN_NAME", "KEY_SEQ"));
                }
                System.out.println("PK_DONE");
            });
            // what DBeaver and Metabase read when they sync a table: sizes, digits, defaults, keys, indexes
            step(c, "getColumns_detail", x -> {
                try (var rs = md.getColumns(null, "public", table + "_detail", "%")) {
                    while (rs.next()) System.out.println("COLUMN_DETAIL|" + cols(rs, "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                        "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT"));
                }
            });
            step(c, "getImportedKeys", x -> {
                try (var rs = md.getImportedKeys(null, "public", table + "_detail")) {
                    while (rs.next()) System.out.println("FK|" + cols(rs, "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME",
                        "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME"));
                }
                System.out.println("FK_DONE");
            });
            step(c, "getExportedKeys", x -> {
                try (var rs = md.getExportedKeys(null, "public", table)) {
                    while (rs.next()) System.out.println("EXPORTED|" + cols(rs, "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME"));
                }
                System.out.println("EXPORTED_DONE");
            });
            step(c, "getIndexInfo", x -> {
                try (var rs = md.getIndexInfo(null, "public", table + "_detail", false, false)) {
                    while (rs.next()) System.out.println("INDEX|" + cols(rs, "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME"));
                }
                System.out.println("INDEX_DONE");
            });
            step(c, "resultSetMetaData", x -> {
                try (var st = c.createStatement();
                     var rs = st.executeQuery("SELECT code, amount, note, CAST(1 AS bigint) + 1 AS computed FROM " + table + "_detail")) {
                    var m = rs.getMetaData();
                    for (var i = 1; i <= m.getColumnCount(); i++) {
                        System.out.println("RSMD|" + m.getColumnLabel(i) + "|" + m.getColumnType(i) + "|" + m.getColumnTypeName(i) + "|"
                            + m.getPrecision(i) + "|" + m.getScale(i) + "|" + m.getColumnDisplaySize(i) + "|" + m.getColumnClassName(i));
                    }
                }
            });
            step(c, "getFunctions", x -> {
                try (var rs = md.getFunctions(null, null, "%")) {
                    while (rs.next()) {
                        var name = rs.getString("FUNCTION_NAME");
                        if (name.equals("featurize") || name.equals("embed")) System.out.println("FUNCTION|" + name);
                    }
                }
                System.out.println("FUNCTIONS_DONE");
            });
            step(c, "getTypeInfo", x -> {
                try (var rs = md.getTypeInfo()) {
                    while (rs.next()) System.out.println("TYPE|" + cols(rs, "TYPE_NAME", "DATA_TYPE"));
                }
            });
            step(c, "prepared", x -> {
                try (var ps = c.prepareStatement("SELECT name, price FROM " + table + " WHERE id = ? AND name <> ?")) {
                    for (var id : new int[] {1, 2}) {
                        ps.setInt(1, id);
                        ps.setString(2, "none");
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) System.out.println("PREPARED|" + id + "|" + rs.getString(1) + "|" + rs.getDouble(2));
                        }
                    }
                }
            });
            step(c, "array", x -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT CAST(ARRAY[1.5, -2.25] AS REAL[]) AS v")) {
                    rs.next();
                    var a = rs.getArray(1);
                    var values = (Float[]) a.getArray();
                    System.out.println("ARRAY|" + a.getBaseTypeName() + "|" + Arrays.toString(values));
                }
            });
            if (args.length < 3 || !args[2].equals("postgres")) {
                step(c, "embed", x -> {
                    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT embed('hello') AS e")) {
                        rs.next();
                        var e = (Float[]) rs.getArray(1).getArray();
                        System.out.println("EMBED|" + e.length);
                    }
                });
            }
            step(c, "error", x -> {
                try (var st = c.createStatement()) {
                    st.executeQuery("SELECT * FROM jdbc_no_such_table");
                }
            });
            step(c, "after_error", x -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 40 + 2")) {
                    rs.next();
                    System.out.println("AFTER_ERROR|" + rs.getInt(1));
                }
            });
        }
        System.out.println("DONE");
    }
}
