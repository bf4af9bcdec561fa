using G2G.Runtime.Calendar;
using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace G2G.Web.Health;

/// <summary>The <c>/health</c> endpoint: overall status plus one entry per check, as JSON.</summary>
internal static class HealthEndpoints
{
    /// <summary>
    /// Registers the checks: that the database answers through the runtime's DbContext, and that the working-day
    /// calendar holds this year and, from 1 November, next year (degraded otherwise: deadlines are provisional).
    /// </summary>
    public static IServiceCollection AddG2GHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<G2GDbContext>("database").AddCheck<CalendarHealthCheck>("calendar");
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
