using G2G.Runtime.Tests.Infrastructure;

namespace G2G.Office.Tests;

/// <summary>A world the office tests walk a procedure in: set up before each test, disposed after it.</summary>
public interface IScenarioWorld : IAsyncDisposable
{
    /// <summary>Migrates, creates the world's organisation once, clears the test's own rows and deploys the workflows.</summary>
    Task InitializeAsync();
}

/// <summary>
/// The tests of one procedure in <typeparamref name="TWorld"/> on one database (the concrete classes name SQLite or
/// PostgreSQL): the world is set up before each test and disposed after it.
/// </summary>
public abstract class ScenarioTests<TDatabase, TWorld>(TDatabase database, TWorld world) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
    where TWorld : IScenarioWorld
{
    protected TDatabase Database { get; } = database;

    protected TWorld World { get; } = world;

    public Task InitializeAsync() => World.InitializeAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();
}
