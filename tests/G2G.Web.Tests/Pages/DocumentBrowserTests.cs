using System.Text;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime.Organisation;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// /documents and /documents/{id} in a real browser on the demo province: the office clerk of 示范省财政厅 follows the
/// header's link to the list, narrows it, opens the dispatched 通知 and sees its record, recipients, process and the
/// seal verified, and downloads its PDF; a 秘密 document is shown to a colleague cleared for 秘密 and is the not-found
/// page (and absent from the list, its PDF 404) for one cleared only for 内部. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class DocumentBrowserTests<TDatabase>(BrowserWorld<TDatabase> world) : IClassFixture<BrowserWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Notice = "关于做好年度预算执行工作的通知";

    [BrowserFact]
    public async Task TheOfficeClerk_OpensTheDispatchedNotice_SeesTheSealHold_AndDownloadsThePdf()
    {
        var clerk = await world.SignedInAsync("zhang.min"); // 示范省财政厅办公室主任, 收发员
        Assert.Equal(1, await clerk.Locator("nav.sections a[href=documents]").CountAsync());
        await world.OpenAsync(clerk, "/documents");
        var notice = clerk.Locator(".documents-grid tbody tr", new() { HasText = Notice });
        await notice.WaitForAsync();
        Assert.Matches("示财〔[0-9]{4}〕1号", await notice.InnerTextAsync());
        Assert.Equal(1, await clerk.Locator(".documents-grid tbody tr", new() { HasText = "关于追加防汛救灾资金的请示" }).CountAsync());

        await ChooseAsync(clerk, "收发", "收文"); // nothing was sent to the bureau
        await clerk.GetByText("暂无公文。").WaitForAsync();
        await ChooseAsync(clerk, "收发", "发文");
        await ChooseAsync(clerk, "文种", "请示");
        await Assertions.Expect(clerk.Locator(".documents-grid tbody tr", new() { HasText = "请示" })).ToHaveCountAsync(1);
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await ChooseAsync(clerk, "文种", "通知");
        await notice.Locator("a").ClickAsync();

        await clerk.GetByRole(AriaRole.Heading, new() { Name = Notice }).WaitForAsync();
        Assert.Matches("示财〔[0-9]{4}〕1号", await clerk.Locator("[data-field=number]").InnerTextAsync());
        Assert.Equal("示范省财政厅", await clerk.Locator("[data-field=issuer]").InnerTextAsync());
        Assert.Equal("刘财", await clerk.Locator("[data-field=signer]").InnerTextAsync());
        Assert.Equal("非密", (await clerk.Locator("[data-field=classification]").InnerTextAsync()).Trim());
        Assert.Contains("东城市财政局", await clerk.Locator("[data-recipients=main]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("通知如下", await clerk.Locator("[data-body=shown]").InnerTextAsync(), StringComparison.Ordinal);
        await clerk.Locator("[data-seal=valid]").GetByText("印章有效").WaitForAsync();
        Assert.Matches("^instances/[0-9]+$", await clerk.Locator(".processes a").First.GetAttributeAsync("href"));

        var download = await clerk.RunAndWaitForDownloadAsync(() => clerk.Locator("[data-pdf=download]").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
    }

    [BrowserFact]
    public async Task ASecretDocument_IsShownToAColleagueClearedForIt_AndNotFoundForOneClearedOnlyForInternal()
    {
        const string title = "关于2027年度预算编制口径的通知";
        var id = await SecretDocumentAsync(title);

        var cleared = await world.SignedInAsync("zhang.min"); // 秘密
        await world.OpenAsync(cleared, $"/documents/{id}");
        await cleared.GetByRole(AriaRole.Heading, new() { Name = title }).WaitForAsync();
        Assert.Equal("秘密★10年", (await cleared.Locator("[data-field=classification]").InnerTextAsync()).Trim());
        await cleared.Locator("[data-seal=none]").GetByText("尚未用印").WaitForAsync();

        var colleague = await world.SignedInAsync("wu.fang"); // the same bureau, cleared for 内部 only
        var response = await colleague.GotoAsync($"{world.Address}/documents/{id}");
        Assert.Equal(404, response?.Status);
        await colleague.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" }).WaitForAsync();
        Assert.Equal(0, await colleague.GetByText(title).CountAsync());
        var pdf = await colleague.APIRequest.GetAsync($"{world.Address}/api/v1/documents/{id}/pdf");
        Assert.Equal(404, pdf.Status);

        await world.OpenAsync(colleague, "/documents");
        await colleague.Locator(".documents-grid tbody tr", new() { HasText = Notice }).WaitForAsync();
        Assert.Equal(0, await colleague.Locator(".documents-grid tbody tr", new() { HasText = title }).CountAsync());
    }

    [BrowserFact]
    public async Task AnEnglishBrowser_GetsThePagesInEnglish()
    {
        var clerk = await world.SignedInAsync("zhang.min", "en-US");
        await world.OpenAsync(clerk, "/documents");
        await clerk.GetByRole(AriaRole.Heading, new() { Name = "Official documents" }).WaitForAsync();
        var notice = clerk.Locator(".documents-grid tbody tr", new() { HasText = Notice });
        Assert.Contains("Notice (通知)", await notice.InnerTextAsync(), StringComparison.Ordinal);
        await notice.Locator("a").ClickAsync();
        await clerk.Locator("[data-seal=valid]").GetByText("Seal valid").WaitForAsync();
        await clerk.GetByRole(AriaRole.Heading, new() { Name = "Electronic seal" }).WaitForAsync();
        Assert.Equal("Unclassified", (await clerk.Locator("[data-field=classification]").InnerTextAsync()).Trim());
    }

    /// <summary>Picks an option of a MudBlazor select by the field's label.</summary>
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator(".mud-select", new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>A 秘密 通知 of 示范省财政厅 in draft (10-year term), written as 发文办理's first step would.</summary>
    private async Task<long> SecretDocumentAsync(string title)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        var document = new DocumentRecord
        {
            Type = "通知", Title = title, IssuingAgencyId = "sf-fin", DepartmentId = "sf-fin-ysc", Drafter = "huang.qiang",
            Classification = ClearanceLevel.Secret, SecrecyYears = 10, Urgency = Urgencies.Urgent, State = DocumentStates.Draft,
            BodySha256 = files.Put(Encoding.UTF8.GetBytes("各处室：\n\n现将2027年度预算编制口径通知如下。")), CreatedAt = DateTimeOffset.UtcNow,
        };
        documents.Add(document);
        await documents.SaveChangesAsync();
        return document.Id;
    }
}

public sealed class SqliteDocumentBrowserTests(BrowserWorld<SqliteTestDatabase> world) : DocumentBrowserTests<SqliteTestDatabase>(world);

public sealed class PostgresDocumentBrowserTests(BrowserWorld<PostgresTestDatabase> world) : DocumentBrowserTests<PostgresTestDatabase>(world);
