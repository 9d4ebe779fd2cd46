namespace DeepSql.Registry;

/// <summary>Durable file writes: write a temp file, flush it to disk, then rename over the target.</summary>
internal static class AtomicFile
{
    /// <summary>Writes bytes to a new file and flushes them to disk (the file is not renamed).</summary>
    public static void WriteDurable(string path, ReadOnlySpan<byte> bytes)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }

    /// <summary>Replaces <paramref name="path"/> atomically with the bytes.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            WriteDurable(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        FlushDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Flushes a directory entry (the rename) on file systems that support opening a directory.</summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some file systems refuse to open a directory; the rename itself is still atomic there.
        }
    }
}
