using System.Net;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// The host on SQLite whose disk fills up under it: requests that write are answered 503
/// <c>database-unavailable</c> with Retry-After and write nothing, reads go on, the file stays intact, and the host
/// serves writes again by itself once space returns (docs/reliability.md, "Faults").
/// </summary>
public sealed class SqliteDiskFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private SmallDisk _disk = null!;
    private G2GWebFactory _factory = null!;
    private HttpClient _client = null!;
    private string _file = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _disk = await SmallDisk.MountAsync(32);
        _file = Path.Combine(_disk.Path, "g2g.db");
        (_factory, _client) = FaultHost.InProcess(_database, new SqliteConnectionStringBuilder { DataSource = _file }.ToString());
        _key = await FaultHost.DeployOneStepAsync(_client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _disk.DisposeAsync();
    }

    [SmallDiskFact]
    public async Task AFullDisk_Is503WithNothingWritten_AndWritesResumeWhenSpaceReturns()
    {
        Assert.Equal(HttpStatusCode.Created, await StartAsync("满盘前"));
        // The write-ahead log is emptied first, so the next commit needs new space on the disk.
        await CheckpointAsync();
        _disk.Fill();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            answers.Add(await StartAsync($"满盘 {i}"));
        output.WriteLine($"with the disk full: {string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Count()} × {(int)g.Key}"))}");
        Assert.Contains(HttpStatusCode.ServiceUnavailable, answers);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"answered {(int)a}"));
        // Reading needs no space: the host still answers reads.
        using (var inbox = await _client.GetAsync(new Uri("/api/v1/definitions", UriKind.Relative)))
            await inbox.IsAsync(HttpStatusCode.OK);

        _disk.Free();
        Assert.Equal(HttpStatusCode.Created, await StartAsync("满盘后"));
        await AssertIntactAsync(expectedInstances: 2 + answers.Count(a => a == HttpStatusCode.Created));
    }

    [SmallDiskFact]
    public async Task ADiskMadeReadOnly_Is503WithNothingWritten_AndWritesResumeWhenItIsWritableAgain()
    {
        Assert.Equal(HttpStatusCode.Created, await StartAsync("只读前"));
        // Linux remounts a disk read-only only while no file on it is open for writing: the host's pooled connections
        // are closed first, so the host opens its next ones on the read-only disk.
        SqliteConnection.ClearAllPools();
        await _disk.MakeReadOnlyAsync();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            answers.Add(await StartAsync($"只读 {i}"));
        using var read = await _client.GetAsync(new Uri("/api/v1/definitions", UriKind.Relative));
        var health = await FaultHost.HealthAsync(_client);
        output.WriteLine($"with the disk read-only: starts {string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Count()} × {(int)g.Key}"))}; "
            + $"a read {(int)read.StatusCode}; /health {(int)health.Status}, database {health.Database}");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a));
        if (read.StatusCode != HttpStatusCode.OK)
            await read.IsProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (health.Status, health.Database));

        // Without a restart: the host's connections opened on the read-only disk are not used again.
        await _disk.MakeWritableAsync();
        Assert.Equal(HttpStatusCode.Created, await StartAsync("只读后"));
        var healthAfter = await FaultHost.HealthAsync(_client);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (healthAfter.Status, healthAfter.Database));
        await AssertIntactAsync(expectedInstances: 2);
    }

    private Task<HttpStatusCode> StartAsync(string title) => FaultHost.StartAsync(_client, _key, title);

    private async Task CheckpointAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Nothing half-written: the file passes SQLite's integrity check, and <see cref="FaultHost.AssertWholeAsync"/>.</summary>
    private async Task AssertIntactAsync(int expectedInstances)
    {
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await command.ExecuteScalarAsync());
        }
        await FaultHost.AssertWholeAsync(_factory.Services, _key, expectedInstances, expectedInstances);
    }
}
