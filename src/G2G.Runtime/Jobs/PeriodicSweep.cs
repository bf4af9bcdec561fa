using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G2G.Runtime.Jobs;

/// <summary>
/// A background sweep run at once and then every <see cref="Interval"/> on the injected clock; a failed sweep is
/// logged and the next one tries again. Registered with <see cref="RuntimeServiceCollectionExtensions.AddBackgroundWork{TService}"/>,
/// it runs with the job executor.
/// </summary>
public abstract partial class PeriodicSweep(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the sweep is timed by.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The log of the sweep.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>The pause between two sweeps.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One sweep.</summary>
    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(Logger, GetType().Name, failure);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sweep} failed; the next sweep tries again.")]
    private static partial void LogFailed(ILogger logger, string sweep, Exception failure);
}
