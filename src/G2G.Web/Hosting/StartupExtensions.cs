using G2G.Documents;
using G2G.Office;
using G2G.Runtime;
using G2G.Runtime.Calendar;
using G2G.Runtime.Definitions;
using G2G.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace G2G.Web.Hosting;

/// <summary>Start-up steps of the host that Program.cs calls by name.</summary>
internal static class StartupExtensions
{
    /// <summary>
    /// Takes the start-up lock (<see cref="StartupLock"/>: nodes starting together on one PostgreSQL database take turns)
    /// and migrates the database; the caller lets the lock go once its other start-up writes are done. A configuration or
    /// database failure is logged as one critical line that names the settings and the reason (no stack trace: it is an
    /// operator's problem, not a bug) and returns null.
    /// </summary>
    public static async Task<StartupLock?> TryMigrateDatabaseAsync(this WebApplication app)
    {
        StartupLock? held = null;
        try
        {
            held = await StartupLock.AcquireAsync(app.Services, app.Lifetime.ApplicationStopping);
            await app.Services.MigrateG2GDatabaseAsync(app.Lifetime.ApplicationStopping);
            await app.Services.MigrateG2GOfficeAsync(app.Lifetime.ApplicationStopping);
            await app.Services.MigrateG2GDocumentsAsync(app.Lifetime.ApplicationStopping);
            return held;
        }
        catch (Exception ex) when (ex is DatabaseConfigurationException or DatabaseStartupException)
        {
            if (held is not null)
                await held.DisposeAsync();
            StartupLog.CannotStart(app.Logger, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Deploys the procedures in the workflows folder: <c>Runtime:WorkflowsPath</c> (relative to the
    /// content root), else the nearest <c>workflows</c> folder at or above the content root, so
    /// <c>dotnet run --project src/G2G.Web</c> finds the repository's folder.
    /// </summary>
    public static async Task DeployWorkflowsAsync(this WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.WorkflowsPath;
        var folder = Path.GetFullPath(configured, app.Environment.ContentRootPath);
        for (var dir = new DirectoryInfo(app.Environment.ContentRootPath); !Directory.Exists(folder) && dir?.Parent is not null && !Path.IsPathRooted(configured); dir = dir.Parent)
            folder = Path.Combine(dir.Parent.FullName, configured);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(folder, app.Lifetime.ApplicationStopping);
        StartupLog.WorkflowsDeployed(app.Logger, folder, result.Created, result.Unchanged, result.Refused, result.Forms);
    }

    /// <summary>
    /// Loads the year files of the calendar folder (<c>Runtime:Calendar:Path</c>, relative to the content root) and
    /// logs each year administrators should load.
    /// </summary>
    public static async Task LoadCalendarAsync(this WebApplication app)
    {
        var folder = Path.GetFullPath(app.Services.GetRequiredService<IOptions<CalendarOptions>>().Value.Path, app.Environment.ContentRootPath);
        await using var scope = app.Services.CreateAsyncScope();
        var stopping = app.Lifetime.ApplicationStopping;
        var result = await scope.ServiceProvider.GetRequiredService<CalendarFolderLoader>().LoadAsync(folder, stopping);
        StartupLog.CalendarLoaded(app.Logger, folder, result.Loaded, result.Unchanged, result.NotAnnounced, result.Refused);
        foreach (var warning in await scope.ServiceProvider.GetRequiredService<CalendarWarnings>().ListAsync(stopping))
            StartupLog.CalendarWarning(app.Logger, warning.Code, warning.Message);
    }

    /// <summary>Logs the addresses Kestrel really bound (port 0 resolved) once the server has started.</summary>
    public static void LogListeningUrlsWhenStarted(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            StartupLog.Listening(app.Logger, urls);
        });
}
