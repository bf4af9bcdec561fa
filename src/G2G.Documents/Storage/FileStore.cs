using System.Security.Cryptography;
using G2G.Runtime;
using Microsoft.Extensions.Options;

namespace G2G.Documents.Storage;

/// <summary>A stored file whose content no longer has the hash it is filed under (changed or damaged on disk).</summary>
public sealed class FileIntegrityException(string sha256, RuntimeText text) : Exception(text.English)
{
    public string Sha256 { get; } = sha256;

    /// <summary>The reason, in the reader's language.</summary>
    public RuntimeText Text { get; } = text;
}

/// <summary>
/// Content-addressed storage of bodies and attachments: a file is named by the SHA-256 of its bytes
/// (<c>ab/abcdef….bin</c> under <see cref="DocumentsOptions.FilesPath"/>), written once through a temporary file and a
/// rename, so equal content is stored once and a file never changes in place. Every read hashes the bytes again; a
/// file whose hash differs is refused (<see cref="FileIntegrityException"/>), never served.
/// </summary>
public sealed class FileStore(IOptions<DocumentsOptions> options, FileStoreRoot root)
{
    /// <summary>Stores the bytes and returns their SHA-256 (lower-case hex).</summary>
    public string Put(ReadOnlySpan<byte> content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            try
            {
                // Stored again: a sweep of unused uploads erases only files nobody stored since its cutoff (EraseUntouched).
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                return hash;
            }
            catch (FileNotFoundException)
            {
                // swept meanwhile: written again below
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another node stored the same content meanwhile
        }
        return hash;
    }

    /// <summary>The bytes filed under the hash, checked against it.</summary>
    /// <exception cref="FileIntegrityException">The file is missing or its content does not match the hash.</exception>
    public byte[] Read(string sha256)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
            throw new FileIntegrityException(sha256, DocumentsMessages.FileMissing(sha256));
        var content = File.ReadAllBytes(path);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), sha256, StringComparison.Ordinal))
        {
            throw new FileIntegrityException(sha256, DocumentsMessages.FileChanged(sha256));
        }
        return content;
    }

    /// <summary>Whether a media type may be stored as an attachment.</summary>
    public bool Allows(string contentType) => options.Value.AllowedTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase);

    /// <summary>Removes a file (archive destruction). Content shared with another document must not be erased: the caller checks.</summary>
    public void Erase(string sha256)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
            File.Delete(path);
    }

    /// <summary>
    /// Erases a file that nobody has stored since <paramref name="cutoff"/> (a sweep of unused uploads; the caller has
    /// checked that no record names it). The file is first moved aside, so a store of the same content at that moment
    /// either renewed it before (it is put back) or writes it anew. Returns whether it was erased.
    /// </summary>
    public bool EraseUntouched(string sha256, DateTimeOffset cutoff)
    {
        var path = PathOf(sha256);
        var aside = $"{path}.{Guid.NewGuid():N}.swept";
        try
        {
            File.Move(path, aside);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        if (File.GetLastWriteTimeUtc(aside) < cutoff.UtcDateTime)
        {
            File.Delete(aside);
            return true;
        }
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(aside); // written anew meanwhile
        }
        return false;
    }

    internal string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"'{sha256}' is not a SHA-256 in lower-case hex.", nameof(sha256));
        return Path.Combine(root.Path(options.Value.FilesPath), sha256[..2], sha256 + ".bin");
    }
}

/// <summary>The folder relative store paths are resolved against (the host's content root; the working folder elsewhere).</summary>
public sealed class FileStoreRoot(string contentRoot)
{
    public string Path(string configured) => System.IO.Path.GetFullPath(configured, contentRoot);
}
