using DeepSql.TestSupport;

namespace DeepSql.Clients.Tests;

/// <summary>
/// The type-loading query of Npgsql 4.0.x (the driver inside Power BI Desktop), sent as that driver sends it: one
/// pipeline of Parse/Bind/Describe/Execute per statement, results in text, one Sync. Checked on its own and against
/// PostgreSQL 15's answer for the built-in types the service supports.
/// </summary>
[Collection("clients")]
public sealed class Npgsql40TypeLoadingTests(ServiceFixture service, PostgresFixture postgres)
{
    // Npgsql 4.0 PostgresDatabaseInfo: the version, then all supported types (arrays recognised by typreceive =
    // array_recv, ordered base → domain → range → array), then the fields of free-standing composite types.
    public const string VersionQuery = "SELECT version()";

    public const string TypesQuery = ClientQueries.Npgsql4Types;

    public const string CompositesQuery = ClientQueries.Npgsql4Composites;

    private static readonly string[] Columns = ["nspname", "typname", "oid", "typrelid", "typbasetype", "type", "elemoid", "ord"];

    /// <summary>The built-in types the service answers with, and their array types.</summary>
    private static readonly int[] SupportedOids = [16, 17, 20, 21, 23, 25, 114, 700, 701, 1043, 1082, 1114, 1184, 1186, 1700, 2950,
        1000, 1001, 1005, 1007, 1009, 1015, 1016, 1021, 1022, 1115, 1182, 1185, 1187, 1231, 2951];

    private static List<PgRawResult> Send(int port, string user, string database)
    {
        using var client = PgRawClient.Connect(port, user, database);
        return client.ExtendedBatch([VersionQuery, TypesQuery, CompositesQuery], resultFormat: 0);
    }

    [Fact]
    public void The_pipeline_answers_three_results_without_error()
    {
        var results = Send(service.Port, "analyst", "deepsql");
        Assert.All(results, r => Assert.True(r.Error is null, $"Npgsql 4.0 type loading failed: {r}"));
        Assert.Equal(3, results.Count);
        Assert.StartsWith("PostgreSQL ", Assert.Single(results[0].TextRows)[0], StringComparison.Ordinal);
        Assert.Equal(Columns, results[1].Columns.Select(c => c.Name));
        Assert.All(results[1].Columns, c => Assert.Equal(0, c.Format));
        Assert.Equal(["nspname", "typname", "attname", "atttypid"], results[2].Columns.Select(c => c.Name));
    }

    [Fact]
    public void Every_supported_array_row_follows_its_element_and_ord_never_decreases()
    {
        var types = Send(service.Port, "analyst", "deepsql")[1];
        Assert.True(types.Error is null, types.ToString());
        var seen = new HashSet<string>();
        var lastOrd = 0;
        foreach (var row in types.TextRows)
        {
            var ord = int.Parse(row[7]!);
            Assert.True(ord >= lastOrd, $"ord {ord} after {lastOrd} at {row[1]}");
            lastOrd = ord;
            // PostgreSQL 15 itself lists arrays of types this query leaves out (_int8multirange: multiranges are
            // typtype 'm'); Npgsql 4.0 skips those. The supported types' arrays must follow their elements.
            if (row[5] == "a" && SupportedOids.Contains(int.Parse(row[2]!)))
            {
                Assert.True(seen.Contains(row[6]!), $"array {row[1]} (oid {row[2]}) names element {row[6]} that no earlier row has");
            }

            seen.Add(row[2]!);
        }

        foreach (var oid in SupportedOids)
        {
            Assert.True(seen.Contains(oid.ToString()), $"type oid {oid} is missing from the Npgsql 4.0 type list");
        }
    }

    private static HashSet<string> AllTypeOids(int port, string user, string database)
    {
        using var client = PgRawClient.Connect(port, user, database);
        return client.Extended("SELECT oid FROM pg_type", 0).TextRows.Select(r => r[0]!).ToHashSet();
    }

    [Fact]
    public void Column_types_equal_postgresql_15s()
    {
        var mine = Send(service.Port, "analyst", "deepsql")[1];
        var theirs = Send(postgres.Port, "postgres", "postgres")[1];
        Assert.True(mine.Error is null, mine.ToString());
        // PostgreSQL: nspname/typname are name (19), the OIDs oid (26), type "char" (18), elemoid oid, ord int4
        var differences = theirs.Columns.Zip(mine.Columns)
            .Where(p => p.First.TypeOid != p.Second.TypeOid)
            .Select(p => $"{p.First.Name}: PostgreSQL type {p.First.TypeOid}, service {p.Second.TypeOid}")
            .ToList();
        Assert.True(differences.Count == 0, "column type OIDs differ:\n  " + string.Join("\n  ", differences));
    }

    [Fact]
    public void Rows_of_the_supported_types_equal_postgresql_15s()
    {
        string Key(string?[] r) => string.Join("|", r);
        var mine = Send(service.Port, "analyst", "deepsql")[1];
        var theirs = Send(postgres.Port, "postgres", "postgres")[1];
        Assert.True(mine.Error is null, mine.ToString());
        Assert.True(theirs.Error is null, theirs.ToString());
        Assert.Equal(theirs.Columns.Select(c => c.Name), mine.Columns.Select(c => c.Name));
        // every supported type exactly as PostgreSQL has it, and no row PostgreSQL would not send for an OID it has
        var allPgOids = AllTypeOids(postgres.Port, "postgres", "postgres");
        bool Compared(string?[] r) => SupportedOids.Contains(int.Parse(r[2]!)) || allPgOids.Contains(r[2]!);
        var expected = theirs.TextRows.Where(Compared).Where(r => SupportedOids.Contains(int.Parse(r[2]!)) || mine.TextRows.Any(m => m[2] == r[2]))
            .Select(Key).Order().ToList();
        var actual = mine.TextRows.Where(Compared).Select(Key).Order().ToList();
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"rows differ from PostgreSQL 15 (nspname|typname|oid|typrelid|typbasetype|type|elemoid|ord)\n" +
            $"PostgreSQL only:\n  {string.Join("\n  ", missing)}\nservice only:\n  {string.Join("\n  ", extra)}");
    }
}
