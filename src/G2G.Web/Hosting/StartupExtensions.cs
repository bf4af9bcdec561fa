using G2G.Runtime.Persistence;

namespace G2G.Web.Hosting;

/// <summary>Start-up steps of the host that Program.cs calls by name.</summary>
internal static class StartupExtensions
{
    /// <summary>
    /// Migrates the database. A configuration or database failure is logged as one critical line that names
    /// the settings and the reason (no stack trace: it is an operator's problem, not a bug) and returns false.
    /// </summary>
    public static async Task<bool> TryMigrateDatabaseAsync(this WebApplication app)
    {
        try
        {
            await app.Services.MigrateG2GDatabaseAsync(app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (Exception ex) when (ex is DatabaseConfigurationException or DatabaseStartupException)
        {
            StartupLog.CannotStart(app.Logger, ex.Message);
            return false;
        }
    }

    /// <summary>Logs the addresses Kestrel really bound (port 0 resolved) once the server has started.</summary>
    public static void LogListeningUrlsWhenStarted(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            StartupLog.Listening(app.Logger, urls);
        });
}
