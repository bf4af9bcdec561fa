using G2G.Documents.Seals;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Documents.Tests.DocumentWorld;

namespace G2G.Documents.Tests;

/// <summary>Seal keys administered: rotation gives a new key, what the old one sealed still verifies; only administrators.</summary>
public abstract class SealKeyScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly DocumentWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task ARotatedSeal_SealsNewDocumentsWithTheNewKey_AndOldDocumentsStillVerify_AuditedAndOnlyForAdministrators()
    {
        var before = await IssueAsync("关于做好冬季安全生产工作的通知");
        var first = Assert.Single(await KeysAsync());

        _world.Runtime.Clock.Advance(TimeSpan.FromHours(1));
        var rotated = await _world.Runtime.In(s => s.GetRequiredService<SealKeyService>().RotateAsync(Province, "admin", CancellationToken.None));
        Assert.True(rotated.Current);
        Assert.NotEqual(first.Thumbprint, rotated.Thumbprint);
        var keys = await KeysAsync();
        Assert.Equal([(rotated.Thumbprint, true, (string?)null), (first.Thumbprint, false, "admin")],
            keys.Select(k => (k.Thumbprint, k.Current, k.RetiredBy)));

        _world.Runtime.Clock.Advance(TimeSpan.FromHours(1));
        var after = await IssueAsync("关于做好春节期间安全生产工作的通知");
        foreach (var id in new[] { before, after })
        {
            var view = await _world.AsUserAsync(Governor, s => s.GetRequiredService<DocumentService>().GetAsync(id, CancellationToken.None));
            Assert.True(view.Seal.Valid, $"document {id}: {view.Seal.Problem}");
        }
        await _world.Runtime.RunJobsAsync();
        Assert.Equal(2 * Cities.Length, (await _world.Runtime.In(s => s.GetRequiredService<Persistence.DocumentsDbContext>().Recipients
            .CountAsync(r => r.State == Records.ReceiptStates.Received))));

        var audit = await _world.Runtime.Query(db => db.Set<AuditRecord>().AsNoTracking()
            .Where(a => a.Chain == DocumentService.AuditChain && a.Action == "seal.rotated").ToListAsync());
        Assert.Equal(("admin", Province, rotated.Thumbprint, first.Thumbprint), (audit.Single().Actor, audit.Single().Outcome, audit.Single().Comment, audit.Single().Data));

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync(Governor,
            s => s.GetRequiredService<SealKeyService>().RotateAsync(Province, Governor, CancellationToken.None)));
        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
        await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync(Governor,
            s => s.GetRequiredService<SealKeyService>().ListAsync(null, CancellationToken.None)));
        var unknown = await Assert.ThrowsAsync<RuntimeException>(() => _world.Runtime.In(
            s => s.GetRequiredService<SealKeyService>().RotateAsync("nowhere", "admin", CancellationToken.None)));
        Assert.Equal(RuntimeErrorCode.NotFound, unknown.Code);
        Assert.Equal(2, (await KeysAsync()).Count);
    }

    private async Task<long> IssueAsync(string title)
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, title: title);
        await _world.SignAsync(id);
        return (await _world.DocumentAsync(id)).Id;
    }

    private Task<IReadOnlyList<SealKeyView>> KeysAsync() =>
        _world.Runtime.In(s => s.GetRequiredService<SealKeyService>().ListAsync(Province, CancellationToken.None));
}

public sealed class SqliteSealKeyScenarioTests(SqliteTestDatabase database) : SealKeyScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresSealKeyScenarioTests(PostgresTestDatabase database) : SealKeyScenarioTests<PostgresTestDatabase>(database);
