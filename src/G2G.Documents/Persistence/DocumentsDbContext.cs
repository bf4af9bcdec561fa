using G2G.Documents.Archive;
using G2G.Documents.Records;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Documents.Persistence;

/// <summary>
/// The documents module's tables (prefix <c>doc_</c>), in the runtime's database, with their own migrations history
/// (<c>__documents_migrations</c>). A handler works on the command's connection and transaction (<see cref="Joining"/>),
/// so what it writes commits or rolls back with the command.
/// </summary>
public sealed class DocumentsDbContext(DbContextOptions<DocumentsDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__documents_migrations";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DocumentsDbContext).Assembly);
        modelBuilder.NameColumnsInSnakeCase(typeof(DocumentsDbContext).Assembly);
    }

    /// <summary>Options on the database the settings name (requests, start-up).</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings) =>
        ModuleContexts.Configure(options, settings, HistoryTable);

    /// <summary>A context on the runtime command's own connection, enlisted in its transaction.</summary>
    public static DocumentsDbContext Joining(G2GDbContext db) => ModuleContexts.Joining<DocumentsDbContext>(db, options => new(options));

    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();

    public DbSet<DocumentRecipientRecord> Recipients => Set<DocumentRecipientRecord>();

    public DbSet<DocumentAttachmentRecord> Attachments => Set<DocumentAttachmentRecord>();

    public DbSet<NumberCounterRecord> NumberCounters => Set<NumberCounterRecord>();

    public DbSet<AgencySealRecord> Seals => Set<AgencySealRecord>();

    public DbSet<RetiredSealRecord> RetiredSeals => Set<RetiredSealRecord>();

    public DbSet<ArchiveItemRecord> ArchiveItems => Set<ArchiveItemRecord>();
}
