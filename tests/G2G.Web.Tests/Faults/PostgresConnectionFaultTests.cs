using System.Collections.Concurrent;
using System.Net;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// What the host's clients see when PostgreSQL goes away under load, as at a restart: every server session of the host
/// is terminated (<c>pg_terminate_backend</c>, the <c>57P01</c> a restart sends) three times while four clients start
/// instances. Requests in flight are 503 <c>database-unavailable</c> (retryable) or done, never a 500; the host
/// serves again by itself; nothing is half-written.
/// </summary>
public sealed class PostgresConnectionFaultTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const string Application = "g2g-fault-host";
    private G2GWebFactory _factory = null!;
    private HttpClient _client = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        // The host's sessions carry a name, so the test ends exactly those.
        (_factory, _client) = FaultHost.InProcess(database,
            new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString) { ApplicationName = Application }.ConnectionString);
        _key = await FaultHost.DeployOneStepAsync(_client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [DatabaseFact]
    public async Task SessionsEndedUnderLoad_InFlightRequestsAre503OrDone_TheHostRecoversAndNothingIsHalfWritten()
    {
        var answers = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                answers.Enqueue(await FaultHost.StartAsync(_client, _key, $"重启 {c}-{i}"));
        })).ToList();

        var ended = 0;
        for (var round = 0; round < 3; round++)
        {
            await WaitForAnswersAsync(answers, answers.Count + 10);
            ended += await EndHostSessionsAsync();
        }
        await WaitForAnswersAsync(answers, answers.Count + 10);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var byStatus = answers.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{ended} sessions ended in 3 rounds; answers: {string.Join(", ", byStatus.Select(s => $"{s.Value} × {(int)s.Key}"))}");
        Assert.All(byStatus.Keys, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"answered {(int)s}"));
        Assert.True(ended > 0, "No session of the host was ended.");

        // The host recovered by itself: the next request succeeds without a restart.
        Assert.Equal(HttpStatusCode.Created, await FaultHost.StartAsync(_client, _key, "重启后"));

        // Every 201 is stored whole; a 503 wrote nothing, or (its connection broke after the commit) everything.
        var created = byStatus.GetValueOrDefault(HttpStatusCode.Created) + 1;
        await FaultHost.AssertWholeAsync(_factory.Services, _key, created, created + byStatus.GetValueOrDefault(HttpStatusCode.ServiceUnavailable));
    }

    private static async Task WaitForAnswersAsync(ConcurrentQueue<HttpStatusCode> answers, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (answers.Count < count)
            await Task.Delay(20, timeout.Token);
    }

    /// <summary>Ends every server session of the host, as a restart of PostgreSQL does; returns how many.</summary>
    private async Task<int> EndHostSessionsAsync()
    {
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", Application);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }
}
