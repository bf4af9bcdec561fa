using G2G.Documents.Records;
using G2G.Documents.Rendering;
using UglyToad.PdfPig;
using static G2G.Documents.Tests.PdfText;

namespace G2G.Documents.Tests;

/// <summary>
/// The particular formats of GB/T 9704-2012 clause 10, rendered and read back with PdfPig: 信函格式 for a 函, 命令（令）格式
/// and 纪要格式 — their elements in order, where the marks stand, and what each format leaves out.
/// </summary>
public sealed class DocumentLayoutTests
{
    private const double Mm = 72 / 25.4, Paper = 841.89;
    private const double Right = (28 + 156) * Mm; // the 版心's right edge

    private static readonly IReadOnlyList<BodyParagraph> Body =
        [new(BodyStyle.Paragraph, "为做好年度预算绩效评价工作，请贵局于本月底前报送有关材料。"), new(BodyStyle.Paragraph, "特此函达。")];

    [Theory]
    [InlineData("函", DocumentLayout.Letter, "示范省财政厅", "示财〔2027〕3号")]
    [InlineData("命令", DocumentLayout.Order, "示范省财政厅令", "第3号")]
    [InlineData("纪要", DocumentLayout.Minutes, "示范省财政厅纪要", "示财〔2027〕3号")]
    [InlineData("通知", DocumentLayout.File, "示范省财政厅文件", "示财〔2027〕3号")]
    public void EachType_IsPrintedInItsFormat_WithItsMark(string type, DocumentLayout layout, string mark, string number)
    {
        var record = new DocumentRecord
        {
            Type = type, Title = "标题", IssuingAgencyId = "sf-fin", Drafter = "huang.qiang", Urgency = Urgencies.Normal, BodySha256 = "",
            State = DocumentStates.Sealed, DocumentNumber = "示财〔2027〕3号", NumberYear = 2027, NumberSeq = 3, SignerName = "刘财",
        };
        var printed = PrintedDocuments.Of(record, "正文", new Dictionary<string, string> { ["sf-fin"] = "示范省财政厅" }, "办公室", 1, false, false);

        Assert.Equal((layout, mark, number), (printed.Layout, printed.Mark, printed.Number));
        Assert.Equal(layout == DocumentLayout.Order ? "刘财" : null, printed.Signer); // a 令 is signed by its signer; a 下行文 names none
    }

    [Fact]
    public void ALetter_HasItsMark30mmFromThePapersTop_DoubleRules_TheNumberAtTheRight_AndNoIssuanceRecord()
    {
        var pdf = Render(Letter(Body));
        var page = pdf.GetPage(1);
        AssertInOrder(Text(pdf), "示范省财政厅", "示财函〔2027〕3号", "关于商请支持预算绩效评价工作的函", "东城市财政局：", "为做好年度预算绩效评价工作",
            "特此函达。", "示范省财政厅", "2027年1月4日", "抄送：示范省审计厅。");
        Assert.DoesNotContain("文件", Text(pdf), StringComparison.Ordinal);
        Assert.DoesNotContain("印发", Text(pdf), StringComparison.Ordinal); // no 印发机关 or 印发日期
        Assert.DoesNotContain("—1—", Text(pdf), StringComparison.Ordinal); // the first page has no number

        var mark = Run(page.Letters, "示范省财政厅");
        Assert.True(mark[0].FillColor.ToRGBValues() is { r: > 0.8, g: < 0.1, b: < 0.1 }, "the mark is red");
        Assert.Equal(Paper - 30 * Mm, mark.Max(l => l.BoundingBox.Top), tolerance: 1.5 * Mm);
        var number = Run(page.Letters, "示财函〔2027〕3号");
        Assert.Equal(Right, number[^1].EndBaseLine.X, tolerance: 1);
        Assert.True(number[0].StartBaseLine.Y < mark[0].StartBaseLine.Y && number[0].StartBaseLine.Y > Run(page.Letters, "关于商请")[0].StartBaseLine.Y);

        // Two red double rules of 170 mm: under the mark (thick over thin), and 20 mm above the paper's foot (thin over thick).
        var rules = page.Paths.Where(p => p.IsStroked && p.StrokeColor?.ToRGBValues() is { r: > 0.8, g: < 0.1 })
            .Select(p => (Box: p.GetBoundingRectangle()!.Value, p.LineWidth)).Where(r => Math.Abs(r.Box.Width - 170 * Mm) < 1)
            .OrderByDescending(r => r.Box.Bottom).ToList();
        Assert.Equal(4, rules.Count);
        Assert.True(rules[0].LineWidth > rules[1].LineWidth, "the upper rule: thick over thin");
        Assert.True(rules[2].LineWidth < rules[3].LineWidth, "the lower rule: thin over thick");
        Assert.True(rules[1].Box.Bottom < mark.Min(l => l.BoundingBox.Bottom) && rules[0].Box.Bottom > number[0].BoundingBox.Top);
        Assert.Equal(20 * Mm, rules[3].Box.Bottom, tolerance: 1.5 * Mm);
    }

    [Fact]
    public void ALongLetter_NumbersItsPages_FromTheSecond()
    {
        var body = Enumerable.Range(1, 30).Select(i => new BodyParagraph(BodyStyle.Paragraph, $"第{i}项 请按照有关规定认真做好预算绩效评价材料的整理和报送工作。")).ToList();
        var pdf = Render(Letter(body));

        Assert.True(pdf.NumberOfPages >= 2);
        Assert.DoesNotContain("—1—", PageText(pdf, 1), StringComparison.Ordinal);
        Assert.Contains("—2—", PageText(pdf, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrder_HasItsMark20mmBelowTheTypeArea_TheOrderNumber_TheText_AndTheSignersSeal_ButNoTitleOrRecipient()
    {
        var order = Letter(Body) with
        {
            Layout = DocumentLayout.Order, Mark = "示范省人民政府令", Number = "第3号", Signer = "王建国", Issuer = "示范省人民政府", Copies = [],
        };
        var pdf = Render(order);
        var page = pdf.GetPage(1);

        AssertInOrder(Text(pdf), "示范省人民政府令", "第3号", "为做好年度预算绩效评价工作", "特此函达。", "王建国", "2027年1月4日", "示范省财政厅办公室",
            "2027年1月4日印发");
        Assert.DoesNotContain(order.Title, Text(pdf), StringComparison.Ordinal);
        Assert.DoesNotContain("东城市财政局：", Text(pdf), StringComparison.Ordinal);
        var mark = Run(page.Letters, "示范省人民政府令");
        Assert.Equal(Paper - 37 * Mm - 20 * Mm, mark.Max(l => l.BoundingBox.Top), tolerance: 1.5 * Mm);
        var number = Run(page.Letters, "第3号");
        Assert.Equal(28 * Mm + 78 * Mm, (number[0].StartBaseLine.X + number[^1].EndBaseLine.X) / 2, tolerance: 0.5); // centred
        var signer = Run(page.Letters, "王建国");
        Assert.True(signer[0].FillColor.ToRGBValues() is { r: > 0.8, g: < 0.1 }, "the 签名章 is red while the seal holds");
        Assert.Equal(Right - 4 * 156 * Mm / 28, signer[^1].EndBaseLine.X, tolerance: 1); // four characters from the right
        Assert.DoesNotContain(page.Letters, l => l.Value == "★"); // no agency seal: the signer signs a 令
    }

    [Fact]
    public void Minutes_HaveTheirMark_AndNeitherSignatureNorSeal()
    {
        var minutes = Letter(Body) with { Layout = DocumentLayout.Minutes, Mark = "示范省财政厅纪要", MainRecipients = null, Title = "厅务会议纪要" };
        var pdf = Render(minutes);
        var text = Text(pdf);

        AssertInOrder(text, "示范省财政厅纪要", "示财函〔2027〕3号", "厅务会议纪要", "为做好年度预算绩效评价工作", "特此函达。抄送：示范省审计厅。",
            "示范省财政厅办公室", "2027年1月4日印发");
        Assert.Equal(Paper - 37 * Mm - 35 * Mm, Run(pdf.GetPage(1).Letters, "示范省财政厅纪要").Max(l => l.BoundingBox.Top), tolerance: 1.5 * Mm);
        Assert.DoesNotContain(pdf.GetPage(1).Letters, l => l.Value == "★");
    }

    /// <summary>
    /// The example of docs/documents.md, in the demo province's names: a classified, very urgent 请示 in the 文件格式 with
    /// every element. With <c>G2G_SHOTS</c> naming a folder it writes the PDF there (document-example.pdf).
    /// </summary>
    [Fact]
    public async Task TheDocumentationsExample_ARequestOfTheFinanceDepartment_PrintsEveryElementInOrder()
    {
        IReadOnlyList<BodyParagraph> body =
        [
            new(BodyStyle.Heading1, "一、基本情况"),
            new(BodyStyle.Paragraph, "今年入汛以来，东城市、西山市降雨偏多，部分县区道路、堤防和小型水库受损，群众生产生活受到较大影响。"),
            new(BodyStyle.Heading2, "（一）资金需求"),
            new(BodyStyle.Paragraph, "经测算，全省灾后恢复重建共需资金3200万元，省级年初预算安排的防汛资金已全部下达。"),
            new(BodyStyle.Paragraph, "妥否，请批示。"),
        ];
        var request = new PrintedDocument("000001", "秘密★5年", "特急", "示范省财政厅文件", "示财〔2027〕12号", "刘财", "关于追加防汛救灾资金的请示",
            "示范省人民政府：", body, ["受灾情况统计表"], "示范省财政厅", "2027年1月4日", true, "联系人：黄强，电话：0571-12345678",
            ["示范省人民政府办公厅"], "示范省财政厅办公室", "2027年1月4日");
        var bytes = DocumentPdf.Render(request, new DocumentFontOptions());

        AssertInOrder(Text(PdfDocument.Open(bytes)), "000001", "秘密★5年", "特急", "示范省财政厅文件", "示财〔2027〕12号", "签发人：", "刘财",
            "关于追加防汛救灾资金的请示", "示范省人民政府：", "一、基本情况", "今年入汛以来", "（一）资金需求", "妥否，请批示。", "附件：", "受灾情况统计表",
            "示范省财政厅", "2027年1月4日", "（联系人：黄强，电话：0571-12345678）", "抄送：示范省人民政府办公厅。", "示范省财政厅办公室", "2027年1月4日印发");
        if (Environment.GetEnvironmentVariable("G2G_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "document-example.pdf"), bytes);
        }
    }

    private static PrintedDocument Letter(IReadOnlyList<BodyParagraph> body) => new(null, null, null, "示范省财政厅", "示财函〔2027〕3号", null,
        "关于商请支持预算绩效评价工作的函", "东城市财政局：", body, [], "示范省财政厅", "2027年1月4日", true, null, ["示范省审计厅"], "示范省财政厅办公室",
        "2027年1月4日", DocumentLayout.Letter);

    private static PdfDocument Render(PrintedDocument document) => PdfDocument.Open(DocumentPdf.Render(document, new DocumentFontOptions()));

    private static string PageText(PdfDocument pdf, int page) => pdf.GetPage(page).Text.Replace(" ", "", StringComparison.Ordinal);
}
