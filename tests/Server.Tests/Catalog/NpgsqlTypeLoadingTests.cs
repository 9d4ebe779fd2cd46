using DeepSql.TestSupport;
using Xunit;

namespace DeepSql.Server.Tests.Catalog;

/// <summary>The batch Npgsql 10 sends when a connection opens (recorded from a real PostgreSQL 15 log).</summary>
public sealed class NpgsqlTypeLoadingTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    [Fact]
    public void Npgsql10_type_loading_batch_returns_base_array_and_range_types()
    {
        var results = fixture.QueryBatch(ClientQueries.Npgsql10TypeLoading);

        Assert.Equal(4, results.Count);
        Assert.StartsWith("PostgreSQL 15.0 (DeepSQL)", (string)results[0].Single()[0]!);

        var types = results[1];
        var byName = types.ToDictionary(r => (string)r[2]!, r => r);
        // nspname, oid, typname, typtype, typnotnull, elemtypoid
        Assert.Equal(["pg_catalog", 23u, "int4", "b", false, null], byName["int4"]);
        Assert.Equal(["pg_catalog", 1021u, "_float4", "a", false, 700u], byName["_float4"]);
        Assert.Equal(["pg_catalog", 3904u, "int4range", "r", false, 23u], byName["int4range"]);
        Assert.Equal("m", (string)byName["int4multirange"][3]!);
        Assert.Equal("p", (string)byName["record"][3]!);
        Assert.All(types, r => Assert.NotNull(r[0]));

        // Npgsql resolves an array only when its element came first: base types sort before arrays.
        var order = types.Select(r => (string)r[3]!).ToList();
        Assert.True(order.LastIndexOf("b") < order.IndexOf("a"));
        Assert.Empty(results[2]);
        Assert.Empty(results[3]);
    }

    [Fact]
    public void Npgsql4_type_loading_returns_arrays_after_their_elements()
    {
        var results = fixture.QueryBatch(ClientQueries.Npgsql4TypeLoading);

        Assert.Equal(2, results.Count);
        var types = results[0];
        // nspname, typname, oid, typrelid, typbasetype, type, elemoid, ord
        var int4 = types.Single(r => (string)r[1]! == "int4");
        Assert.Equal(["pg_catalog", "int4", 23u, 0u, 0u, "b", 0u, 0], int4);
        var textArray = types.Single(r => (string)r[1]! == "_text");
        Assert.Equal(["pg_catalog", "_text", 1009u, 0u, 0u, "a", 25u, 3], textArray);
        Assert.Equal([2, 3904u, "r", 23u], types.Where(r => (string)r[1]! == "int4range").Select(r => new object?[] { r[7], r[2], r[5], r[6] }).Single());
        Assert.Contains(types, r => (string)r[1]! == "record" && (string)r[5]! == "p");
        Assert.Equal(types.Select(r => (int)r[7]!).Order(), types.Select(r => (int)r[7]!));
        Assert.Empty(results[1]);
    }
}
