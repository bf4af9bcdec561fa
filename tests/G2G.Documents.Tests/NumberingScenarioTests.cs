using G2G.Runtime.Tests.Infrastructure;
using static G2G.Documents.Tests.DocumentWorld;

namespace G2G.Documents.Tests;

/// <summary>发文字号 under concurrent issuing: two nodes sign twenty documents of one agency at the same time.</summary>
public abstract class NumberingScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly DocumentWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task TwentyDocumentsSignedConcurrentlyOnTwoNodes_GetTwentyConsecutiveNumbers()
    {
        var second = _world.AddNode();
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var id = await _world.StartIssueAsync();
            await _world.DraftAsync(id, mains: ["c1"], title: $"关于第{i + 1}项工作的通知");
            await CompleteOnAsync(_world.Runtime, id, "check", Office, ("decision", "approve"));
            ids.Add(id);
        }

        await Task.WhenAll(ids.Select((id, i) => Task.Run(() =>
            CompleteOnAsync(i % 2 == 0 ? _world.Runtime : second, id, "sign", Governor, ("decision", "approve")))));

        var numbers = new List<string>();
        foreach (var id in ids)
            numbers.Add((await _world.DocumentAsync(id)).DocumentNumber!);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"试政〔2027〕{n}号"), numbers.Order(Comparer<string>.Create(ByNumber)));
    }

    private static int ByNumber(string a, string b) => Seq(a).CompareTo(Seq(b));

    private static int Seq(string number) => int.Parse(number[(number.IndexOf('〕') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class SqliteNumberingScenarioTests(SqliteTestDatabase database) : NumberingScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresNumberingScenarioTests(PostgresTestDatabase database) : NumberingScenarioTests<PostgresTestDatabase>(database);
