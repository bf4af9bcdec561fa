using System.Text;
using G2G.Documents.Records;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static G2G.Documents.Tests.DocumentWorld;
using static G2G.Documents.Tests.PdfText;

namespace G2G.Documents.Tests;

/// <summary>The GB/T 9704 PDF of documents issued through 发文办理, read back with PdfPig.</summary>
public abstract class DocumentPdfScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const double Mm = 72 / 25.4;
    private readonly DocumentWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task AClassifiedRequest_PrintsEveryElementInTheStandardsOrder_OnA4_OnTheGrid_WithItsFontsEmbedded()
    {
        var body = "# 一、基本情况\n今年汛期我市降雨偏多，" + string.Concat(Enumerable.Repeat("部分乡镇道路和水利设施受损严重，", 4)) + "急需资金修复。\n"
                   + "## （一）资金需求\n经测算，共需资金**3200万元**。\n妥否，请批示。";
        var id = await _world.StartIssueAsync(ClearanceLevel.Secret, initiator: "c1.office", agency: "c1");
        await _world.CompleteAsync(id, "draft", "c1.office", ("docType", "请示"), ("title", "关于追加防汛救灾资金的请示"), ("mainRecipients", new[] { Province }),
            ("copyRecipients", new[] { Bureau }), ("urgency", "特急"), ("secrecyYears", 5), ("body", body), ("note", "联系人：张三，电话：12345678"),
            ("departments", Array.Empty<string>()));
        var document = await _world.DocumentAsync(id);
        await _world.Runtime.In(s => s.GetRequiredService<DocumentService>().AddAttachmentAsync(document.Id, "受灾情况统计表.csv", "text/csv",
            "乡镇,损失\n"u8.ToArray(), "c1.office", CancellationToken.None));
        await _world.CompleteAsync(id, "check", "c1.office", ("decision", "approve"));
        await _world.CompleteAsync(id, "sign", "c1.mayor", ("decision", "approve"));

        var issuerCopy = await PdfAsync("c1.mayor", document.Id);
        var pages = issuerCopy.GetPages().ToList();
        Assert.All(pages, p => Assert.Equal((595.3, 841.9), (Math.Round(p.Width, 1), Math.Round(p.Height, 1))));
        AssertInOrder(Text(issuerCopy), "000001", "秘密★5年", "特急", "c1市人民政府文件", "c1政〔2027〕1号", "签发人：", "市长",
            "关于追加防汛救灾资金的请示", "试验省人民政府：", "一、基本情况", "今年汛期我市降雨偏多", "急需资金修复。", "（一）资金需求",
            "经测算，共需资金3200万元。", "妥否，请批示。", "附件：", "受灾情况统计表", "c1市人民政府", "2027年1月4日", "c1市人民政府",
            "（联系人：张三，电话：12345678）", "抄送：试验省财政厅。", "市政府办公室", "2027年1月4日印发");

        var letters = pages[0].Letters;
        var mark = Run(letters, "c1市人民政府文件");
        Assert.All(mark, l => Assert.True(l.FillColor.ToRGBValues() is { r: > 0.8, g: < 0.1, b: < 0.1 }, "the mark is red"));
        Assert.Equal(28 * Mm + 156 * Mm / 2, (mark[0].StartBaseLine.X + mark[^1].EndBaseLine.X) / 2, tolerance: 0.5); // centred in the 版心
        Assert.Equal(841.89 - 37 * Mm - 35 * Mm, mark[2].BoundingBox.Top, tolerance: 1 * Mm); // 市: 35 mm below the 版心's top
        // 正文: 3号 (16 pt), the first line two characters in, 28 characters to a line, 22 lines to the 版心.
        var paragraph = Run(letters, "今年汛期我市降雨偏多");
        Assert.Equal(16, paragraph[0].PointSize, tolerance: 0.01);
        var firstLine = letters.Where(l => Math.Abs(l.StartBaseLine.Y - paragraph[0].StartBaseLine.Y) < 1).OrderBy(l => l.StartBaseLine.X).ToList();
        var secondLine = letters.Where(l => Math.Abs(l.StartBaseLine.Y - (paragraph[0].StartBaseLine.Y - 225 * Mm / 22)) < 1).OrderBy(l => l.StartBaseLine.X).ToList();
        // 26 characters after the indent, and the comma that would start the next line hangs past the 版心's edge.
        Assert.Equal((27, "，", 28), (firstLine.Count, firstLine[^1].Value, secondLine.Count));
        Assert.Equal(28 * Mm + 156 * Mm, firstLine[^1].StartBaseLine.X, tolerance: 0.5);
        Assert.Equal(28 * Mm + 2 * 156 * Mm / 28, firstLine[0].StartBaseLine.X, tolerance: 0.5);
        Assert.Equal(28 * Mm, secondLine[0].StartBaseLine.X, tolerance: 0.5);
        Assert.Equal(28 * Mm + 27 * 156 * Mm / 28, secondLine[^1].StartBaseLine.X, tolerance: 0.5);

        var pdf = Encoding.Latin1.GetString(await BytesAsync("c1.mayor", document.Id));
        Assert.Contains("/FontFile2", pdf, StringComparison.Ordinal); // TrueType programs embedded (subsets: +-prefixed names)
        var fonts = pages.SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.EndsWith("+AR PL UMing CN", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.EndsWith("+WenQuanYi Micro Hei", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.EndsWith("+AR PL UKai CN", StringComparison.Ordinal));

        await _world.Runtime.RunJobsAsync();
        var provinceCopy = Text(await PdfAsync(Office, document.Id)); // the province's copy: second in the distribution
        AssertInOrder(provinceCopy, "000002", "秘密★5年");
    }

    [DatabaseFact]
    public async Task ALongNotice_RunsOverPages_NumberedOddRightEvenLeft_WithTheRecordOnlyOnTheLastPage_AndNoSealOnceAFileChanged()
    {
        var body = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"第{i}条 各地要认真落实安全生产责任制，加强隐患排查治理，确保人民群众生命财产安全。"));
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id, body: "各市人民政府：\n" + body, copies: [Bureau]);
        await _world.SignAsync(id);
        var document = await _world.DocumentAsync(id);

        var pdf = await PdfAsync(Governor, document.Id);
        var pages = pdf.GetPages().ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        for (var n = 1; n <= pages.Count; n++)
        {
            var number = Run(pages[n - 1].Letters, $"—{n}—");
            var left = number[0].BoundingBox.Left;
            if (n % 2 == 1)
                Assert.True(left > 595.28 / 2, $"page {n}: odd numbers on the right");
            else
                Assert.True(left < 595.28 / 2, $"page {n}: even numbers on the left");
            Assert.True(number[0].BoundingBox.Top < 841.89 - 37 * Mm - 225 * Mm - 7 * Mm + 2, $"page {n}: below the 版心");
        }
        Assert.Equal([pages.Count], pages.Where(p => p.Text.Contains("印发", StringComparison.Ordinal)).Select(p => p.Number));
        var text = Text(pdf);
        Assert.DoesNotContain("000001", text, StringComparison.Ordinal); // no 份号 or 密级 on an unclassified document
        Assert.DoesNotContain("签发人", text, StringComparison.Ordinal); // a 下行文
        AssertInOrder(text, "加急", "试验省人民政府文件", "试政〔2027〕1号", "关于做好冬季安全生产工作的通知", "各市人民政府：", "第1条", "第40条",
            "试验省人民政府", "2027年1月4日", "试验省人民政府", "抄送：试验省财政厅。", "办公厅", "2027年1月4日印发");

        // A changed body is refused (409); with the body intact but a field changed the seal no longer holds and is not printed.
        await _world.Runtime.In(s => s.GetRequiredService<Persistence.DocumentsDbContext>().Documents
            .Where(d => d.Id == document.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Title, "关于做好冬季安全生产工作的紧急通知")));
        var unsealed = Text(await PdfAsync(Governor, document.Id));
        AssertInOrder(unsealed, "试验省人民政府2027年1月4日抄送");
    }

    [DatabaseFact]
    public async Task AMissingFont_IsAClearRefusalNamingTheSettingAndTheFile()
    {
        var id = await _world.StartIssueAsync();
        await _world.DraftAsync(id);
        var document = await _world.DocumentAsync(id);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => _world.AsUserAsync(Drafter, s =>
        {
            s.GetRequiredService<IOptions<DocumentsOptions>>().Value.Fonts.Hei = "/nowhere/heiti.ttf";
            return s.GetRequiredService<DocumentService>().PdfAsync(document.Id, Drafter, CancellationToken.None);
        }));
        Assert.Equal(RuntimeErrorCode.Conflict, refused.Code);
        Assert.Contains("Documents:Fonts:Hei", refused.Message, StringComparison.Ordinal);
        Assert.Contains("/nowhere/heiti.ttf", refused.Message, StringComparison.Ordinal);
    }

    private Task<byte[]> BytesAsync(string user, long documentId) =>
        _world.AsUserAsync(user, async s => (await s.GetRequiredService<DocumentService>().PdfAsync(documentId, user, CancellationToken.None)).Content);

    private async Task<UglyToad.PdfPig.PdfDocument> PdfAsync(string user, long documentId) =>
        UglyToad.PdfPig.PdfDocument.Open(await BytesAsync(user, documentId));
}

public sealed class SqliteDocumentPdfScenarioTests(SqliteTestDatabase database) : DocumentPdfScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresDocumentPdfScenarioTests(PostgresTestDatabase database) : DocumentPdfScenarioTests<PostgresTestDatabase>(database);
