using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using G2G.Documents;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>/api/v1/documents through the real host: the drafter uploads, the agency reads, others get 404, a changed file 409.</summary>
public abstract class DocumentsApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Documents = "/api/v1/documents";

    [DatabaseFact]
    public async Task TheDrafterUploads_TheAgencyDownloads_OutsidersGet404_AndAChangedFileIsRefusedWith409()
    {
        var id = await DraftAsync();
        var (clerk, chief, edu) = (await world.SessionAsync(FinClerk), await world.SessionAsync(FinChief), await world.SessionAsync(EduClerk));
        var csv = Encoding.UTF8.GetBytes($"单位,金额\n预算处,{Guid.NewGuid():N}\n");

        using (var uploaded = await clerk.PostAsync($"{Documents}/{id}/attachments?name={Uri.EscapeDataString("附件1 预算表.csv")}", Csv(csv)))
        {
            var attachment = await uploaded.IsAsync(HttpStatusCode.Created);
            Assert.Equal((1, "text/csv"), (attachment.GetProperty("position").GetInt32(), attachment.GetProperty("contentType").GetString()));
        }
        using (var notDrafter = await chief.PostAsync($"{Documents}/{id}/attachments?name=x", Csv(csv)))
            await notDrafter.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var exe = new ByteArrayContent("MZ"u8.ToArray()))
        {
            exe.Headers.ContentType = new MediaTypeHeaderValue("application/x-msdownload");
            using var badType = await clerk.PostAsync($"{Documents}/{id}/attachments?name=run.exe", exe);
            await badType.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        using (var download = await chief.GetAsync($"{Documents}/{id}/attachments/1"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(csv, await download.Content.ReadAsByteArrayAsync());
        }
        var document = await chief.GetFromJsonAsync<JsonElement>($"{Documents}/{id}");
        Assert.Equal("附件1 预算表.csv", document.GetProperty("attachments")[0].GetProperty("name").GetString());
        using (var body = await chief.GetAsync($"{Documents}/{id}/body"))
            Assert.Contains("预算执行", await body.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains((await clerk.GetFromJsonAsync<JsonElement[]>(Documents))!, d => d.GetProperty("id").GetInt64() == id);
        using (var outsider = await edu.GetAsync($"{Documents}/{id}"))
            await outsider.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var pdf = await chief.GetAsync($"{Documents}/{id}/pdf"))
        {
            Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.StatusCode, pdf.Content.Headers.ContentType?.MediaType));
            Assert.Equal("%PDF-"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..5]);
            Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        }
        using (var preview = await chief.GetAsync($"{Documents}/{id}/pdf?inline=true"))
        {
            Assert.Equal((HttpStatusCode.OK, "inline"), (preview.StatusCode, preview.Content.Headers.ContentDisposition?.DispositionType));
            Assert.Equal("%PDF-"u8.ToArray(), (await preview.Content.ReadAsByteArrayAsync())[..5]);
        }
        using (var outsider = await edu.GetAsync($"{Documents}/{id}/pdf"))
            await outsider.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        await File.WriteAllTextAsync(await PathOfAsync(document.GetProperty("attachments")[0].GetProperty("sha256").GetString()!), "改动后的内容");
        using var refused = await chief.GetAsync($"{Documents}/{id}/attachments/1");
        await refused.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [DatabaseFact]
    public async Task AnAdministratorRotatesAnAgencysSeal_TheOldKeyIsListedRetired_OthersAreRefused()
    {
        var (admin, clerk) = (await world.SessionAsync(Admin), await world.SessionAsync(FinClerk));

        using (var first = await admin.PostAsync($"{Documents}/seals/gd-fin/rotate"))
            Assert.True((await first.IsAsync(HttpStatusCode.OK)).GetProperty("current").GetBoolean());
        JsonElement rotated;
        using (var second = await admin.PostAsync($"{Documents}/seals/gd-fin/rotate"))
            rotated = await second.IsAsync(HttpStatusCode.OK);

        var keys = (await admin.GetFromJsonAsync<JsonElement[]>($"{Documents}/seals?agency=gd-fin"))!;
        Assert.All(keys, k => Assert.Equal("gd-fin", k.GetProperty("agencyId").GetString()));
        var current = Assert.Single(keys, k => k.GetProperty("current").GetBoolean());
        Assert.Equal(rotated.GetProperty("thumbprint").GetString(), current.GetProperty("thumbprint").GetString());
        Assert.Contains(keys, k => !k.GetProperty("current").GetBoolean() && k.GetProperty("retiredBy").GetString() == Admin);

        using (var notAdmin = await clerk.PostAsync($"{Documents}/seals/gd-fin/rotate"))
            await notAdmin.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var notAdminList = await clerk.GetAsync($"{Documents}/seals"))
            await notAdminList.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var unknown = await admin.PostAsync($"{Documents}/seals/no-such-agency/rotate"))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(current.GetProperty("thumbprint").GetString(),
            Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>($"{Documents}/seals?agency=gd-fin"))!,
                k => k.GetProperty("current").GetBoolean()).GetProperty("thumbprint").GetString());
    }

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>A 通知 of 财政厅 in draft, written as 发文办理's first step would.</summary>
    private async Task<long> DraftAsync()
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        var document = new DocumentRecord
        {
            Type = "通知", Title = "关于做好预算执行工作的通知", IssuingAgencyId = "gd-fin", Drafter = FinClerk, Urgency = Urgencies.Normal,
            BodySha256 = files.Put(Encoding.UTF8.GetBytes($"各处室：\n\n请做好预算执行工作。{Guid.NewGuid():N}")), State = DocumentStates.Draft,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        documents.Add(document);
        await documents.SaveChangesAsync();
        return document.Id;
    }

    private async Task<string> PathOfAsync(string sha256)
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<FileStore>().PathOf(sha256);
    }
}

public sealed class SqliteDocumentsApiTests(SecurityWorld<SqliteTestDatabase> world) : DocumentsApiTests<SqliteTestDatabase>(world);

public sealed class PostgresDocumentsApiTests(SecurityWorld<PostgresTestDatabase> world) : DocumentsApiTests<PostgresTestDatabase>(world);
