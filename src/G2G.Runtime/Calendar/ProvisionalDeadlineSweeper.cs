using G2G.Engine.Time;
using G2G.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    ILogger<ProvisionalDeadlineSweeper> logger) : BackgroundService
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
            LogRecounted(recounted, data.KnownYears[^1]);
        return recounted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(failure);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} provisional deadlines counted again with the calendar's years up to {LastYear}.")]
    private partial void LogRecounted(int count, int lastYear);

    [LoggerMessage(Level = LogLevel.Error, Message = "Counting provisional deadlines again failed; the next sweep tries again.")]
    private partial void LogFailed(Exception failure);
}
