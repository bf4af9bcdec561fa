using System.Diagnostics;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Benchmarks;

/// <summary>
/// Drives 5-step approvals through <see cref="InstanceService"/> in one scope (one worker): start, then
/// complete the open task five times. The id of the next open task is taken from the context's change
/// tracker, where the command that created it left the new row, so finding it costs no query; a query
/// is the fallback and is counted.
/// </summary>
internal sealed class ApprovalDriver(AsyncServiceScope scope, int worker)
{
    private readonly InstanceService _instances = scope.ServiceProvider.GetRequiredService<InstanceService>();
    private readonly G2GDbContext _db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
    private int _sequence;

    /// <summary>Task ids that had to be looked up with a query (should stay 0).</summary>
    public int LookupQueries { get; private set; }

    /// <summary>Starts an instance; returns its id.</summary>
    public Task<long> StartAsync()
    {
        var n = ++_sequence;
        return _instances.StartAsync(new StartInstance(Models.ApprovalKey,
            BusinessKey: $"BK-{worker}-{n}", Title: $"关于基准测试的请示 {worker}-{n}", Initiator: $"user-{worker}", AgencyId: "agency-1"));
    }

    /// <summary>Completes the task of a step (1–5) with that step's form data, if it has a form.</summary>
    public Task CompleteAsync(long taskId, int step) =>
        _instances.CompleteTaskAsync(taskId, $"leader-{worker}", Models.Submission(step), outcome: "approve", comment: "同意");

    /// <summary>The open task of an instance that the last command created, or null when the instance is done.</summary>
    public async Task<long?> OpenTaskAsync(long instanceId)
    {
        foreach (var entry in _db.ChangeTracker.Entries<TaskRecord>())
        {
            var task = entry.Entity;
            if (task.InstanceId == instanceId && task.State == TaskStates.Open && entry.State == EntityState.Unchanged)
                return task.Id;
        }
        LookupQueries++;
        return await _db.Set<TaskRecord>().AsNoTracking().Where(t => t.InstanceId == instanceId && t.State == TaskStates.Open)
            .Select(t => (long?)t.Id).FirstOrDefaultAsync();
    }

    /// <summary>
    /// Runs approvals until <paramref name="running"/> says stop, checked before every command. Latencies of
    /// starts and completes go to the lists when given.
    /// </summary>
    public async Task<(long Commands, long Instances)> RunAsync(Func<bool> running, List<double>? startLatencies, List<double>? completeLatencies)
    {
        long commands = 0, instances = 0;
        while (running())
        {
            var began = Stopwatch.GetTimestamp();
            var instanceId = await StartAsync();
            startLatencies?.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            commands++;
            var completed = 0;
            for (var step = 1; step < Models.CommandsPerInstance && running(); step++)
            {
                var taskId = await OpenTaskAsync(instanceId)
                    ?? throw new InvalidOperationException($"Instance {instanceId} has no open task at step {step}.");
                began = Stopwatch.GetTimestamp();
                await CompleteAsync(taskId, step);
                completeLatencies?.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                commands++;
                completed++;
            }
            if (completed == Models.CommandsPerInstance - 1)
                instances++;
        }
        return (commands, instances);
    }
}
