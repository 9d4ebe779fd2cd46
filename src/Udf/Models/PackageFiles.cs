using System.Reflection;

namespace DeepSql.Udf.Models;

/// <summary>Finds files of NuGet packages that restore brought (the package folder baked in at build time, then fallbacks).</summary>
public static class PackageFiles
{
    /// <summary>Candidate package roots: the build's NuGetPackageRoot, $NUGET_PACKAGES, ~/.nuget/packages.</summary>
    public static IReadOnlyList<string> Roots()
    {
        var roots = new List<string>();
        var baked = typeof(PackageFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        Add(baked);
        Add(Environment.GetEnvironmentVariable("NUGET_PACKAGES"));
        Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        return roots;

        void Add(string? root)
        {
            if (!string.IsNullOrWhiteSpace(root) && !roots.Contains(Path.TrimEndingDirectorySeparator(root)))
            {
                roots.Add(Path.TrimEndingDirectorySeparator(root));
            }
        }
    }

    /// <summary>The path of <paramref name="relativePath"/> inside package id/version; throws with every place looked at.</summary>
    public static string Find(string id, string version, string relativePath)
    {
        var tried = new List<string>();
        foreach (var root in Roots())
        {
            var path = Path.Combine(root, id.ToLowerInvariant(), version, relativePath);
            if (File.Exists(path))
            {
                return path;
            }

            tried.Add(path);
        }

        throw new FileNotFoundException(
            $"NuGet package {id} {version} is not restored (run dotnet restore of src/Udf); looked for {string.Join(", ", tried)}");
    }
}
