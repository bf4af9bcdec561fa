using G2G.Documents.Archive;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Documents.Tests.DocumentWorld;

namespace G2G.Documents.Tests;

/// <summary>归档 at the end of 发文 and 收文, and 档案销毁审批 (workflows/documents/archive-destruction).</summary>
public abstract class ArchiveScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly DocumentWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task ALetterIsFiledByBothAgencies_AndAnExpiredItemIsDestroyedOnlyAfterApproval_ItsContentWhenNobodyKeepsIt()
    {
        var id = await _world.StartIssueAsync(initiator: "c1.office", agency: "c1");
        await _world.DraftAsync(id, "函", mains: ["c2"], title: "关于商请支持防汛物资调配的函", actor: "c1.office");
        await _world.CompleteAsync(id, "check", "c1.office", ("decision", "approve"));
        await _world.CompleteAsync(id, "sign", "c1.mayor", ("decision", "approve"));
        await _world.Runtime.RunJobsAsync();
        var document = await _world.DocumentAsync(id);
        var receipt = (await _world.ReceiptsAsync(document.Id))["c2"].Id;
        await _world.CompleteAsync(receipt, "signFor", "c2.clerk");
        await _world.CompleteAsync(receipt, "propose", "c2.office", ("departments", new[] { "c2-a" }), ("mode", "all"));
        await _world.CompleteAsync(receipt, "instruct", "c2.mayor", ("decision", "approve"));
        await _world.CompleteAsync(receipt, "handle", "c2.a");
        await _world.CompleteAsync(receipt, "close", "c2.clerk", ("result", "replied"));

        var items = await ItemsAsync(document.Id);
        Assert.Equal("C1-WS·2027-D10-C1OFFICE-0001", items["c1"].ArchiveCode);
        Assert.Equal("C2-WS·2027-D10-C2OFFICE-0001", items["c2"].ArchiveCode);
        Assert.Equal((new DateOnly(2037, 1, 4), "c1政〔2027〕1号"), (items["c1"].KeepUntil!.Value, items["c1"].DocumentNumber));

        var early = await StartDestructionAsync("c1.office", "c1");
        var notYet = await Assert.ThrowsAsync<RuntimeException>(() => ProposeAsync(early, "c1.office", items["c1"].ArchiveCode));
        Assert.Contains("kept until 2037-01-04", notYet.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAsync<RuntimeException>(() => ProposeAsync(early, "c1.office", items["c2"].ArchiveCode));
        Assert.Equal(["items"], foreign.FieldErrors!.Keys);

        _world.Runtime.Clock.Set(new DateTimeOffset(2037, 1, 6, 9, 0, 0, TimeSpan.FromHours(8)));
        var rejected = await StartDestructionAsync("c1.office", "c1");
        await ProposeAsync(rejected, "c1.office", items["c1"].ArchiveCode);
        Assert.Equal(ArchiveStates.PendingDestruction, (await ItemsAsync(document.Id))["c1"].State);
        var twice = await StartDestructionAsync("c1.office", "c1");
        var held = await Assert.ThrowsAsync<RuntimeException>(() => ProposeAsync(twice, "c1.office", items["c1"].ArchiveCode));
        Assert.Contains("already being destroyed", held.Message, StringComparison.Ordinal);
        await _world.CompleteAsync(rejected, "review", "c1.office", ("decision", "approve"));
        await _world.CompleteAsync(rejected, "approve", "c1.mayor", ("decision", "reject"));
        Assert.Equal(ArchiveStates.Filed, (await ItemsAsync(document.Id))["c1"].State);

        var approved = await StartDestructionAsync("c1.office", "c1");
        await ProposeAsync(approved, "c1.office", items["c1"].ArchiveCode);
        await _world.CompleteAsync(approved, "review", "c1.office", ("decision", "approve"));
        await _world.CompleteAsync(approved, "approve", "c1.mayor", ("decision", "approve"));

        var destroyed = (await ItemsAsync(document.Id))["c1"];
        Assert.Equal((ArchiveStates.Destroyed, "c1.mayor", approved), (destroyed.State, destroyed.DestructionApprovedBy, destroyed.DestructionInstanceId!.Value));
        Assert.Equal(new DateTimeOffset(2037, 1, 6, 1, 0, 0, TimeSpan.Zero), destroyed.DestroyedAt);
        Assert.Equal("关于商请支持防汛物资调配的函", destroyed.Title);
        Assert.True(File.Exists(await _world.StoredPathAsync(document.BodySha256))); // 东城 c2 still keeps its copy

        var last = await StartDestructionAsync("c2.clerk", "c2");
        await ProposeAsync(last, "c2.clerk", items["c2"].ArchiveCode);
        await _world.CompleteAsync(last, "review", "c2.office", ("decision", "approve"));
        await _world.CompleteAsync(last, "approve", "c2.mayor", ("decision", "approve"));

        Assert.False(File.Exists(await _world.StoredPathAsync(document.BodySha256)));
        Assert.Equal(DocumentStates.Destroyed, (await _world.DocumentAsync(id)).State);
        var gone = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync("c2.clerk", s => s.GetRequiredService<DocumentService>()
            .BodyAsync(document.Id, "c2.clerk", default)));
        Assert.Equal(RuntimeErrorCode.NotFound, gone.Code);
        var record = await _world.AsUserAsync("c2.clerk", s => s.GetRequiredService<DocumentService>().ArchiveAsync(false, ArchiveStates.Destroyed, default));
        Assert.Equal([("c2.mayor", items["c2"].ArchiveCode)], record.Select(r => (r.DestructionApprovedBy!, r.ArchiveCode)));
    }

    private Task<long> StartDestructionAsync(string initiator, string agency) =>
        _world.Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("archive-destruction", null, Title: "档案销毁", Initiator: initiator, AgencyId: agency)));

    private Task ProposeAsync(long instance, string actor, params string[] codes) =>
        _world.CompleteAsync(instance, "propose", actor, ("items", codes), ("reason", "保管期满，经鉴定无继续保存价值"));

    private Task<Dictionary<string, ArchiveItemRecord>> ItemsAsync(long documentId) =>
        _world.Runtime.In(s => s.GetRequiredService<DocumentsDbContext>().ArchiveItems.AsNoTracking()
            .Where(a => a.DocumentId == documentId).ToDictionaryAsync(a => a.AgencyId));
}

public sealed class SqliteArchiveScenarioTests(SqliteTestDatabase database) : ArchiveScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresArchiveScenarioTests(PostgresTestDatabase database) : ArchiveScenarioTests<PostgresTestDatabase>(database);
