using G2G.Engine.Time;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Calendar;

/// <summary>
/// Counts provisional deadlines again on every node once its calendar holds new years: a year loaded on another node
/// reaches this one within <see cref="CalendarOptions.RefreshInterval"/>, and deadlines this node counted meanwhile
/// with its older calendar are then recounted too. Runs with the job executor.
/// </summary>
public sealed partial class ProvisionalDeadlineSweeper(
    IServiceScopeFactory scopes, CalendarProvider calendars, IOptions<CalendarOptions> options, TimeProvider clock,
    ILogger<ProvisionalDeadlineSweeper> logger) : PeriodicSweep(clock, logger)
{
    private HolidayCalendarData? _sweptWith;

    /// <summary>Recounts when the calendar's years changed since the last sweep; returns how many tasks were recounted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var data = await calendars.DataAsync(db, cancellationToken).ConfigureAwait(false);
        if (ReferenceEquals(data, _sweptWith))
            return 0;
        var recounted = await scope.ServiceProvider.GetRequiredService<ProvisionalDeadlines>().RecountAsync(cancellationToken).ConfigureAwait(false);
        _sweptWith = data;
        if (recounted > 0)
            LogRecounted(Logger, recounted, data.KnownYears[^1]);
        return recounted;
    }

    protected override TimeSpan Interval => options.Value.RefreshInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} provisional deadlines counted again with the calendar's years up to {LastYear}.")]
    private static partial void LogRecounted(ILogger logger, int count, int lastYear);
}
