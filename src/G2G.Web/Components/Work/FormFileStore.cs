using G2G.Documents;
using G2G.Documents.Storage;
using G2G.Runtime;
using G2G.Runtime.Forms;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.Extensions.Options;

namespace G2G.Web.Components.Work;

/// <summary>
/// The files of forms' file fields, kept in the documents' content-addressed store (<see cref="FileStore"/>) under its
/// limits (<c>Documents:MaxFileBytes</c>, <c>Documents:AllowedTypes</c>) and the field's own <c>accept</c>; read back for
/// whoever may see an instance whose variables hold them. Each upload is recorded as the signed-in person's
/// (<see cref="FormUploads"/>): a submission may hold only their own uploads or files its instance holds, and uploads no
/// submitted form holds are swept away after <c>Documents:OrphanUploadAge</c> (<see cref="OrphanUploadSweeper"/>).
/// </summary>
public sealed class FormFileStore(FileStore files, IOptions<DocumentsOptions> options, RuntimeQueries queries, FormUploads uploads,
    CallerContext callers)
{
    /// <summary>The largest file in bytes.</summary>
    public long MaxBytes => options.Value.MaxFileBytes;

    /// <summary>
    /// Stores one upload for the field <paramref name="key"/> (labelled <paramref name="label"/>); a bad name, type or
    /// size is refused as that field's error and nothing is stored.
    /// </summary>
    public async Task<FieldFile> StoreAsync(string key, string label, IReadOnlyList<string>? accept, string? name, string? contentType,
        Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var fileName = name?.Trim() ?? "";
        if (!FormFiles.IsFileName(fileName))
            throw RuntimeException.ForField(key, RuntimeMessages.FormFileName());
        var type = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Split(';')[0].Trim();
        if (!files.Allows(type))
            throw RuntimeException.ForField(key, DocumentsMessages.AttachmentType(type));
        if (!FormFiles.Accepts(accept, fileName, type))
            throw RuntimeException.ForField(key, RuntimeMessages.FieldFileType(label, fileName, string.Join(", ", accept!)));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw RuntimeException.ForField(key, DocumentsMessages.AttachmentTooLarge(MaxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw RuntimeException.ForField(key, DocumentsMessages.AttachmentEmpty());
        var uploader = callers.Current?.UserId ?? throw new InvalidOperationException("Uploading needs a signed-in caller.");
        var file = new FieldFile(fileName, type, buffer.Length, files.Put(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        await uploads.RecordAsync(file, uploader, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>
    /// A file of an instance's forms with its bytes, for a caller who may see the instance; any other file, or an instance
    /// they may not see, is not found.
    /// </summary>
    public async Task<(FieldFile File, byte[] Content)> ReadAsync(long instanceId, string sha256, CancellationToken cancellationToken = default)
    {
        var instance = await queries.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var file = FormFiles.In(instance.Variables.Values).FirstOrDefault(f => f.Sha256 == sha256)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.FormFileNotFound(instanceId, sha256));
        try
        {
            return (file, files.Read(sha256));
        }
        catch (FileIntegrityException broken)
        {
            throw new RuntimeException(RuntimeErrorCode.Conflict, broken.Text);
        }
    }
}
