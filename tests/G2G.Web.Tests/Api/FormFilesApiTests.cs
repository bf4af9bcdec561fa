using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime.Forms;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// Files of forms through the real host: a submission holds only the submitter's own uploads exactly as stored, or files
/// its instance holds (refused with a field error otherwise, nothing changed), also in a table's lines and in a start;
/// the sweep removes uploads no form holds after a day and never a file something still uses.
/// </summary>
public abstract class FormFilesApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task AReference_MustBeTheSubmittersOwnUploadAsStored_AndOfNoOtherInstance()
    {
        var (chief, clerk) = (await world.SessionAsync(FinChief), await world.SessionAsync(FinClerk));
        var (instance, task) = await world.StartAsync(FinClerk);
        var scan = await UploadAsync(chief, "审核意见.pdf");
        var clerks = await UploadAsync(clerk, "科员的材料.pdf");
        var forged = scan with { Sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + new string('0', 32) };

        await RefusedAsync(chief, task, new() { ["scan"] = Files(forged) }, "scan", "不是您上传的文件");
        await RefusedAsync(chief, task, new() { ["scan"] = Files(scan with { Size = scan.Size + 1 }) }, "scan", "与上传时不符");
        await RefusedAsync(chief, task, new() { ["scan"] = Files(clerks) }, "scan", "不是您上传的文件");
        var line = new Dictionary<string, object> { ["item"] = "差旅", ["receipt"] = Files(forged) };
        await RefusedAsync(chief, task, new() { ["receipts"] = new[] { line } }, "receipts[0].receipt", "不是您上传的文件");
        Assert.False((await InstanceAsync(chief, instance)).GetProperty("variables").TryGetProperty("scan", out _));

        using (var completed = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve", variables = new { scan = Files(scan) } }))
            await completed.IsAsync(HttpStatusCode.NoContent);
        using (var read = await chief.GetAsync($"/api/v1/instances/{instance}/files/{scan.Sha256}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(Encoding.UTF8.GetBytes("审核意见.pdf 的内容"), await read.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(instance, (await UploadsAsync(scan.Sha256)).Single().InstanceId);

        var (_, otherTask) = await world.StartAsync(FinClerk);
        await RefusedAsync(chief, otherTask, new() { ["scan"] = Files(scan) }, "scan", "已提交到另一事项");
    }

    [DatabaseFact]
    public async Task AStartWithAForgedReference_IsRefusedAtItsField_AndStartsNothing()
    {
        var clerk = await world.SessionAsync(FinClerk);
        var forged = new FieldFile("伪造.pdf", "application/pdf", 10, new string('a', 64));
        var before = await InstanceCountAsync();

        using var started = await clerk.PostAsJsonAsync("/api/v1/instances",
            new { processKey = world.ProcessKey, title = "伪造附件", variables = new { scan = Files(forged) } });

        var problem = await started.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains("不是您上传的文件", problem.GetProperty("errors").GetProperty("scan")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await InstanceCountAsync());
        var own = await UploadAsync(clerk, "请示附件.pdf");
        using var startedWithOwn = await clerk.PostAsJsonAsync("/api/v1/instances",
            new { processKey = world.ProcessKey, title = "附件齐全", variables = new { scan = Files(own) } });
        var id = (await startedWithOwn.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Equal(id, (await UploadsAsync(own.Sha256)).Single().InstanceId);
    }

    [DatabaseFact]
    public async Task TheSweep_RemovesUploadsNoFormHoldsAfterADay_AndKeepsWhatIsInUse()
    {
        var chief = await world.SessionAsync(FinChief);
        var (_, task) = await world.StartAsync(FinClerk);
        var submitted = await UploadAsync(chief, "已提交.pdf");
        var abandoned = await UploadAsync(chief, "放弃.pdf");
        var ofADocument = await UploadAsync(chief, "正文副本.pdf");
        await AddDocumentWithBodyAsync(ofADocument.Sha256);
        using (var completed = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { variables = new { scan = Files(submitted) } }))
            await completed.IsAsync(HttpStatusCode.NoContent);
        var young = await UploadAsync(chief, "刚上传.pdf");
        var sweeper = world.Factory.Services.GetRequiredService<OrphanUploadSweeper>();
        Assert.Equal((0, 0), await sweeper.SweepAsync()); // a day has not passed

        await AgeAsync(TimeSpan.FromHours(25), FinChief, submitted, abandoned, ofADocument); // the host's clock stays: sessions hold
        Assert.Equal((2, 1), await sweeper.SweepAsync());

        Assert.Empty(await UploadsAsync(abandoned.Sha256));
        Assert.False(File.Exists(await PathOfAsync(abandoned.Sha256)));
        Assert.Empty(await UploadsAsync(ofADocument.Sha256));
        Assert.True(File.Exists(await PathOfAsync(ofADocument.Sha256)));
        Assert.Single(await UploadsAsync(submitted.Sha256));
        Assert.True(File.Exists(await PathOfAsync(submitted.Sha256)));
        Assert.Single(await UploadsAsync(young.Sha256));
        Assert.True(File.Exists(await PathOfAsync(young.Sha256)));
    }

    [DatabaseFact]
    public async Task TheSweep_KeepsAFile_AnotherUploadNames_OrStoredAgainSinceItsCutoff()
    {
        var (chief, clerk) = (await world.SessionAsync(FinChief), await world.SessionAsync(FinClerk));
        var both = await UploadAsync(chief, "两人都上传的.pdf");
        await UploadAsync(clerk, "两人都上传的.pdf");
        var storedAgain = await UploadAsync(chief, "正在另存的.pdf");
        await AgeAsync(TimeSpan.FromHours(30), FinChief, both, storedAgain);
        await using (var scope = world.Factory.Services.CreateAsyncScope()) // a document storing the same bytes at this moment
            scope.ServiceProvider.GetRequiredService<FileStore>().Put(Encoding.UTF8.GetBytes("正在另存的.pdf 的内容"));

        Assert.Equal((2, 0), await world.Factory.Services.GetRequiredService<OrphanUploadSweeper>().SweepAsync());

        Assert.Equal(FinClerk, Assert.Single(await UploadsAsync(both.Sha256)).UploadedBy);
        Assert.True(File.Exists(await PathOfAsync(both.Sha256)));
        Assert.Empty(await UploadsAsync(storedAgain.Sha256));
        Assert.True(File.Exists(await PathOfAsync(storedAgain.Sha256)));
    }

    /// <summary>Uploads a PDF of the name (its content names it too, so each is a file of its own) and returns the reference.</summary>
    private static async Task<FieldFile> UploadAsync(SignedIn session, string name)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{name} 的内容"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var uploaded = await session.PostAsync($"/api/v1/files?name={Uri.EscapeDataString(name)}", content);
        return JsonSerializer.Deserialize<FieldFile>((await uploaded.IsAsync(HttpStatusCode.OK)).GetRawText(), JsonSerializerOptions.Web)!;
    }

    private static object[] Files(params FieldFile[] files) =>
        [.. files.Select(f => new { name = f.Name, contentType = f.ContentType, size = f.Size, sha256 = f.Sha256 })];

    /// <summary>The completion is 400 with the message at the field, and the task is still open.</summary>
    private static async Task RefusedAsync(SignedIn session, long task, Dictionary<string, object> variables, string field, string message)
    {
        using var refused = await session.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve", variables });
        var problem = await refused.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("open", (await session.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{task}")).GetProperty("state").GetString());
    }

    private static async Task<JsonElement> InstanceAsync(SignedIn session, long instance) =>
        await session.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}");

    private async Task<List<FormUploadRecord>> UploadsAsync(string sha256)
    {
        await using var db = world.Database.CreateContext();
        return await db.Set<FormUploadRecord>().AsNoTracking().Where(u => u.Sha256 == sha256).ToListAsync();
    }

    /// <summary>Makes the uploader's uploads (and their files) as old as if they had been stored <paramref name="age"/> ago.</summary>
    private async Task AgeAsync(TimeSpan age, string uploader, params FieldFile[] files)
    {
        var then = world.Clock.GetUtcNow() - age;
        await using var db = world.Database.CreateContext();
        foreach (var file in files)
        {
            await db.Set<FormUploadRecord>().Where(u => u.Sha256 == file.Sha256 && u.UploadedBy == uploader).ExecuteUpdateAsync(set => set.SetProperty(u => u.UploadedAt, then));
            File.SetLastWriteTimeUtc(await PathOfAsync(file.Sha256), then.UtcDateTime);
        }
    }

    private async Task<int> InstanceCountAsync()
    {
        await using var db = world.Database.CreateContext();
        return await db.Set<ProcessInstanceRecord>().CountAsync();
    }

    private async Task AddDocumentWithBodyAsync(string sha256)
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        documents.Add(new DocumentRecord
        {
            Type = "通知", Title = "正文与上传的文件相同", IssuingAgencyId = "gd-fin", Drafter = FinClerk, Urgency = Urgencies.Normal,
            BodySha256 = sha256, State = DocumentStates.Draft, CreatedAt = DateTimeOffset.UtcNow,
        });
        await documents.SaveChangesAsync();
    }

    private async Task<string> PathOfAsync(string sha256)
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<FileStore>().PathOf(sha256);
    }
}

public sealed class SqliteFormFilesApiTests(SecurityWorld<SqliteTestDatabase> world) : FormFilesApiTests<SqliteTestDatabase>(world);

public sealed class PostgresFormFilesApiTests(SecurityWorld<PostgresTestDatabase> world) : FormFilesApiTests<PostgresTestDatabase>(world);
