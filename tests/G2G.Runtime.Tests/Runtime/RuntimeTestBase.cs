using G2G.Runtime.Tests.Infrastructure;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// A runtime scenario test class: migrates its database, builds the runtime on it and deploys the
/// given workflow files (from Workflows/) before the tests; subclasses per provider pick the database.
/// </summary>
public abstract class RuntimeTestBase<TDatabase>(TDatabase database, params string[] workflows) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    protected RuntimeHarness Runtime { get; private set; } = null!;

    protected TDatabase Database => database;

    public virtual async Task InitializeAsync()
    {
        await database.MigrateAsync();
        Runtime = new RuntimeHarness(database);
        foreach (var file in workflows)
            await Runtime.DeployAsync(file);
    }

    public async Task DisposeAsync() => await Runtime.DisposeAsync();
}
