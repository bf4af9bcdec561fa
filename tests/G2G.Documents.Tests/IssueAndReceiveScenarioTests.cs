using System.Globalization;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Documents.Tests.DocumentWorld;
using static G2G.Runtime.Tests.Runtime.LeaderEscalation;

namespace G2G.Documents.Tests;

/// <summary>发文办理 and 收文办理 (workflows/documents) walked through the runtime, across agencies.</summary>
public abstract class IssueAndReceiveScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private readonly DocumentWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task ANotice_IsCountersigned_Signed_Numbered_Sealed_AndEachCityReceivesHandlesAndClosesItsOwnCopy()
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, departments: ["pv-dev", "pv-edu"]);
        Assert.Equal([Dev, Edu], (await _world.Runtime.OpenTasksAsync(id)).Select(t => t.Assignee).Order(StringComparer.Ordinal));
        await _world.CompleteAsync(id, "countersign", Dev);
        await _world.CompleteAsync(id, "countersign", Edu);
        await _world.SignAsync(id);

        var document = await _world.DocumentAsync(id);
        Assert.Equal(("试政〔2027〕1号", Governor, DocumentStates.Dispatched), (document.DocumentNumber, document.Signer, document.State));
        Assert.Equal(new DateOnly(2027, 1, 4), document.WrittenOn);
        Assert.NotNull(document.Seal);
        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(id)).Status);

        await _world.Runtime.RunJobsAsync();
        var receipts = await _world.ReceiptsAsync(document.Id);
        Assert.Equal(Cities, receipts.Keys.Order(StringComparer.Ordinal));
        foreach (var (city, receipt) in receipts)
        {
            Assert.Equal((city, (string?)null, ClearanceLevel.Unclassified), (receipt.AgencyId, receipt.Initiator, receipt.Classification));
            Assert.Equal(document.Title, receipt.Title); // the 收文 is titled with the document, and so is each of its tasks
            var signFor = await _world.Runtime.TaskAsync(receipt.Id, "signFor");
            Assert.Equal($"{city}.clerk", signFor.Assignee);
            var toDo = Assert.Single(await ToDoAsync($"{city}.clerk"), t => t.InstanceId == receipt.Id);
            Assert.Equal((document.Title, "签收 Sign for"), (toDo.Title, toDo.Name));
            foreach (var other in Cities.Where(c => c != city))
            {
                Assert.DoesNotContain(await ToDoAsync($"{other}.clerk"), t => t.InstanceId == receipt.Id);
                Assert.False(await VisibleAsync($"{other}.clerk", receipt.Id));
            }
            Assert.True(await VisibleAsync($"{city}.office", receipt.Id)); // the agency's staff see their 收文
        }

        var c1 = receipts["c1"].Id;
        await _world.CompleteAsync(c1, "signFor", "c1.clerk");
        await _world.CompleteAsync(c1, "propose", "c1.office", ("departments", new[] { "c1-a", "c1-b" }), ("mode", "all"));
        await _world.CompleteAsync(c1, "instruct", "c1.mayor", ("decision", "approve"));
        await _world.CompleteAsync(c1, "handle", "c1.a");
        Assert.Equal(["handle"], (await _world.Runtime.OpenTasksAsync(c1)).Select(t => t.ElementId)); // 会签: both departments
        await _world.CompleteAsync(c1, "handle", "c1.b");
        await _world.CompleteAsync(c1, "close", "c1.clerk", ("result", "closed"), ("summary", "已部署落实"));

        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(c1)).Status);
        var recipients = (await _world.DocumentAsync(id)).Recipients.ToDictionary(r => r.AgencyId);
        Assert.Equal((ReceiptStates.Handled, c1), (recipients["c1"].State, recipients["c1"].ReceiptInstanceId!.Value));
        Assert.Equal(ReceiptStates.Received, recipients["c2"].State);
    }

    [DatabaseFact]
    public async Task OrSign_OneDepartmentIsEnough()
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, mains: ["c2"]);
        await _world.SignAsync(id);
        await _world.Runtime.RunJobsAsync();
        var receipt = (await _world.ReceiptsAsync((await _world.DocumentAsync(id)).Id))["c2"].Id;
        await _world.CompleteAsync(receipt, "signFor", "c2.clerk");
        await _world.CompleteAsync(receipt, "propose", "c2.office", ("departments", new[] { "c2-a", "c2-b" }), ("mode", "any"));
        await _world.CompleteAsync(receipt, "instruct", "c2.mayor", ("decision", "approve"));
        await _world.CompleteAsync(receipt, "handle", "c2.b");

        Assert.Equal(["close"], (await _world.Runtime.OpenTasksAsync(receipt)).Select(t => t.ElementId));
    }

    [DatabaseFact]
    public async Task ARequestToTwoMainRecipients_AndALetterToASubordinate_AreRefusedWithTheRelationshipAndTheRule()
    {
        var request = await _world.StartIssueAsync(initiator: "c1.office", agency: "c1");
        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            _world.DraftAsync(request, "请示", mains: [Province, Bureau], title: "关于拨付防汛经费的请示", actor: "c1.office"));
        Assert.Equal(["mainRecipients"], refused.FieldErrors!.Keys);
        Assert.Contains("exactly one main recipient", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pv-fin: c1 and pv-fin are parallel under one superior (平行 parallel); a 请示 goes only to a superior", refused.Message,
            StringComparison.Ordinal);
        Assert.Contains("请示只主送一个上级机关，现有 2 个主送机关。 此外，pv-fin：c1与pv-fin为同一上级下的平行机关；按规定，请示只能主送具有隶属或业务指导关系的上级机关。",
            refused.Text.In(Chinese), StringComparison.Ordinal);

        var letter = await _world.StartIssueAsync();
        var toSubordinate = await Assert.ThrowsAsync<RuntimeException>(() => _world.DraftAsync(letter, "函", mains: ["c1"]));
        Assert.Equal("c1: pv is the superior of c1 (隶属 subordination); a 函 goes to parallel or non-affiliated agencies (平行文).",
            toSubordinate.Message);
        Assert.Equal("c1：pv是c1的上级机关（隶属关系）；按规定，函只用于平行机关或不相隶属机关之间。", toSubordinate.FieldErrors!["mainRecipients"][0].In(Chinese));
        Assert.Equal(["draft"], (await _world.Runtime.OpenTasksAsync(letter)).Select(t => t.ElementId));

        await _world.DraftAsync(request, "请示", mains: [Province], title: "关于拨付防汛经费的请示", actor: "c1.office"); // one superior: accepted
        await _world.DraftAsync(letter, "函", mains: [Court]); // not affiliated: accepted
        Assert.Equal(["check"], (await _world.Runtime.OpenTasksAsync(letter)).Select(t => t.ElementId));
        Assert.Equal(["check"], (await _world.Runtime.OpenTasksAsync(request)).Select(t => t.ElementId));
    }

    [DatabaseFact]
    public async Task ADocumentChangedAfterSealing_IsRefusedOnReceipt_VisiblyInTheReceivingInstanceAndTheAudit()
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, mains: ["c1"]);
        await _world.SignAsync(id);
        var document = await _world.DocumentAsync(id);
        var path = await _world.StoredPathAsync(document.BodySha256);
        await File.WriteAllTextAsync(path, "各市人民政府：\n\n此件作废。");

        await _world.Runtime.RunJobsAsync();

        var receipt = (await _world.ReceiptsAsync(document.Id))["c1"];
        Assert.Equal(["refused"], (await _world.Runtime.OpenTasksAsync(receipt.Id)).Select(t => t.ElementId));
        Assert.Equal("c1.clerk", (await _world.Runtime.TaskAsync(receipt.Id, "refused")).Assignee);
        var recipient = (await _world.DocumentAsync(id)).Recipients.Single();
        Assert.Equal(ReceiptStates.Refused, recipient.State);
        Assert.Contains("integrity", recipient.Refusal, StringComparison.Ordinal);
        var audit = await _world.Runtime.Query(db => db.Set<InstanceEventRecord>().AsNoTracking()
            .Where(a => a.InstanceId == receipt.Id && a.Kind == "document.refused").ToListAsync());
        Assert.Equal(document.DocumentNumber, Assert.Single(audit).Outcome);
    }

    [DatabaseFact]
    public async Task ATamperedAttachment_IsRefusedOnReceipt_AndNeverServed_WhileTheIntactDocumentIsReadByItsRecipientOnly()
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, mains: ["c1"]);
        var documentId = (await _world.DocumentAsync(id)).Id;
        var added = await _world.AsUserAsync(Drafter, s => s.GetRequiredService<DocumentService>()
            .AddAttachmentAsync(documentId, "附件1 安全检查表.csv", "text/csv", "单位,检查项\n东城,消防通道\n"u8.ToArray(), Drafter, default));
        var notTheDrafter = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync(Office, s => s.GetRequiredService<DocumentService>()
            .AddAttachmentAsync(documentId, "附件2", "text/csv", "x"u8.ToArray(), Office, default)));
        Assert.Equal(RuntimeErrorCode.NotAllowed, notTheDrafter.Code);
        var badType = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync(Drafter, s => s.GetRequiredService<DocumentService>()
            .AddAttachmentAsync(documentId, "附件2", "application/x-msdownload", "MZ"u8.ToArray(), Drafter, default)));
        Assert.Equal(["contentType"], badType.FieldErrors!.Keys);
        await _world.SignAsync(id);
        var late = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync(Drafter, s => s.GetRequiredService<DocumentService>()
            .AddAttachmentAsync(documentId, "附件2", "text/csv", "x"u8.ToArray(), Drafter, default)));
        Assert.Equal(RuntimeErrorCode.Conflict, late.Code);

        var before = await _world.AsUserAsync(Drafter, s => s.GetRequiredService<DocumentService>().GetAsync(documentId, default));
        Assert.True(before.Seal.Valid);
        await File.WriteAllTextAsync(await _world.StoredPathAsync(added.Sha256), "单位,检查项\n东城,无\n");
        await _world.Runtime.RunJobsAsync();

        var receipt = (await _world.ReceiptsAsync(documentId))["c1"];
        Assert.Equal(["refused"], (await _world.Runtime.OpenTasksAsync(receipt.Id)).Select(t => t.ElementId));
        Assert.Contains(added.Sha256, (await _world.DocumentAsync(id)).Recipients.Single().Refusal, StringComparison.Ordinal);
        var view = await _world.AsUserAsync("c1.clerk", s => s.GetRequiredService<DocumentService>().GetAsync(documentId, default));
        Assert.False(view.Seal.Valid);
        var served = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync("c1.clerk", s => s.GetRequiredService<DocumentService>()
            .AttachmentAsync(documentId, 1, "c1.clerk", default)));
        Assert.Equal(RuntimeErrorCode.Conflict, served.Code);
        var audit = await _world.Runtime.Query(db => db.Set<AuditRecord>().AsNoTracking()
            .Where(a => a.Chain == DocumentService.AuditChain && a.Action == "document.file-refused").ToListAsync());
        Assert.Contains(audit, a => a.Actor == "c1.clerk" && a.Data == $"{documentId}:{added.Sha256}");
        var outsider = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync("c2.clerk", s => s.GetRequiredService<DocumentService>()
            .GetAsync(documentId, default)));
        Assert.Equal(RuntimeErrorCode.NotFound, outsider.Code);
    }

    [DatabaseFact]
    public async Task ASecretDocument_ArrivesAsSecret_AndStaysInvisibleToAClerkClearedOnlyForInternal()
    {
        var id = await _world.StartIssueAsync(ClearanceLevel.Secret);
        await _world.DraftAsync(id, mains: ["c1", "c3"]);
        await _world.SignAsync(id);
        await _world.Runtime.RunJobsAsync();

        var receipts = await _world.ReceiptsAsync((await _world.DocumentAsync(id)).Id);
        Assert.All(receipts.Values, r => Assert.Equal(ClearanceLevel.Secret, r.Classification));
        Assert.Equal("c1.clerk", (await _world.Runtime.TaskAsync(receipts["c1"].Id, "signFor")).Assignee);
        Assert.DoesNotContain(await ToDoAsync("c3.clerk"), t => t.InstanceId == receipts["c3"].Id);
        Assert.False(await VisibleAsync("c3.clerk", receipts["c3"].Id));
        Assert.True(await VisibleAsync("c3.office", receipts["c3"].Id));
    }

    private Task<IReadOnlyList<TaskView>> ToDoAsync(string user) =>
        _world.Runtime.In(async s =>
        {
            var caller = (await s.GetRequiredService<CallerDirectory>().FindAsync(user))!;
            return (await s.GetRequiredService<InboxQueries>().ToDoAsync(caller.Viewer, new InboxFilter(), 1, 100)).Items;
        });

    private Task<bool> VisibleAsync(string user, long instanceId) =>
        _world.Runtime.In(async s =>
        {
            var caller = await s.GetRequiredService<CallerDirectory>().FindAsync(user);
            var db = s.GetRequiredService<G2GDbContext>();
            return await db.Set<ProcessInstanceRecord>().VisibleTo(db, caller).AnyAsync(i => i.Id == instanceId);
        });

    [DatabaseFact]
    public async Task TheLeadersSignatureAndInstruction_AreEscalatedToTheirAgencysOffice_AfterAWorkingDayOverdue()
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, mains: ["c1"], urgency: "平急");
        _world.Runtime.Clock.Set(January2027(6)); // Wednesday: 签发 due Friday, escalated Monday
        await _world.CompleteAsync(id, "check", Office, ("decision", "approve"));
        await LeaderEscalation.AssertAsync(_world.Runtime, id, "sign", Governor, January2027(8), January2027(11), escalatedTo: Office);

        await _world.CompleteAsync(id, "sign", Governor, ("decision", "approve"));
        await _world.Runtime.RunJobsAsync();
        var receipt = (await _world.ReceiptsAsync((await _world.DocumentAsync(id)).Id))["c1"].Id;
        await _world.CompleteAsync(receipt, "signFor", "c1.clerk");
        _world.Runtime.Clock.Set(January2027(14)); // Thursday: 批办 due Monday, escalated Tuesday
        await _world.CompleteAsync(receipt, "propose", "c1.office", ("departments", new[] { "c1-a" }), ("mode", "all"));
        await LeaderEscalation.AssertAsync(_world.Runtime, receipt, "instruct", "c1.mayor", January2027(18), January2027(19), escalatedTo: "c1.office");
    }
}

public sealed class SqliteIssueAndReceiveScenarioTests(SqliteTestDatabase database) : IssueAndReceiveScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresIssueAndReceiveScenarioTests(PostgresTestDatabase database) : IssueAndReceiveScenarioTests<PostgresTestDatabase>(database);
