using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DeepSql.Server.Http;

/// <summary>A model upload read off a multipart body: the ONNX file spooled to disk, the manifest text, extra files.</summary>
public sealed class ModelUpload : IDisposable
{
    /// <summary>Temp file holding the ONNX part, or null when the body had none. Deleted on dispose.</summary>
    public string? ModelPath { get; internal set; }

    /// <summary>Bytes of the ONNX part.</summary>
    public long ModelBytes { get; internal set; }

    /// <summary>Text of the <c>manifest</c> part (a file or a plain field).</summary>
    public string? ManifestJson { get; internal set; }

    /// <summary>Other file parts, by file name.</summary>
    public Dictionary<string, byte[]> Assets { get; } = new(StringComparer.Ordinal);

    /// <summary>Plain (non-file) fields other than the manifest, e.g. <c>replace</c>.</summary>
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        if (ModelPath is not null)
        {
            try
            {
                File.Delete(ModelPath);
            }
            catch (IOException)
            {
                // a spool file left in the temp folder is harmless
            }
        }
    }
}

/// <summary>Why an upload could not be read.</summary>
public enum UploadError
{
    /// <summary>Read.</summary>
    None,

    /// <summary>Not multipart/form-data, or a malformed body.</summary>
    Malformed,

    /// <summary>More bytes than allowed.</summary>
    TooLarge,
}

/// <summary>Reads multipart/form-data model uploads without buffering the model in memory.</summary>
public static class ModelUploadReader
{
    /// <summary>The multipart boundary of a Content-Type, or null when it is not multipart/form-data.</summary>
    public static string? BoundaryOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrEmpty(boundary) || boundary.Length > 200 ? null : boundary;
    }

    /// <summary>
    /// Reads every part of <paramref name="body"/>. The part named <paramref name="fileField"/> goes to a temp file in
    /// <paramref name="spoolDirectory"/>; the part named <c>manifest</c> is read as text; other file parts are assets.
    /// </summary>
    public static async Task<(ModelUpload? Upload, UploadError Error, string? Reason)> ReadAsync(
        Stream body, string? contentType, string spoolDirectory, long maxBytes, CancellationToken cancellationToken,
        string fileField = "model")
    {
        var boundary = BoundaryOf(contentType);
        if (boundary is null)
        {
            return (null, UploadError.Malformed, "expected multipart/form-data with a 'model' file part and a 'manifest' part");
        }

        var upload = new ModelUpload();
        var total = 0L;
        try
        {
            var reader = new MultipartReader(boundary, body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    upload.Dispose();
                    return (null, UploadError.Malformed, "a part has no Content-Disposition");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value
                    ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
                if (name == fileField && upload.ModelPath is null)
                {
                    Directory.CreateDirectory(spoolDirectory);
                    upload.ModelPath = Path.Combine(spoolDirectory, $"deepsql-upload-{Guid.NewGuid():N}.onnx");
                    await using var file = new FileStream(upload.ModelPath, FileMode.CreateNew, FileAccess.Write,
                        FileShare.None, 81920, useAsync: true);
                    var copied = await CopyLimitedAsync(section.Body, file, maxBytes - total, cancellationToken);
                    if (copied < 0)
                    {
                        upload.Dispose();
                        return (null, UploadError.TooLarge, $"the upload is larger than {maxBytes} bytes");
                    }

                    upload.ModelBytes = copied;
                    total += copied;
                    continue;
                }

                using var buffer = new MemoryStream();
                var length = await CopyLimitedAsync(section.Body, buffer, maxBytes - total, cancellationToken);
                if (length < 0)
                {
                    upload.Dispose();
                    return (null, UploadError.TooLarge, $"the upload is larger than {maxBytes} bytes");
                }

                total += length;
                if (name == "manifest")
                {
                    upload.ManifestJson = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                }
                else if (!string.IsNullOrEmpty(fileName))
                {
                    // assets are stored under their own name only: no folders from the client
                    upload.Assets[Path.GetFileName(fileName)] = buffer.ToArray();
                }
                else
                {
                    upload.Fields[name] = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            upload.Dispose();
            return (null, UploadError.TooLarge, $"the upload is larger than {maxBytes} bytes");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            upload.Dispose();
            return (null, UploadError.Malformed, "malformed multipart body: " + e.Message);
        }
        catch (InvalidDataException e)
        {
            upload.Dispose();
            return (null, UploadError.Malformed, "malformed multipart body: " + e.Message);
        }

        return (upload, UploadError.None, null);
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; −1 when the source holds more.</summary>
    private static async Task<long> CopyLimitedAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var total = 0L;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return -1;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }
}
