using G2G.Runtime.Calendar;
using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace G2G.Web.Health;

/// <summary>The <c>/health</c> endpoint: overall status plus one entry per check, as JSON.</summary>
internal static class HealthEndpoints
{
    /// <summary>
    /// Registers the checks: that the database answers and accepts writes (<see cref="DatabaseHealthCheck"/>), and that the working-day
    /// calendar holds this year and, from 1 November, next year (degraded otherwise: deadlines are provisional).
    /// </summary>
    public static IServiceCollection AddG2GHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<CalendarHealthCheck>("calendar");
        return services;
    }

    /// <summary>Maps <c>/health</c>: 200 when healthy or degraded, 503 when unhealthy (the framework's defaults).</summary>
    public static IEndpointRouteBuilder MapG2GHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync });
        return endpoints;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthResponse(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.Select(e => new HealthCheckResponse(
                e.Key, e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds))]));
}

/// <summary>Body of <c>/health</c>.</summary>
internal sealed record HealthResponse(string Status, double DurationMs, IReadOnlyList<HealthCheckResponse> Checks);

/// <summary>One check's result in <see cref="HealthResponse"/>.</summary>
internal sealed record HealthCheckResponse(string Name, string Status, string? Description, double DurationMs);

/// <summary>
/// Unhealthy unless the database answers and would accept a write: on SQLite the write lock is taken and let go
/// (<c>BEGIN IMMEDIATE</c>, refused on a read-only file or disk), on PostgreSQL the session must not be read-only (a
/// standby). A database that only answers reads is no use to a node: every command writes.
/// </summary>
internal sealed class DatabaseHealthCheck(G2GDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                try
                {
                    await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE", cancellationToken);
                    await db.Database.ExecuteSqlRawAsync("ROLLBACK", cancellationToken);
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
                return HealthCheckResult.Healthy();
            }
            var readOnly = await db.Database.SqlQueryRaw<string>("SELECT current_setting('transaction_read_only') AS \"Value\"").SingleAsync(cancellationToken);
            return readOnly == "off" ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database accepts no writes (transaction_read_only is on: a standby?).");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The database cannot be written: {failure.GetBaseException().Message}", failure);
        }
    }
}

/// <summary>Degraded while a year of holidays that deadlines need is not loaded; the description says which.</summary>
internal sealed class CalendarHealthCheck(CalendarWarnings warnings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var found = await warnings.ListAsync(cancellationToken);
        return found.Count == 0
            ? HealthCheckResult.Healthy("Every year deadlines need is loaded.")
            : HealthCheckResult.Degraded(string.Join(" ", found.Select(w => w.Message)));
    }
}
