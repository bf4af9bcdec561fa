using G2G.Runtime.Definitions;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>What /admin/jobs lists: jobs due and not taken, jobs that failed every retry; for administrators only.</summary>
public abstract class JobQueriesTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "timer.bpmn", "call.bpmn")
    where TDatabase : TestDatabase
{
    private Task<T> AsAdministrator<T>(Func<JobQueries, Task<T>> query) => Runtime.In(s =>
    {
        s.GetRequiredService<CallerContext>().Current = new Caller("admin", null, null, ClearanceLevel.TopSecret, [], [SystemRoles.Administrator], null);
        return query(s.GetRequiredService<JobQueries>());
    });

    [DatabaseFact]
    public async Task ATimer_IsListedDue_OnlyOnceItsTimeHasCome()
    {
        var id = await Runtime.StartAsync("timeout");
        Assert.DoesNotContain((await AsAdministrator(j => j.DueAsync(1, 50))).Items, j => j.InstanceId == id);

        Runtime.Clock.Advance(TimeSpan.FromHours(2));

        var due = Assert.Single((await AsAdministrator(j => j.DueAsync(1, 50))).Items, j => j.InstanceId == id);
        Assert.Equal(JobKinds.Timer, due.Kind);
        Assert.Equal(0, due.Attempts);
    }

    [DatabaseFact]
    public async Task AJobThatFailedEveryRetry_IsListedFailed_WithItsLastError()
    {
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().RetractAsync("archiving", 1, "admin"));
        try
        {
            var parent = await Runtime.StartAsync("withArchive", ("docNo", "J-1"));
            for (var attempt = 0; attempt < 3; attempt++)
            {
                await Runtime.RunJobsAsync();
                Runtime.Clock.Advance(TimeSpan.FromMinutes(5));
            }

            var failed = Assert.Single((await AsAdministrator(j => j.FailedAsync(1, 50))).Items, j => j.InstanceId == parent);
            Assert.Equal((JobKinds.StartChild, JobStates.Failed, 3), (failed.Kind, failed.State, failed.Attempts));
            Assert.Contains("archiving", failed.LastError, StringComparison.Ordinal);
            Assert.DoesNotContain((await AsAdministrator(j => j.DueAsync(1, 50))).Items, j => j.Id == failed.Id);
        }
        finally
        {
            await Runtime.In(s => s.GetRequiredService<DeploymentService>().PublishAsync("archiving", 1, "admin"));
        }
    }

    [DatabaseFact]
    public async Task SomeoneWhoIsNotAnAdministrator_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.In(s =>
        {
            s.GetRequiredService<CallerContext>().Current = new Caller("clerk", "agency-1", null, ClearanceLevel.Internal, [], [], ["agency-1"]);
            return s.GetRequiredService<JobQueries>().FailedAsync(1, 50);
        }));
        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
    }
}

public sealed class SqliteJobQueriesTests(SqliteTestDatabase database) : JobQueriesTests<SqliteTestDatabase>(database);

public sealed class PostgresJobQueriesTests(PostgresTestDatabase database) : JobQueriesTests<PostgresTestDatabase>(database);
