using System.Security.Cryptography;
using DeepSql.TestSupport;
using static DeepSql.Registry.Tests.StoreFixture;

namespace DeepSql.Registry.Tests;

public sealed class ModelStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Register_stores_version_1_with_sha256_time_and_files()
    {
        var store = Open(_dir);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = RegisterColor(store);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var v = result.Stored!;
        Assert.Equal(1, v.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(TinyModels.ColorClassifier())), v.Sha256);
        Assert.InRange(v.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.Zero, v.CreatedAt.Offset);
        var folder = Path.Combine(_dir.Path, "predict_color", "v1");
        Assert.Equal(Path.Combine(folder, "model.onnx"), v.OnnxPath);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(folder, "version.json")));
        Assert.Equal(["red", "green", "blue"], v.Manifest.Labels);
    }

    [Fact]
    public void Each_registration_is_a_new_version_and_the_name_resolves_to_the_newest()
    {
        var store = Open(_dir);
        RegisterColor(store);
        var second = RegisterColor(store);

        Assert.Equal(2, second.Stored!.Version);
        Assert.True(store.TryResolve("predict_color", out var current));
        Assert.Equal(2, current!.Version);
        Assert.True(store.TryGet("predict_color", out var entry));
        Assert.Equal([1, 2], entry!.Versions.Select(v => v.Version));
    }

    [Fact]
    public void Alias_current_pins_a_version_and_survives_a_restart()
    {
        var store = Open(_dir);
        RegisterColor(store);
        RegisterColor(store);

        Assert.True(store.SetAlias("predict_color", "current", 1, out var error), error);
        Assert.True(store.TryResolve("predict_color", out var pinned));
        Assert.Equal(1, pinned!.Version);

        var reopened = Open(_dir);
        Assert.True(reopened.TryResolve("predict_color", out var again));
        Assert.Equal(1, again!.Version);
        Assert.True(reopened.TryGet("predict_color", out var entry));
        Assert.Equal(1, entry!.Aliases["current"]);
    }

    [Fact]
    public void Alias_to_a_missing_version_is_refused_with_the_versions_there_are()
    {
        var store = Open(_dir);
        RegisterColor(store);

        Assert.False(store.SetAlias("predict_color", "current", 5, out var error));
        Assert.Contains("no version 5", error);
        Assert.False(store.SetAlias("nope", "current", 1, out _));
    }

    [Fact]
    public void Deleting_a_version_falls_back_and_deleting_the_name_removes_it()
    {
        var store = Open(_dir);
        RegisterColor(store);
        RegisterColor(store);
        store.SetAlias("predict_color", "current", 2, out _);

        Assert.True(store.Delete("predict_color", 2));
        Assert.True(store.TryResolve("predict_color", out var v));
        Assert.Equal(1, v!.Version);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "predict_color", "v2")));
        Assert.False(store.Delete("predict_color", 7));

        Assert.True(store.Delete("predict_color"));
        Assert.False(store.TryGet("predict_color", out _));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "predict_color")));
        Assert.Empty(Open(_dir).List());
    }

    [Fact]
    public void A_restart_reloads_every_name_and_version()
    {
        var store = Open(_dir);
        RegisterColor(store, "alpha");
        RegisterColor(store, "beta");
        RegisterColor(store, "beta");

        var reopened = Open(_dir);
        Assert.Equal(["alpha", "beta"], reopened.List().Select(e => e.Name));
        Assert.True(reopened.TryResolve("beta", out var beta));
        Assert.Equal(2, beta!.Version);
        Assert.Equal(store.List()[1].Current.Sha256, beta.Sha256);
        Assert.Equal(3, RegisterColor(reopened, "beta").Stored!.Version);
    }

    [Fact]
    public void Leftover_temp_folders_from_a_crash_are_ignored_and_cleaned()
    {
        RegisterColor(Open(_dir));
        // What a crash during a write leaves: a staging folder, a half-moved version, a version without version.json.
        var staging = Directory.CreateDirectory(Path.Combine(_dir.Path, ".staging-0123")).FullName;
        File.WriteAllBytes(Path.Combine(staging, "model.onnx"), [1, 2, 3]);
        var temp = Directory.CreateDirectory(Path.Combine(_dir.Path, "predict_color", ".tmp-v2")).FullName;
        File.WriteAllText(Path.Combine(temp, "manifest.json"), "{");
        var half = Directory.CreateDirectory(Path.Combine(_dir.Path, "predict_color", "v3")).FullName;
        File.WriteAllBytes(Path.Combine(half, "model.onnx"), TinyModels.ColorClassifier());

        var store = Open(_dir);

        Assert.True(store.TryGet("predict_color", out var entry));
        Assert.Equal([1], entry!.Versions.Select(v => v.Version));
        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(temp));
    }

    [Fact]
    public void Changed_is_raised_after_the_change_is_durable()
    {
        var store = Open(_dir);
        var seen = new List<(ModelChange Change, bool VisibleOnDisk)>();
        store.Changed += c => seen.Add((c, Open(_dir).TryResolve(c.Name, out var v) ? v!.Version > 0 : false));

        RegisterColor(store);
        RegisterColor(store);
        store.SetAlias("predict_color", "current", 1, out _);
        store.Delete("predict_color");

        Assert.Equal(
            [ModelChangeKind.Added, ModelChangeKind.Updated, ModelChangeKind.Updated, ModelChangeKind.Removed],
            seen.Select(s => s.Change.Kind));
        Assert.Equal([true, true, true, false], seen.Select(s => s.VisibleOnDisk));
    }

    [Fact]
    public void Without_replace_an_existing_name_is_a_duplicate_name_problem()
    {
        var store = Open(_dir);
        RegisterColor(store);

        var result = RegisterColor(store, replace: false);

        var p = Assert.Single(result.Problems);
        Assert.Equal(("name", "duplicate_name"), (p.Field, p.Code));
        Assert.True(store.TryGet("predict_color", out var entry));
        Assert.Single(entry!.Versions);
    }

    [Fact]
    public void Concurrent_registrations_get_distinct_versions()
    {
        var store = Open(_dir);
        var versions = new int[6];
        Parallel.For(0, versions.Length, i => versions[i] = RegisterColor(store).Stored!.Version);

        Assert.Equal([1, 2, 3, 4, 5, 6], versions.Order());
        Assert.Equal(6, Open(_dir).List().Single().Versions.Count);
    }

    [Fact]
    public void Assets_are_stored_with_the_version()
    {
        var store = Open(_dir);
        var manifest = Manifest(Manifests.ColorClassifier());
        var result = store.Register(manifest, new MemoryStream(TinyModels.ColorClassifier()),
            new Dictionary<string, byte[]> { ["notes.txt"] = "hello"u8.ToArray() });

        Assert.NotNull(result.Stored!.AssetDirectory);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(result.Stored.AssetDirectory!, "notes.txt")));
        Assert.True(Open(_dir).TryResolve("predict_color", out var reloaded));
        Assert.Equal(result.Stored.AssetDirectory, reloaded!.AssetDirectory);
    }

    [Fact]
    public void The_number_of_a_deleted_newest_version_is_not_reused_even_after_a_restart()
    {
        var store = Open(_dir);
        RegisterColor(store);
        RegisterColor(store);
        Assert.True(store.Delete("predict_color", 2));

        Assert.Equal(3, RegisterColor(Open(_dir)).Stored!.Version);
        Assert.Equal([1, 3], Open(_dir).List().Single().Versions.Select(v => v.Version));
    }
}
