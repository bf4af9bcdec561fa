using G2G.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Jobs;

/// <summary>
/// The hosted job executor that runs on every node: it acquires due jobs with a lease, runs each as
/// a command, renews the lease of long ones, retries failures with backoff and turns the last failure
/// into an incident. On shutdown it finishes the job in hand and releases the rest.
/// </summary>
public sealed partial class JobExecutor(IServiceScopeFactory scopes, IOptions<RuntimeOptions> options, TimeProvider clock, ILogger<JobExecutor> logger)
    : BackgroundService
{
    private readonly string _owner = options.Value.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>This node's name in job leases.</summary>
    public string Owner => _owner;

    /// <summary>When this node looks next whether an anchor over the chains' heads is due.</summary>
    private DateTimeOffset _nextAnchor = DateTimeOffset.MinValue;

    /// <summary>When this node next folds the task count changes into the counts.</summary>
    private DateTimeOffset _nextFold = DateTimeOffset.MinValue;

    /// <summary>How often a node folds the changes the task triggers append (<see cref="Supervision.TaskCounts.FoldAsync"/>).</summary>
    public static readonly TimeSpan FoldInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Folds the task count changes into the counts, so a province's supervision reads stay a sum over few rows. A failure
    /// is logged; the changes wait for the next fold and the counts read meanwhile are still exact.
    /// </summary>
    public async Task FoldCountsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Supervision.TaskCounts>().FoldAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFoldFailed(failure.Message);
        }
    }

    /// <summary>
    /// Appends an anchor over every chain's head when one is due (<see cref="Audit.EventAnchors"/>); returns when to look
    /// again. A failure (another node anchored at the same moment, the database away) is logged and tried again in a minute.
    /// </summary>
    public async Task<DateTimeOffset> AnchorAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Audit.EventAnchors>().AppendIfDueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogAnchorFailed(failure.Message);
            return clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var jobs = options.Value.Jobs;
        LogStarted(_owner);
        while (!stoppingToken.IsCancellationRequested)
        {
            int processed;
            try
            {
                processed = await RunDueJobsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogPollFailed(failure);
                processed = 0;
            }
            if (clock.GetUtcNow() >= _nextAnchor)
                _nextAnchor = await AnchorAsync(stoppingToken).ConfigureAwait(false);
            if (clock.GetUtcNow() >= _nextFold)
            {
                await FoldCountsAsync(stoppingToken).ConfigureAwait(false);
                _nextFold = clock.GetUtcNow() + FoldInterval;
            }
            if (processed == 0)
            {
                try
                {
                    await Task.Delay(jobs.PollInterval, clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Acquires and runs one batch of due jobs. Returns how many were taken.</summary>
    public async Task<int> RunDueJobsAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Jobs;
        List<JobRecord> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            batch = await scope.ServiceProvider.GetRequiredService<JobStore>()
                .AcquireAsync(_owner, clock.GetUtcNow(), settings.LeaseDuration, settings.BatchSize, stoppingToken).ConfigureAwait(false);
        }
        if (batch.Count == 0)
            return 0;
        // Every job of the batch not yet done keeps its lease, the one running and those waiting behind it alike;
        // otherwise a slow job lets the leases of the others run out and another node takes them over meanwhile.
        var held = batch.Select(j => j.Id).ToHashSet();
        using var batchDone = new CancellationTokenSource();
        var renewing = RenewWhileHeldAsync(held, settings.LeaseDuration / 3, batchDone.Token);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    await ReleaseAsync(batch.Skip(i).Select(j => j.Id)).ConfigureAwait(false);
                    break;
                }
                // The job in hand finishes even during shutdown: its command is one short transaction.
                await RunOneAsync(batch[i], CancellationToken.None).ConfigureAwait(false);
                lock (held)
                    held.Remove(batch[i].Id);
            }
        }
        finally
        {
            await batchDone.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
        return batch.Count;
    }

    /// <summary>
    /// Renews the leases of the batch's jobs still in hand every <paramref name="interval"/> until the batch is done.
    /// One renewal at a time, awaited: a timer callback that blocked on the database (as this once did) tied up a
    /// thread-pool thread per tick, and with short leases on a small machine starved the pool.
    /// </summary>
    private async Task RenewWhileHeldAsync(HashSet<long> held, TimeSpan interval, CancellationToken batchDone)
    {
        using var ticks = new PeriodicTimer(interval);
        try
        {
            while (await ticks.WaitForNextTickAsync(batchDone).ConfigureAwait(false))
                await RenewAsync(held).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (batchDone.IsCancellationRequested)
        {
            // The batch is done; a renewal in progress was let finish.
        }
    }

    private async Task RunOneAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var claim = new JobClaim(job.Id, _owner);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobRunner>().RunAsync(job, claim, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogJobFailed(job.Id, job.Kind, job.InstanceId, failure.Message);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobStore>()
                .FailAsync(job, _owner, failure.Message, clock.GetUtcNow(), options.Value.Jobs, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(HashSet<long> held)
    {
        long[] jobIds;
        lock (held)
            jobIds = [.. held];
        if (jobIds.Length == 0)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobStore>()
                .RenewAsync(jobIds, _owner, clock.GetUtcNow() + options.Value.Jobs.LeaseDuration, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            LogRenewFailed(jobIds.Length, failure.Message);
        }
    }

    private async Task ReleaseAsync(IEnumerable<long> jobIds)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobStore>().ReleaseAsync(jobIds, _owner, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Information, "Job executor started as {Owner}")]
    private partial void LogStarted(string owner);

    [LoggerMessage(LogLevel.Error, "Polling for jobs failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} ({Kind}) of instance {InstanceId} failed: {Reason}")]
    private partial void LogJobFailed(long jobId, string kind, long? instanceId, string reason);

    [LoggerMessage(LogLevel.Warning, "Appending an anchor over the event logs' heads failed: {Reason}")]
    private partial void LogAnchorFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Folding the task count changes into the counts failed: {Reason}")]
    private partial void LogFoldFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Renewing the leases of {Count} jobs failed: {Reason}")]
    private partial void LogRenewFailed(int count, string reason);
}
