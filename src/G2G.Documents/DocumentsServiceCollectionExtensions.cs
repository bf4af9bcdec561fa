using System.Data.Common;
using G2G.Documents.Handlers;
using G2G.Documents.Persistence;
using G2G.Documents.Seals;
using G2G.Documents.Storage;
using G2G.Runtime;
using G2G.Runtime.Handlers;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Documents;

/// <summary>
/// Registers the documents module: its tables, file store (and the sweep of unsubmitted form uploads in it), seals,
/// services and the handlers its procedures call.
/// </summary>
public static class DocumentsServiceCollectionExtensions
{
    /// <param name="contentRoot">The folder a relative <see cref="DocumentsOptions.FilesPath"/> is resolved against.</param>
    public static IServiceCollection AddG2GDocuments(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<DocumentsOptions>(configuration.GetSection(DocumentsOptions.Section));
        services.AddDbContext<DocumentsDbContext>((provider, options) =>
            DocumentsDbContext.Configure(options, provider.GetRequiredService<DatabaseSettings>()));
        services.AddDataProtection();
        services.AddSingleton(new FileStoreRoot(contentRoot));
        services.AddSingleton<FileStore>();
        services.AddBackgroundWork<OrphanUploadSweeper>();
        services.AddSingleton<SealService>();
        services.AddScoped<DocumentService>();
        services.AddScoped<SealKeyService>();
        services.AddServiceTaskHandler<DraftDocument>("documents.draft");
        services.AddServiceTaskHandler<NumberDocument>("documents.number");
        services.AddServiceTaskHandler<SealDocument>("documents.seal");
        services.AddServiceTaskHandler<DispatchDocument>("documents.dispatch");
        services.AddServiceTaskHandler<ReceiveDocument>("documents.receive");
        services.AddServiceTaskHandler<PlanHandling>("documents.plan");
        services.AddServiceTaskHandler<FileDocument>("documents.file");
        services.AddServiceTaskHandler<HoldForDestruction>("archive.hold");
        services.AddServiceTaskHandler<DestroyArchive>("archive.destroy");
        services.AddServiceTaskHandler<ReleaseArchive>("archive.release");
        return services;
    }

    /// <summary>Brings the documents tables to the current schema (after the runtime's migrations).</summary>
    /// <exception cref="DatabaseStartupException">The database cannot be migrated; the message is fit for an operator.</exception>
    public static async Task MigrateG2GDocumentsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DocumentsDbContext>().Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            throw new DatabaseStartupException($"Cannot migrate the documents module's tables: {ex.Message}", ex);
        }
    }
}
