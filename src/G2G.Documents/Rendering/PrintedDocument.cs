namespace G2G.Documents.Rendering;

/// <summary>
/// A document as GB/T 9704-2012 prints it, every element already in words: what <see cref="DocumentPdf"/> lays out. An
/// element that is null or empty is left out (an unclassified document has no 份号 or 密级, a draft no 发文字号 …).
/// </summary>
/// <param name="CopyNumber">份号, six digits.</param>
/// <param name="Secrecy">密级和保密期限, e.g. <c>秘密★10年</c>.</param>
/// <param name="Urgency">紧急程度: 特急 or 加急.</param>
/// <param name="Mark">发文机关标志, e.g. <c>示范省人民政府文件</c>.</param>
/// <param name="Number">发文字号.</param>
/// <param name="Signer">签发人 (上行文 only).</param>
/// <param name="MainRecipients">主送机关 with its closing colon.</param>
/// <param name="Attachments">附件说明: the attachments' names in order.</param>
/// <param name="Issuer">发文机关署名.</param>
/// <param name="WrittenOn">成文日期, e.g. <c>2027年1月4日</c>.</param>
/// <param name="Sealed">Whether the 印章 is printed over 署名 and 成文日期.</param>
/// <param name="Note">附注, without its parentheses.</param>
/// <param name="Copies">抄送机关.</param>
/// <param name="PrintedBy">印发机关.</param>
/// <param name="PrintedOn">印发日期, e.g. <c>2027年1月4日</c>.</param>
/// <param name="Layout">Which of the standard's formats prints it.</param>
public sealed record PrintedDocument(string? CopyNumber, string? Secrecy, string? Urgency, string Mark, string? Number, string? Signer,
    string Title, string? MainRecipients, IReadOnlyList<BodyParagraph> Body, IReadOnlyList<string> Attachments, string Issuer,
    string? WrittenOn, bool Sealed, string? Note, IReadOnlyList<string> Copies, string PrintedBy, string? PrintedOn,
    DocumentLayout Layout = DocumentLayout.File);

/// <summary>The formats of GB/T 9704-2012: 文件格式 (clause 7) and the particular ones of clause 10.</summary>
public enum DocumentLayout
{
    /// <summary>文件格式: 发文机关标志 with 文件, 35 mm below the 版心's top.</summary>
    File,

    /// <summary>
    /// 信函格式 (10.1, 函): the agency's name alone 30 mm below the paper's top, a red double rule (thick over thin) 4 mm
    /// under it and another (thin over thick) 20 mm above the paper's foot, both 170 mm; 发文字号 at the right under the
    /// rule; no page number on the first page; 版记 without 印发机关, 印发日期 or rules.
    /// </summary>
    Letter,

    /// <summary>
    /// 命令（令）格式 (10.2): the agency's name and 令 20 mm below the 版心's top, the 令号 (第N号) two lines under it, the
    /// 正文 two lines under that (no title, no 主送机关); the signer's 签名章 and 成文日期 instead of the agency's seal.
    /// </summary>
    Order,

    /// <summary>纪要格式 (10.3): the 纪要标志 35 mm below the 版心's top; neither 署名 nor seal.</summary>
    Minutes,
}

/// <summary>How a paragraph of the 正文 is set.</summary>
public enum BodyStyle
{
    /// <summary>仿宋, first line indented two characters.</summary>
    Paragraph,

    /// <summary>First-level heading (一、): 黑体.</summary>
    Heading1,

    /// <summary>Second-level heading (（一）): 楷体.</summary>
    Heading2,
}

public sealed record BodyParagraph(BodyStyle Style, string Text);

/// <summary>
/// The 正文 from its Markdown: each non-empty line is a paragraph (as drafters type it), <c>#</c> and <c>##</c> headings
/// are the first and second heading levels, list and quote markers and inline emphasis, code and link syntax are dropped.
/// </summary>
public static class BodyMarkdown
{
    public static IReadOnlyList<BodyParagraph> Paragraphs(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var paragraphs = new List<BodyParagraph>();
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            var style = BodyStyle.Paragraph;
            if (line.StartsWith("## ", StringComparison.Ordinal))
                (style, line) = (BodyStyle.Heading2, line[3..]);
            else if (line.StartsWith("# ", StringComparison.Ordinal))
                (style, line) = (BodyStyle.Heading1, line[2..]);
            else if (line.StartsWith('#'))
                line = line.TrimStart('#');
            else if (line.Length > 1 && line[0] is '-' or '*' or '+' or '>' && line[1] == ' ')
                line = line[2..];
            line = Inline(line).Trim();
            if (line.Length > 0)
                paragraphs.Add(new(style, line));
        }
        return paragraphs;
    }

    /// <summary>Text without inline Markdown: <c>**b**</c>, <c>_i_</c>, <c>`c`</c>, <c>[text](url)</c> keep their text.</summary>
    private static string Inline(string line)
    {
        var text = new System.Text.StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                text.Append(line[++i]);
                continue;
            }
            if (c is '*' or '_' or '`')
                continue;
            if (c == ']' && i + 1 < line.Length && line[i + 1] == '(' && line.IndexOf(')', i) is var close and > 0)
            {
                i = close;
                continue;
            }
            if (c == '[' && line.IndexOf("](", i, StringComparison.Ordinal) > 0)
                continue;
            text.Append(c);
        }
        return text.ToString();
    }
}

/// <summary>Puts a document record into the words GB/T 9704 prints.</summary>
public static class PrintedDocuments
{
    /// <param name="document">The record with its recipients and attachments.</param>
    /// <param name="body">The 正文's Markdown.</param>
    /// <param name="agencyNames">Full names of the issuer and the recipients by id.</param>
    /// <param name="printedBy">印发机关: the issuer's 办公厅 or 办公室 (the issuer itself when it has none).</param>
    /// <param name="copyNumber">份号 of this copy (printed for 秘密 and above).</param>
    /// <param name="upward">Whether it is a 上行文, which names its 签发人.</param>
    /// <param name="sealValid">The seal holds for the document as it is now; only then is it printed.</param>
    public static PrintedDocument Of(Records.DocumentRecord document, string body, IReadOnlyDictionary<string, string> agencyNames, string printedBy,
        int copyNumber, bool upward, bool sealValid)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(agencyNames);
        string Name(string agency) => agencyNames.GetValueOrDefault(agency, agency);
        var classified = document.Classification >= Runtime.Organisation.ClearanceLevel.Secret;
        var secrecy = Handlers.Classifications.Name(document.Classification);
        var paragraphs = BodyMarkdown.Paragraphs(body).ToList();
        var recipients = document.Recipients.OrderBy(r => r.Position).ToList();
        var mains = recipients.Where(r => r.Kind == Records.RecipientKinds.Main).Select(r => Name(r.AgencyId)).ToList();
        // The drafter's own 主送 line (各市人民政府：) opens the body as a short paragraph ending in a colon; else the names.
        string? salutation = null;
        if (paragraphs is [{ Style: BodyStyle.Paragraph, Text: var first }, ..] && first.EndsWith('：') && first.Length <= 120)
        {
            salutation = first;
            paragraphs.RemoveAt(0);
        }
        var issuer = Name(document.IssuingAgencyId);
        var layout = LayoutOf(document.Type);
        return new PrintedDocument(
            classified ? copyNumber.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) : null,
            classified ? document.SecrecyYears is { } years ? $"{secrecy}★{years}年" : secrecy : null,
            document.Urgency is Records.Urgencies.Urgent or Records.Urgencies.VeryUrgent ? document.Urgency : null,
            layout switch { DocumentLayout.Letter => issuer, DocumentLayout.Order => issuer + "令", DocumentLayout.Minutes => issuer + "纪要", _ => issuer + "文件" },
            layout == DocumentLayout.Order && document.NumberSeq is { } seq ? $"第{seq}号" : document.DocumentNumber,
            upward || layout == DocumentLayout.Order ? document.SignerName : null,
            document.Title,
            salutation ?? (mains.Count > 0 ? string.Join("、", mains) + "：" : null),
            paragraphs,
            [.. document.Attachments.OrderBy(a => a.Position).Select(a => Path.GetFileNameWithoutExtension(a.Name))],
            issuer,
            document.WrittenOn is { } written ? Date(written) : null,
            document.Seal is not null && sealValid,
            document.Note?.Trim('（', '）', '(', ')'),
            [.. recipients.Where(r => r.Kind == Records.RecipientKinds.Copy).Select(r => Name(r.AgencyId))],
            printedBy,
            document.SealedAt is { } sealedAt ? Date(DateOnly.FromDateTime(sealedAt.ToOffset(TimeSpan.FromHours(8)).DateTime)) : null,
            layout);
    }

    /// <summary>函 is printed as a letter, 命令 in the order format, 纪要 in the minutes format, every other type as a 文件.</summary>
    public static DocumentLayout LayoutOf(string type) => type switch
    {
        "函" => DocumentLayout.Letter,
        "命令" => DocumentLayout.Order,
        "纪要" => DocumentLayout.Minutes,
        _ => DocumentLayout.File,
    };

    /// <summary>A date as GB/T 9704 writes it: the year in full, month and day without leading zeros (2027年1月4日).</summary>
    public static string Date(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
