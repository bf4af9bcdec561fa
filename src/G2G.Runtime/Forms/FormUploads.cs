using G2G.Engine.Expressions;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Forms;

/// <summary>
/// Who uploaded which file of a form (<see cref="FormUploadRecord"/>), and the check of every file reference a person
/// submits: it must be a file the instance holds already, or one they uploaded themselves, exactly as the server stored
/// it (name, media type, size and SHA-256), and not attached to another instance. A forged, changed or borrowed
/// reference is a field error and nothing is written; accepted uploads are attached to the instance in the
/// submission's own transaction.
/// </summary>
public sealed class FormUploads(G2GDbContext db, SqliteWriteGate writeGate, TimeProvider clock)
{
    /// <summary>
    /// Records a file just stored as <paramref name="uploadedBy"/>'s upload; the same file uploaded again by them before any
    /// form holds it renews the upload instead of adding another.
    /// </summary>
    public async Task RecordAsync(FieldFile file, string uploadedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var renewed = await db.Set<FormUploadRecord>()
            .Where(u => u.UploadedBy == uploadedBy && u.InstanceId == null && u.Sha256 == file.Sha256 && u.Name == file.Name
                && u.ContentType == file.ContentType)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.UploadedAt, now), cancellationToken).ConfigureAwait(false);
        if (renewed > 0)
            return;
        db.Add(new FormUploadRecord
        {
            Sha256 = file.Sha256, Name = file.Name, ContentType = file.ContentType, Size = file.Size, UploadedBy = uploadedBy,
            UploadedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Checks the file references in <paramref name="submitted"/> for <paramref name="submitter"/> and attaches the uploads
    /// they name to <paramref name="instanceId"/> (tracked in <paramref name="db"/>, written with the command). Returns the
    /// refusals by field path (<c>scan</c>, <c>items[0].receipt</c>); nothing is attached when there is any.
    /// </summary>
    /// <param name="held">The instance's variables before the submission (every scope's): files they hold may be submitted again.</param>
    internal static async Task<Dictionary<string, RuntimeText[]>> AttachAsync(G2GDbContext db, string submitter, long instanceId,
        IEnumerable<Value> held, IReadOnlyDictionary<string, Value>? submitted, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, RuntimeText[]>(StringComparer.Ordinal);
        var heldFiles = FormFiles.In(held).ToHashSet();
        var references = (submitted ?? new Dictionary<string, Value>())
            .SelectMany(v => FilesAt(v.Key, v.Value)).Where(r => !heldFiles.Contains(r.File)).ToList();
        if (references.Count == 0)
            return errors;
        var hashes = references.Select(r => r.File.Sha256).Distinct().ToList();
        var uploads = await db.Set<FormUploadRecord>()
            .Where(u => u.UploadedBy == submitter && hashes.Contains(u.Sha256) && (u.InstanceId == null || u.InstanceId == instanceId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var elsewhere = await db.Set<FormUploadRecord>().AsNoTracking()
            .Where(u => u.UploadedBy == submitter && hashes.Contains(u.Sha256) && u.InstanceId != null && u.InstanceId != instanceId)
            .Select(u => u.Sha256).ToListAsync(cancellationToken).ConfigureAwait(false);
        var attached = new List<FormUploadRecord>();
        foreach (var (path, file) in references)
        {
            // One the instance holds already first: submitting it again changes nothing.
            if (uploads.Where(u => u.File == file).OrderBy(u => u.InstanceId == null).FirstOrDefault() is { } upload)
            {
                attached.Add(upload);
                continue;
            }
            var refusal = uploads.Any(u => u.Sha256 == file.Sha256) ? RuntimeMessages.FormFileMismatch(file.Name)
                : elsewhere.Contains(file.Sha256) ? RuntimeMessages.FormFileOfOtherInstance(file.Name)
                : RuntimeMessages.FormFileNotUploaded(file.Name);
            errors[path] = [.. errors.GetValueOrDefault(path) ?? [], refusal];
        }
        if (errors.Count == 0)
            attached.ForEach(u => u.InstanceId = instanceId);
        return errors;
    }

    /// <summary>The file references in a submitted value, each with the path of the field that holds it.</summary>
    private static IEnumerable<(string Path, FieldFile File)> FilesAt(string path, Value value) => value switch
    {
        ListValue when FormFiles.Read(value) is { Count: > 0 } files => files.Select(f => (path, f)),
        ListValue list => list.Items.SelectMany((item, i) => FilesAt($"{path}[{i}]", item)),
        RecordValue when FormFiles.File(value) is { } file => [(path, file)],
        RecordValue record => record.Fields.SelectMany(f => FilesAt($"{path}.{f.Key}", f.Value)),
        _ => [],
    };
}
