using System.Text;

namespace DeepSql.Clients.Tests;

/// <summary>
/// The service and a real PostgreSQL 15 answer the same queries; column names, type OIDs, type modifiers and each
/// value's bytes must be equal, in text format and in binary format (raw DataRow bytes through
/// <see cref="PgRawClient"/>). Queries are written to be valid on both (CAST(… AS type), ARRAY[…]).
/// </summary>
[Collection("clients")]
public sealed class DifferentialTests(ServiceFixture service, PostgresFixture postgres)
{
    public static TheoryData<string, string> Values => new()
    {
        { "bool", "SELECT CAST(true AS boolean) AS t, CAST(false AS boolean) AS f" },
        { "int2", "SELECT CAST(-12 AS smallint) AS v, CAST(32767 AS smallint) AS mx" },
        { "int4", "SELECT CAST(123456 AS integer) AS v, CAST(-2147483648 AS integer) AS mn" },
        { "int8", "SELECT CAST(1234567890123 AS bigint) AS v, CAST(-9223372036854775807 AS bigint) AS mn" },
        { "float4", "SELECT CAST(1.5 AS real) AS v, CAST(-0.1 AS real) AS tenth, CAST(3.4e38 AS real) AS big" },
        { "float8", "SELECT CAST(2.25 AS double precision) AS v, CAST(0.1 AS double precision) AS tenth, CAST(1e300 AS double precision) AS big" },
        { "numeric", "SELECT CAST(12.345 AS numeric(10,3)) AS v, CAST(-0.5 AS numeric(4,2)) AS neg, CAST(123456789012.5 AS numeric(18,1)) AS big" },
        { "text", "SELECT CAST('héllo wörld' AS text) AS v, CAST('' AS text) AS empty" },
        { "bytea", "SELECT CAST('abc' AS bytea) AS v" },
        { "bytea hex", "SELECT CAST('\\x00ff10' AS bytea) AS v, '\\xDEADbeef'::bytea AS w" },
        { "date", "SELECT CAST('2024-01-02' AS date) AS v, CAST('1999-12-31' AS date) AS old" },
        { "timestamp", "SELECT CAST('2024-01-02 03:04:05.123456' AS timestamp) AS v, CAST('2024-01-02 03:04:05' AS timestamp) AS whole" },
        { "timestamptz", "SELECT CAST('2024-01-02 03:04:05+02' AS timestamptz) AS v, CAST('2024-07-01 00:00:00.5+00' AS timestamptz) AS half" },
        { "interval", "SELECT CAST('1 day 02:03:04' AS interval) AS v, CAST('1 year 2 months 3 days' AS interval) AS ym" },
        { "uuid", "SELECT CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS uuid) AS v" },
        { "json", "SELECT CAST('{\"a\": [1, 2]}' AS json) AS v" },
        { "float4[]", "SELECT CAST(ARRAY[1.5, -2.25] AS real[]) AS v" },
        { "int4[]", "SELECT CAST(ARRAY[1, 2, 3] AS integer[]) AS v, CAST(ARRAY[7, NULL] AS integer[]) AS with_null" },
        { "text[]", "SELECT CAST(ARRAY['a', 'b c', 'd\"e'] AS text[]) AS v" },
        { "null", "SELECT CAST(NULL AS integer) AS i, CAST(NULL AS text) AS t" },
    };

    /// <summary>Catalog queries the drivers above send (or close variants), with deterministic answers.</summary>
    public static TheoryData<string, string> CatalogQueries => new()
    {
        { "pg_type of supported types", "SELECT oid, typname, typlen, typtype, typcategory, typelem, typarray, typdelim FROM pg_type WHERE oid IN (16, 17, 20, 21, 23, 25, 114, 700, 701, 1043, 1082, 1114, 1184, 1186, 1700, 2950, 1000, 1007, 1009, 1021, 1022) ORDER BY oid" },
        { "namespaces", "SELECT nspname FROM pg_namespace WHERE nspname IN ('pg_catalog', 'public', 'information_schema') ORDER BY nspname" },
        { "current_schema", "SELECT current_schema() AS s" },
        { "format_type", "SELECT format_type(23, -1) AS i, format_type(1043, 14) AS v, format_type(1021, -1) AS fa, format_type(1700, 655367) AS n" },
        { "settings", "SELECT current_setting('DateStyle') AS ds, current_setting('client_encoding') AS ce, current_setting('standard_conforming_strings') AS scs, current_setting('integer_datetimes') AS idt" },
        { "reg casts ::", "SELECT 'pg_type'::regclass::oid AS cls, 'int4'::regtype::oid AS typ" },
        { "regproc", "SELECT 'array_in'::regproc::oid AS p" },
        { "pgjdbc array types", "SELECT t.typname, e.typname AS elem FROM pg_type t JOIN pg_type e ON t.typelem = e.oid WHERE t.oid IN (1007, 1009, 1021) ORDER BY t.oid" },
        { "Npgsql 10 range query", "SELECT oid, typname FROM pg_type WHERE typname IN ('int4', '_int4', 'float4', '_float4', 'text', '_text') ORDER BY typname" },
        { "pg_proc array_recv", "SELECT proname FROM pg_proc WHERE oid = (SELECT typreceive FROM pg_type WHERE oid = 1021)" },
        { "transaction isolation", "SHOW transaction_isolation" },
    };

    private static PgRawResult Ask(int port, string user, string database, string sql, short format)
    {
        using var client = PgRawClient.Connect(port, user, database);
        return client.Extended(sql, format);
    }

    private PgRawResult Service(string sql, short format) => Ask(service.Port, "analyst", "deepsql", sql, format);

    private PgRawResult Postgres(string sql, short format) => Ask(postgres.Port, "postgres", "postgres", sql, format);

    private static string Show(byte[]? v, short format) => v is null ? "NULL"
        : format == 0 ? $"'{Encoding.UTF8.GetString(v)}'"
        : Convert.ToHexString(v);

    /// <summary>Every difference between two answers, one line each; empty when they agree.</summary>
    public static List<string> Differences(PgRawResult expected, PgRawResult actual, short format, bool types = true)
    {
        var d = new List<string>();
        if (expected.Error is not null || actual.Error is not null)
        {
            if (expected.SqlState != actual.SqlState)
            {
                d.Add($"PostgreSQL: {expected}; service: {actual}");
            }

            return d;
        }

        if (expected.Columns.Count != actual.Columns.Count)
        {
            d.Add($"column count: PostgreSQL {expected.Columns.Count}, service {actual.Columns.Count}");
        }

        foreach (var (e, a) in expected.Columns.Zip(actual.Columns))
        {
            if (e.Name != a.Name)
            {
                d.Add($"column name: PostgreSQL \"{e.Name}\", service \"{a.Name}\"");
            }

            if (!types)
            {
                continue;
            }

            if (e.TypeOid != a.TypeOid)
            {
                d.Add($"column {e.Name}: type OID PostgreSQL {e.TypeOid}, service {a.TypeOid}");
            }

            if (e.TypeModifier != a.TypeModifier)
            {
                d.Add($"column {e.Name}: type modifier PostgreSQL {e.TypeModifier}, service {a.TypeModifier}");
            }

            if (e.TypeSize != a.TypeSize)
            {
                d.Add($"column {e.Name}: type size PostgreSQL {e.TypeSize}, service {a.TypeSize}");
            }

            if (e.Format != a.Format)
            {
                d.Add($"column {e.Name}: format PostgreSQL {e.Format}, service {a.Format}");
            }
        }

        if (expected.Rows.Count != actual.Rows.Count)
        {
            d.Add($"row count: PostgreSQL {expected.Rows.Count}, service {actual.Rows.Count}");
        }

        for (var r = 0; r < Math.Min(expected.Rows.Count, actual.Rows.Count); r++)
        {
            for (var c = 0; c < Math.Min(expected.Rows[r].Length, actual.Rows[r].Length); c++)
            {
                var (e, a) = (expected.Rows[r][c], actual.Rows[r][c]);
                if (!(e is null && a is null) && (e is null || a is null || !e.AsSpan().SequenceEqual(a)))
                {
                    var name = c < expected.Columns.Count ? expected.Columns[c].Name : c.ToString();
                    d.Add($"row {r} {name}: PostgreSQL {Show(e, format)}, service {Show(a, format)}");
                }
            }
        }

        return d;
    }

    private void AssertSame(string label, string sql, short format, bool types = true)
    {
        var theirs = Postgres(sql, format);
        Assert.True(theirs.Error is null, $"the query is not valid on PostgreSQL 15: {theirs}\n{sql}");
        var mine = Service(sql, format);
        var d = Differences(theirs, mine, format, types);
        var formatName = format == 0 ? "text" : "binary";
        Assert.True(d.Count == 0, $"{label} ({formatName}) differs from PostgreSQL 15:\n  {string.Join("\n  ", d)}\n{sql}");
    }

    /// <summary>The catalog relations the issue lists, and the other ones psql and the drivers read.</summary>
    public static TheoryData<string> CatalogRelations => new(
        "pg_type", "pg_namespace", "pg_class", "pg_attribute", "pg_proc", "pg_range", "pg_enum", "pg_database",
        "pg_settings", "pg_roles", "pg_user", "pg_description", "pg_index", "pg_constraint", "pg_attrdef", "pg_am",
        "pg_extension", "pg_inherits", "pg_tables", "pg_views", "pg_matviews", "pg_stat_user_tables", "pg_collation",
        "pg_tablespace", "pg_language", "pg_indexes", "pg_sequences",
        "information_schema.tables", "information_schema.columns", "information_schema.schemata",
        "information_schema.views", "information_schema.routines", "information_schema.parameters",
        "information_schema.table_constraints", "information_schema.key_column_usage",
        "information_schema.referential_constraints", "information_schema.character_sets");

    /// <summary>
    /// Catalog columns whose type still differs from PostgreSQL's, and why: (relation.column, PostgreSQL's OID, ours).
    /// regproc (24) shows a function's name as text where DeepSQL's catalog has the OID (26); xid (28),
    /// int2vector (22) and oidvector (30) have no engine type (they come back as oid and as arrays).
    /// </summary>
    private static readonly Dictionary<string, (int Postgres, int Service)> KnownColumnTypeDifferences = new()
    {
        ["pg_type.typsubscript"] = (24, 26), ["pg_type.typinput"] = (24, 26), ["pg_type.typoutput"] = (24, 26),
        ["pg_type.typreceive"] = (24, 26), ["pg_type.typsend"] = (24, 26), ["pg_type.typmodin"] = (24, 26),
        ["pg_type.typmodout"] = (24, 26), ["pg_type.typanalyze"] = (24, 26),
        ["pg_class.relfrozenxid"] = (28, 26), ["pg_class.relminmxid"] = (28, 26),
        ["pg_attribute.attmissingval"] = (2277, 25),
        ["pg_proc.prosupport"] = (24, 26), ["pg_proc.proargtypes"] = (30, 1028),
        ["pg_range.rngcanonical"] = (24, 26), ["pg_range.rngsubdiff"] = (24, 26),
        ["pg_database.datfrozenxid"] = (28, 26), ["pg_database.datminmxid"] = (28, 26),
        ["pg_index.indkey"] = (22, 1005), ["pg_index.indcollation"] = (30, 1028), ["pg_index.indclass"] = (30, 1028),
        ["pg_index.indoption"] = (22, 1005),
        ["pg_am.amhandler"] = (24, 26),
        ["pg_sequences.data_type"] = (2206, 26),
    };

    /// <summary>Same type, other modifier: information_schema's time_stamp is timestamptz(2); DuckDB keeps no precision.</summary>
    private static readonly HashSet<string> KnownModifierDifferences =
        ["information_schema.routines.created", "information_schema.routines.last_altered"];

    /// <summary>
    /// Every column of every catalog relation: same names in the same order, same type OID, modifier and size as
    /// PostgreSQL 15 (information_schema's domains answer as their base types there), except the listed differences,
    /// which must still be what the list says.
    /// </summary>
    [Theory]
    [MemberData(nameof(CatalogRelations))]
    public void Catalog_relation_columns_and_types_equal_postgresqls(string relation)
    {
        var sql = $"SELECT * FROM {relation} LIMIT 0";
        var theirs = Postgres(sql, 0);
        var mine = Service(sql, 0);
        Assert.True(theirs.Error is null, theirs.ToString());
        Assert.True(mine.Error is null, mine.ToString());
        Assert.Equal(theirs.Columns.Select(c => c.Name), mine.Columns.Select(c => c.Name));
        var d = new List<string>();
        foreach (var (e, a) in theirs.Columns.Zip(mine.Columns))
        {
            var key = $"{relation}.{e.Name}";
            if (KnownColumnTypeDifferences.TryGetValue(key, out var known))
            {
                if ((e.TypeOid, a.TypeOid) != known)
                {
                    d.Add($"{key}: listed as PostgreSQL {known.Postgres} / service {known.Service}, now {e.TypeOid} / {a.TypeOid}");
                }

                continue;
            }

            var modifierDiffers = e.TypeModifier != a.TypeModifier && !KnownModifierDifferences.Contains(key);
            if (e.TypeOid != a.TypeOid || e.TypeSize != a.TypeSize || modifierDiffers)
            {
                d.Add($"{key}: PostgreSQL {e.TypeOid} (modifier {e.TypeModifier}, size {e.TypeSize}), service {a.TypeOid} (modifier {a.TypeModifier}, size {a.TypeSize})");
            }
        }

        Assert.True(d.Count == 0, $"{relation} differs from PostgreSQL 15:\n  {string.Join("\n  ", d)}");
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_in_text_format_equal_postgresqls(string type, string sql) => AssertSame(type, sql, 0);

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_in_binary_format_equal_postgresqls(string type, string sql) => AssertSame(type, sql, 1);

    /// <summary>Names and values only, so that a column type gap (name, oid, "char") doesn't hide a value gap.</summary>
    [Theory]
    [MemberData(nameof(CatalogQueries))]
    public void Catalog_values_equal_postgresqls(string label, string sql) => AssertSame(label, sql, 0, types: false);

    [Theory]
    [MemberData(nameof(CatalogQueries))]
    public void Catalog_column_types_equal_postgresqls(string label, string sql) => AssertSame(label, sql, 0);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Varchar_n_equals_postgresqls(short format) =>
        AssertSame("varchar", "SELECT CAST('hi' AS varchar(10)) AS v", format);

    [Fact]
    public void Cast_as_regclass_equals_postgresqls() => AssertSame("CAST AS regclass",
        "SELECT CAST('pg_type' AS regclass) = CAST(1247 AS oid) AS cls, CAST(CAST('int4' AS regtype) AS oid) AS typ", 0, types: false);

    [Fact]
    public void Qualified_regproc_equals_postgresqls() => AssertSame("qualified regproc (pgjdbc TypeInfoCache)",
        "SELECT typinput = 'pg_catalog.array_in'::regproc AS is_array, typname FROM pg_catalog.pg_type WHERE oid IN (23, 1021) ORDER BY oid", 0, types: false);

    [Theory]
    [InlineData("SELECT 1 AS a, CAST('x' AS text) AS b")]
    [InlineData("SELECT CAST(2.5 AS double precision) AS c WHERE 1 = 1")]
    public void Describe_statement_without_parameters_equals_postgresqls(string sql) => AssertSameDescription(sql);

    [Theory]
    [InlineData("SELECT $1 AS a, CAST('x' AS text) AS b", new[] { 23 })]
    [InlineData("SELECT $1 + 1 AS n, upper($2) AS s, $3 AS d", new[] { 23, 25, 1082 })]
    public void Describe_statement_with_typed_parameters_equals_postgresqls(string sql, int[] parameterOids) =>
        AssertSameDescription(sql, parameterOids);

    private void AssertSameDescription(string sql, params int[] parameterOids)
    {
        using var p = PgRawClient.Connect(postgres.Port, "postgres", "postgres");
        using var s = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var theirs = p.DescribeStatement(sql, parameterOids);
        var mine = s.DescribeStatement(sql, parameterOids);
        Assert.True(theirs.Error is null, theirs.ToString());
        var d = Differences(theirs, mine, 0);
        if (!theirs.ParameterOids.SequenceEqual(mine.ParameterOids))
        {
            d.Add($"ParameterDescription: PostgreSQL [{string.Join(", ", theirs.ParameterOids)}], service [{string.Join(", ", mine.ParameterOids)}]");
        }

        Assert.True(d.Count == 0, $"Describe statement differs from PostgreSQL 15:\n  {string.Join("\n  ", d)}\n{sql}");
    }

    [Theory]
    [InlineData("SELECT * FROM differential_no_such_table")]
    [InlineData("SELECT CAST('x' AS integer)")]
    [InlineData("SELEC 1")]
    [InlineData("SELECT no_such_column FROM (SELECT 1 AS a) t")]
    public void Error_sqlstates_equal_postgresqls(string sql)
    {
        var theirs = Postgres(sql, 0);
        var mine = Service(sql, 0);
        Assert.NotNull(theirs.SqlState);
        Assert.True(theirs.SqlState == mine.SqlState, $"SQLSTATE: PostgreSQL {theirs}; service {mine}\n{sql}");
    }

    [Fact]
    public void Simple_query_answers_equal_postgresqls()
    {
        const string sql = "SELECT CAST(1 AS integer) AS a, CAST('x' AS text) AS b; SELECT CAST(2.5 AS double precision) AS c";
        using var p = PgRawClient.Connect(postgres.Port, "postgres", "postgres");
        using var s = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var theirs = p.Query(sql);
        var mine = s.Query(sql);
        Assert.Equal(theirs.Count, mine.Count);
        var d = theirs.Zip(mine).SelectMany((t, i) => Differences(t.First, t.Second, 0).Select(x => $"statement {i}: {x}")).ToList();
        Assert.Equal(theirs.Select(r => r.CommandTag), mine.Select(r => r.CommandTag));
        Assert.True(d.Count == 0, string.Join("\n", d));
    }

    [Fact]
    public void Startup_parameters_that_drivers_read_equal_postgresqls()
    {
        using var p = PgRawClient.Connect(postgres.Port, "postgres", "postgres");
        using var s = PgRawClient.Connect(service.Port, "analyst", "deepsql");
        var d = new[] { "client_encoding", "DateStyle", "integer_datetimes", "standard_conforming_strings", "TimeZone", "IntervalStyle" }
            .Where(k => p.Parameters.GetValueOrDefault(k) != s.Parameters.GetValueOrDefault(k))
            .Select(k => $"{k}: PostgreSQL '{p.Parameters.GetValueOrDefault(k)}', service '{s.Parameters.GetValueOrDefault(k)}'")
            .ToList();
        Assert.True(d.Count == 0, "ParameterStatus differs:\n  " + string.Join("\n  ", d));
        Assert.StartsWith("15.", s.Parameters.GetValueOrDefault("server_version") ?? "", StringComparison.Ordinal);
    }
}
