using G2G.Documents.Persistence;
using G2G.Runtime.Forms;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace G2G.Documents.Storage;

/// <summary>
/// Removes uploads of forms' file fields that no submitted form holds once they are older than
/// <see cref="DocumentsOptions.OrphanUploadAge"/> (a form abandoned, a file replaced before submitting), every
/// <see cref="DocumentsOptions.OrphanSweepInterval"/> on each node. An upload is removed only while still unattached
/// (a submission that attaches it first keeps it); its file is erased only when no other upload, attached or not, and
/// no document body or attachment names the same content, and nobody stored that content since the cutoff.
/// </summary>
public sealed partial class OrphanUploadSweeper(
    IServiceScopeFactory scopes, FileStore files, IOptions<DocumentsOptions> options, TimeProvider clock, ILogger<OrphanUploadSweeper> logger)
    : PeriodicSweep(clock, logger)
{
    private const int BatchSize = 200;

    protected override TimeSpan Interval => options.Value.OrphanSweepInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>One sweep; returns how many uploads were removed and how many files erased.</summary>
    public async Task<(int Uploads, int Files)> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.OrphanUploadAge;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        var (removed, erased) = (0, 0);
        var after = 0L;
        while (true)
        {
            var batch = await db.Set<FormUploadRecord>().AsNoTracking()
                .Where(u => u.InstanceId == null && u.UploadedAt < cutoff && u.Id > after).OrderBy(u => u.Id)
                .Select(u => new { u.Id, u.Sha256 }).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var upload in batch)
            {
                // Still unattached and still old: a submission or a renewed upload since the query keeps it.
                if (await db.Set<FormUploadRecord>().Where(u => u.Id == upload.Id && u.InstanceId == null && u.UploadedAt < cutoff)
                        .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
                    continue;
                removed++;
                if (!await InUseAsync(db, documents, upload.Sha256, cancellationToken).ConfigureAwait(false)
                    && files.EraseUntouched(upload.Sha256, cutoff))
                    erased++;
            }
            if (batch.Count < BatchSize)
                break;
            after = batch[^1].Id;
        }
        if (removed > 0)
            LogSwept(Logger, removed, erased, cutoff);
        return (removed, erased);
    }

    private static async Task<bool> InUseAsync(G2GDbContext db, DocumentsDbContext documents, string sha256, CancellationToken cancellationToken) =>
        await db.Set<FormUploadRecord>().AnyAsync(u => u.Sha256 == sha256, cancellationToken).ConfigureAwait(false)
        || await documents.Documents.AnyAsync(d => d.BodySha256 == sha256, cancellationToken).ConfigureAwait(false)
        || await documents.Attachments.AnyAsync(a => a.Sha256 == sha256, cancellationToken).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Uploads} form uploads unsubmitted since before {Cutoff} removed, {Files} files erased.")]
    private static partial void LogSwept(ILogger logger, int uploads, int files, DateTimeOffset cutoff);
}
