using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Forms;

public abstract class FormSubmissionTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
        await _runtime.DeployAsync("leave-form.bpmn");
        await _runtime.Query(async db =>
        {
            if (!await db.Set<FormDefinitionRecord>().AnyAsync(f => f.FormKey == "leave/apply"))
            {
                db.Add(new FormDefinitionRecord { FormKey = "leave/apply", Version = 1, ContentHash = "test", Schema = FormValidatorTests.LeaveForm, DeployedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }
            return true;
        });
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [DatabaseFact]
    public async Task InvalidForm_IsRefusedWithEveryFieldError_AndChangesNothing()
    {
        var id = await _runtime.StartAsync("leaveForm");
        var apply = await _runtime.TaskAsync(id, "apply");
        var version = (await _runtime.InstanceAsync(id)).Version;

        var error = await Assert.ThrowsAsync<RuntimeException>(() => _runtime.CompleteAsync(apply.Id, "zhang.san", null, ("days", 99), ("reason", "x")));

        Assert.Equal(RuntimeErrorCode.Invalid, error.Code);
        Assert.Equal(["days", "reason", "type"], error.FieldErrors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(version, (await _runtime.InstanceAsync(id)).Version);
        Assert.Equal(TaskStates.Open, (await _runtime.TaskAsync(id, "apply")).State);
    }

    [DatabaseFact]
    public async Task ValidForm_Completes_ThenARequiredOpinionIsEnforced()
    {
        var id = await _runtime.StartAsync("leaveForm");
        await _runtime.CompleteAsync((await _runtime.TaskAsync(id, "apply")).Id, "zhang.san", null, ("type", "annual"), ("days", 2), ("reason", "探亲"));
        var approve = await _runtime.TaskAsync(id, "approve");

        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            _runtime.In(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<InstanceService>(s)
                .CompleteTaskAsync(approve.Id, "head", null, "approve", comment: " ")));
        Assert.Contains("opinion", refused.FieldErrors!["comment"].Single().English, StringComparison.Ordinal);

        await _runtime.CompleteAsync(approve.Id, "head", "approve");
        Assert.Equal(InstanceStatus.Completed, (await _runtime.InstanceAsync(id)).Status);
    }
}

public sealed class SqliteFormSubmissionTests(SqliteTestDatabase database) : FormSubmissionTests<SqliteTestDatabase>(database);

public sealed class PostgresFormSubmissionTests(PostgresTestDatabase database) : FormSubmissionTests<PostgresTestDatabase>(database);
