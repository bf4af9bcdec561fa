using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Persistence;

/// <summary>Round trips of <see cref="ProcessDefinitionRecord"/> through a real database on every provider.</summary>
public abstract class ProcessDefinitionStoreTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    // Each test uses its own process key: the database is shared by the tests of the class.
    private readonly string _key = $"leave-request-{Guid.NewGuid():N}";

    public Task InitializeAsync() => database.MigrateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task Insert_ThenReadInNewContext_ReturnsTheSameDefinition()
    {
        // Microseconds are the finest unit both providers keep.
        var deployedAt = new DateTimeOffset(2026, 11, 22, 16, 30, 15, TimeSpan.FromHours(8)).AddTicks(1_234_560);
        long id;
        await using (var write = database.CreateContext())
        {
            var record = Definition(version: 1, deployedAt);
            write.ProcessDefinitions.Add(record);
            await write.SaveChangesAsync();
            id = record.Id;
        }

        await using var read = database.CreateContext();
        var stored = await read.ProcessDefinitions.SingleAsync(d => d.Id == id);

        Assert.True(id > 0);
        Assert.Equal(_key, stored.ProcessKey);
        Assert.Equal(1, stored.Version);
        Assert.Equal("请假申请 Leave request", stored.Name);
        Assert.Equal(new string('a', 64), stored.ContentHash);
        Assert.Equal(Xml, stored.Xml);
        Assert.True(stored.IsPublished);
        Assert.Equal(deployedAt, stored.DeployedAt);
        Assert.Equal(TimeSpan.Zero, stored.DeployedAt.Offset);
    }

    [DatabaseFact]
    public async Task Insert_SameKeyAndVersionTwice_ThrowsDbUpdateException()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var first = database.CreateContext())
        {
            first.ProcessDefinitions.Add(Definition(version: 1, now));
            await first.SaveChangesAsync();
        }

        await using var second = database.CreateContext();
        second.ProcessDefinitions.Add(Definition(version: 1, now));

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [DatabaseFact]
    public async Task OrderByDeployedAt_WithMixedOffsets_ReturnsTimeOrder()
    {
        // 09:00+08:00 is 01:00 UTC, earlier than 02:00+00:00 although it sorts later as local text.
        var early = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var late = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);
        await using (var write = database.CreateContext())
        {
            write.ProcessDefinitions.AddRange(Definition(version: 2, late), Definition(version: 1, early));
            await write.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var versions = await read.ProcessDefinitions
            .Where(d => d.ProcessKey == _key && d.DeployedAt > early.AddMinutes(-1))
            .OrderBy(d => d.DeployedAt)
            .Select(d => d.Version)
            .ToListAsync();

        Assert.Equal([1, 2], versions);
    }

    private const string Xml =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="leave" isExecutable="true"/></definitions>""";

    private ProcessDefinitionRecord Definition(int version, DateTimeOffset deployedAt) => new()
    {
        ProcessKey = _key,
        Version = version,
        Name = "请假申请 Leave request",
        ContentHash = new string('a', 64),
        Xml = Xml,
        DeployedAt = deployedAt,
        IsPublished = true,
    };
}

public sealed class SqliteProcessDefinitionStoreTests(SqliteTestDatabase database)
    : ProcessDefinitionStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresProcessDefinitionStoreTests(PostgresTestDatabase database)
    : ProcessDefinitionStoreTests<PostgresTestDatabase>(database);
