using Bunit;
using Bunit.Rendering;
using G2G.Documents;
using G2G.Documents.Persistence;
using G2G.Documents.Seals;
using G2G.Documents.Storage;
using G2G.Office.Persistence;
using G2G.Office.Regulations;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The services of the work, document, library and administration pages, rendered interactively, on databases (the
/// runtime's, the office module's and the documents module's) whose queries stall until cancelled or fail when told
/// (<see cref="StalledQueries"/>); every log entry is captured.
/// </summary>
public abstract class LoadingPagesContext : WorkContext
{
    private const string NoDatabase = "Data Source=:memory:";

    protected LoadingPagesContext()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:EventLog:Keys:1"] = Convert.ToBase64String(new byte[32]) })
            .Build();
        var services = Context.Services;
        services.AddG2GRuntime(configuration);
        services.AddScoped<OrganisationQueries>(); // the real directory instead of WorkContext's placeholder
        services.AddSingleton(DatabaseSettings.FromConfiguration(configuration, Path.GetTempPath()));
        services.AddDbContext<G2GDbContext>(options => options.UseSqlite(NoDatabase).AddInterceptors(Database));
        services.AddDbContext<OfficeDbContext>(options => options.UseSqlite(NoDatabase).AddInterceptors(Database));
        services.AddDbContext<DocumentsDbContext>(options => options.UseSqlite(NoDatabase).AddInterceptors(Database));
        services.AddScoped<RegulationLibrary>();
        services.AddOptions<DocumentsOptions>();
        services.AddDataProtection();
        services.AddSingleton(new FileStoreRoot(Path.GetTempPath()));
        services.AddSingleton<FileStore>();
        services.AddSingleton<SealService>();
        services.AddScoped<DocumentService>();
        services.AddScoped<ProcedureStarter>();
        services.AddScoped<ProcedureNames>();
        services.AddScoped<InstanceUrging>();
        services.AddScoped<G2G.Web.Components.Shell.DatabaseTurns>();
        services.AddSingleton<ILoggerFactory>(Log);
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected StalledQueries Database { get; } = new();

    protected CapturingLogs Log { get; } = new();

    /// <summary>吴芳 (预算一科科长, 示范省财政厅), an administrator here so that every page opens for her.</summary>
    protected void SignIn() => Services.GetRequiredService<CallerContext>().Current =
        new Caller("wu.fang", "sf-fin", "sf-fin-ysc-1", ClearanceLevel.Internal, [], [SystemRoles.Administrator], ["sf-fin"]);

    /// <summary>A page or component, with one parameter when <paramref name="parameter"/> is given.</summary>
    protected IRenderedComponent<ContainerFragment> Render(Type component, string? parameter = null, object? value = null) =>
        Context.Render(builder =>
        {
            builder.OpenComponent(0, component);
            if (parameter is not null)
                builder.AddComponentParameter(1, parameter, value);
            builder.CloseComponent();
        });
}
