using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace G2G.Documents.Rendering;

/// <summary>
/// Lays out a document after GB/T 9704-2012 (党政机关公文格式) and writes it as a PDF with its fonts embedded (subsets):
/// A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm 版心 of 22 lines of 28 characters in 3号 (16 pt). 版头: 份号, 密级和保密期限
/// and 紧急程度 stacked at the top left, the red 发文机关标志 35 mm below the 版心's top, 发文字号 two lines under it (with
/// 签发人 on its right for a 上行文), the red separator 4 mm below; 主体: 标题 (2号) two lines below the separator, 主送机关,
/// 正文, 附件说明, 发文机关署名 and 成文日期 (four characters from the right) under the red seal, 附注; 版记 at the foot of
/// the last page between its rules: 抄送机关, 印发机关 and 印发日期; page numbers <c>— n —</c> 7 mm under the 版心, odd
/// pages right, even pages left. Chinese text breaks by character, keeping closing punctuation off a line's start and
/// opening punctuation off its end. 函, 命令 and 纪要 follow the particular formats of clause 10 (<see cref="DocumentLayout"/>).
/// </summary>
public static class DocumentPdf
{
    /// <summary>Writes the document; the fonts are checked first (<see cref="FontFiles.Check"/>).</summary>
    public static byte[] Render(PrintedDocument document, DocumentFontOptions fonts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(fonts);
        FontFiles.Check(fonts);
        FontFiles.Install();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Subject = document.Number ?? "";
        pdf.Info.Creator = "G2G";
        using (var pages = new PageFlow(pdf, fonts, document.Layout))
        {
            pages.Head(document);
            pages.Main(document);
            pages.Signature(document);
            pages.Record(document);
        }
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }
}

/// <summary>The pages as they fill: the current page, its next free line, the fonts.</summary>
internal sealed class PageFlow : IDisposable
{
    private const double Mm = 72 / 25.4;
    private const double Top = 37 * Mm, Left = 28 * Mm, Width = 156 * Mm, Height = 225 * Mm;
    private const int Lines = 22, Columns = 28;
    private const double Pitch = Height / Lines, Cell = Width / Columns;
    private const double San = 16, Si = 14, Er = 22; // 3号, 4号, 2号 in points

    private static readonly XColor Red = XColor.FromArgb(230, 0, 18);
    private static readonly XSolidBrush Black = new(XColors.Black), RedBrush = new(Red);

    private readonly PdfDocument _pdf;
    private readonly DocumentFontOptions _fonts;
    private readonly DocumentLayout _layout;
    private readonly Dictionary<(string, double), XFont> _cache = [];
    private XGraphics? _page;
    private int _pages;

    /// <summary>The next free line of the current page (0–21).</summary>
    private int _line;

    public PageFlow(PdfDocument pdf, DocumentFontOptions fonts, DocumentLayout layout)
    {
        (_pdf, _fonts, _layout) = (pdf, fonts, layout);
        NewPage();
    }

    private XGraphics G => _page!;

    /// <summary>版头.</summary>
    public void Head(PrintedDocument d)
    {
        if (d.Layout == DocumentLayout.Letter)
        {
            LetterHead(d);
            return;
        }
        if (d.Layout != DocumentLayout.Order)
            Stacked(d);
        var markTop = Top + (d.Layout == DocumentLayout.Order ? 20 : 35) * Mm;
        var markSize = Mark(d.Mark, markTop);
        var numberLine = (int)Math.Round((markTop + markSize - Top) / Pitch + 2);
        var fang = Font(_fonts.FangSong, San);
        if (d.Layout == DocumentLayout.Order)
        {
            // 令号 two lines under the mark, the 正文 two lines under it; no separator.
            if (d.Number is not null)
                Draw(fang, Black, (Width - Measure(d.Number, fang)) / 2, numberLine, d.Number);
            _line = numberLine + 3;
            return;
        }
        if (d.Signer is not null)
        {
            if (d.Number is not null)
                Draw(fang, Black, Cell, numberLine, d.Number);
            var kai = Font(_fonts.Kai, San);
            var label = "签发人：";
            var x = Width - Cell - Measure(d.Signer, kai);
            Draw(fang, Black, x - Measure(label, fang), numberLine, label);
            Draw(kai, Black, x, numberLine, d.Signer);
        }
        else if (d.Number is not null)
        {
            Draw(fang, Black, (Width - Measure(d.Number, fang)) / 2, numberLine, d.Number);
        }
        var separator = Baseline(numberLine, San) + San * 0.12 + 4 * Mm;
        G.DrawLine(new XPen(Red, 1.0), Left, separator, Left + Width, separator);
        _line = (int)Math.Ceiling((separator - Top) / Pitch) + 2;
    }

    /// <summary>
    /// 信函格式's 版头: the mark 30 mm below the paper's top, the red double rules under it and above the paper's foot;
    /// 份号, 密级 and 紧急程度 at the left under the rule, 发文字号 at the right on its first line; 标题 two lines below.
    /// </summary>
    private void LetterHead(PrintedDocument d)
    {
        var markTop = 30 * Mm;
        var rule = markTop + Mark(d.Mark, markTop) + 4 * Mm;
        DoubleRule(rule, thickAbove: true);
        DoubleRule(297 * Mm - 20 * Mm, thickAbove: false);
        _line = (int)Math.Ceiling((rule + 1.5 * Mm - Top) / Pitch);
        var first = _line;
        if (d.Number is not null)
        {
            var fang = Font(_fonts.FangSong, San);
            Draw(fang, Black, Width - Measure(d.Number, fang), first, d.Number);
        }
        Stacked(d);
        _line = Math.Max(_line, first + 1) + 2;
    }

    /// <summary>份号, 密级和保密期限 and 紧急程度, one under the other at the left from the current line.</summary>
    private void Stacked(PrintedDocument d)
    {
        var stacked = new (string? Text, string Face)[] { (d.CopyNumber, _fonts.Song), (d.Secrecy, _fonts.Hei), (d.Urgency, _fonts.Hei) };
        foreach (var (text, face) in stacked.Where(s => !string.IsNullOrEmpty(s.Text)))
            Draw(Font(face, San), Black, 0, _line++, text!);
    }

    /// <summary>The red 发文机关标志 centred with its top at <paramref name="top"/> (from the paper's top); its size.</summary>
    private double Mark(string text, double top)
    {
        var size = Math.Min(52, Width / text.Length * 0.96);
        var mark = Font(_fonts.Song, size);
        G.DrawString(text, mark, RedBrush, Left + (Width - Measure(text, mark)) / 2, top + size * 0.88);
        return size;
    }

    /// <summary>A red double rule 170 mm long centred on the paper, 0.6 mm and 0.25 mm thick, 0.8 mm apart.</summary>
    private void DoubleRule(double y, bool thickAbove)
    {
        var (thick, thin) = (new XPen(Red, 0.6 * Mm), new XPen(Red, 0.25 * Mm));
        var (x0, x1) = (20 * Mm, 190 * Mm);
        G.DrawLine(thickAbove ? thick : thin, x0, y, x1, y);
        G.DrawLine(thickAbove ? thin : thick, x0, y + 0.8 * Mm, x1, y + 0.8 * Mm);
    }

    /// <summary>标题, 主送机关, 正文, 附件说明.</summary>
    public void Main(PrintedDocument d)
    {
        var fang = Font(_fonts.FangSong, San);
        if (d.Layout != DocumentLayout.Order) // a 令 has neither title nor 主送机关
        {
            var title = Font(_fonts.Song, Er);
            foreach (var line in Typeset(d.Title, title, Width - 2 * Cell, Er, 0))
                DrawLine(title, Black, (Width - line.Width) / 2, line);
            _line++;
        }
        if (d.Layout != DocumentLayout.Order && !string.IsNullOrEmpty(d.MainRecipients))
            Paragraph(d.MainRecipients, fang, 0);
        foreach (var paragraph in d.Body)
        {
            var face = paragraph.Style switch { BodyStyle.Heading1 => _fonts.Hei, BodyStyle.Heading2 => _fonts.Kai, _ => _fonts.FangSong };
            Paragraph(paragraph.Text, Font(face, San), 2 * Cell);
        }
        if (d.Attachments.Count == 0)
            return;
        Advance(1);
        const string label = "附件：";
        var labelWidth = Measure(label, fang);
        for (var i = 0; i < d.Attachments.Count; i++)
        {
            var number = d.Attachments.Count > 1 ? $"{i + 1}." : "";
            var at = 2 * Cell + labelWidth;
            var lines = Typeset(d.Attachments[i], fang, Width - at - Measure(number, fang), Cell, 0);
            Ensure(1);
            if (i == 0)
                Draw(fang, Black, 2 * Cell, _line, label);
            Draw(fang, Black, at, _line, number);
            foreach (var line in lines)
                DrawLine(fang, Black, at + Measure(number, fang), line);
        }
    }

    /// <summary>发文机关署名, 成文日期 and 印章 (a 令: the signer's 签名章; 纪要: neither); 附注 below.</summary>
    public void Signature(PrintedDocument d)
    {
        var fang = Font(_fonts.FangSong, San);
        switch (d.Layout)
        {
            case DocumentLayout.Order:
                SignedBySigner(d, fang);
                break;
            case DocumentLayout.Minutes:
                break; // 纪要 are neither signed by the agency nor sealed
            default:
                SignedByAgency(d, fang);
                break;
        }
        if (!string.IsNullOrEmpty(d.Note))
            Paragraph($"（{d.Note}）", fang, 2 * Cell);
    }

    /// <summary>发文机关署名 and 成文日期, under the red seal while it holds.</summary>
    private void SignedByAgency(PrintedDocument d, XFont fang)
    {
        var issuerWidth = Measure(d.Issuer, fang);
        if (d.Sealed)
        {
            // The seal's top within a line of the text above; 署名 and 日期 in its lower half.
            Ensure(4);
            var date = d.WrittenOn ?? "";
            var dateX = Width - 4 * Cell - Measure(date, fang);
            var issuerX = Math.Min(dateX + Measure(date, fang) / 2 - issuerWidth / 2, Width - issuerWidth);
            var sealTop = LineTop(_line);
            Draw(fang, Black, issuerX, _line + 2, d.Issuer);
            Draw(fang, Black, dateX, _line + 3, date);
            Seal(Left + issuerX + issuerWidth / 2, sealTop + 21 * Mm, d.Issuer);
            _line += 4;
        }
        else
        {
            Advance(1);
            Ensure(2);
            var issuerX = Width - 2 * Cell - issuerWidth;
            Draw(fang, Black, issuerX, _line++, d.Issuer);
            if (d.WrittenOn is not null)
                Draw(fang, Black, Math.Min(issuerX + 2 * Cell, Width - Measure(d.WrittenOn, fang)), _line++, d.WrittenOn);
        }
    }

    /// <summary>
    /// 命令's signature (GB/T 9704 7.3.5.3): two lines under the text, four characters from the right, the signer's
    /// 签名章 (the name in a red frame while the seal holds, else the name alone); 成文日期 one line under it.
    /// </summary>
    private void SignedBySigner(PrintedDocument d, XFont fang)
    {
        Ensure(5);
        _line += 2;
        var kai = Font(_fonts.Kai, San);
        var name = d.Signer ?? d.Issuer;
        var x = Width - 4 * Cell - Measure(name, kai);
        if (d.Sealed)
        {
            var top = LineTop(_line) + (Pitch - San) / 2 - 1.5 * Mm;
            G.DrawRectangle(new XPen(Red, 0.8 * Mm), Left + x - 2 * Mm, top, Measure(name, kai) + 4 * Mm, San + 3 * Mm);
        }
        Draw(kai, d.Sealed ? RedBrush : Black, x, _line, name);
        _line += 2;
        if (d.WrittenOn is not null)
            Draw(fang, Black, Width - 4 * Cell - Measure(d.WrittenOn, fang), _line++, d.WrittenOn);
    }

    /// <summary>版记 at the foot of the last page: 抄送机关, then 印发机关 and 印发日期, between a thick rule above and below.</summary>
    public void Record(PrintedDocument d)
    {
        var fang = Font(_fonts.FangSong, Si);
        List<TypesetLine> copies = [];
        const string label = "抄送：";
        var labelWidth = Measure(label, fang);
        if (d.Copies.Count > 0)
            copies = Typeset(string.Join("，", d.Copies) + "。", fang, Width - 2 * Cell - labelWidth, Cell, 0);
        if (d.Layout == DocumentLayout.Letter)
        {
            // 信函格式: 抄送机关 alone at the foot of the 版心, without rules, 印发机关 or 印发日期.
            if (copies.Count == 0)
                return;
            if (_line + copies.Count > Lines)
                NewPage();
            for (var i = 0; i < copies.Count; i++)
            {
                if (i == 0)
                    Draw(fang, Black, Cell, Lines - copies.Count, label);
                foreach (var piece in copies[i].Pieces)
                    G.DrawString(piece.Text, fang, Black, Left + Cell + labelWidth + piece.X, Baseline(Lines - copies.Count + i, Si));
            }
            return;
        }
        if (_line + copies.Count + 1 > Lines)
            NewPage();
        var first = Lines - 1 - copies.Count;
        var thick = new XPen(XColors.Black, 0.35 * Mm);
        G.DrawLine(thick, Left, LineTop(first), Left + Width, LineTop(first));
        for (var i = 0; i < copies.Count; i++)
        {
            if (i == 0)
                Draw(fang, Black, Cell, first, label);
            foreach (var piece in copies[i].Pieces)
                G.DrawString(piece.Text, fang, Black, Left + Cell + labelWidth + piece.X, Baseline(first + i, Si));
        }
        if (copies.Count > 0)
            G.DrawLine(new XPen(XColors.Black, 0.25 * Mm), Left, LineTop(Lines - 1), Left + Width, LineTop(Lines - 1));
        Draw(fang, Black, Cell, Lines - 1, d.PrintedBy);
        if (d.PrintedOn is not null)
        {
            var printed = d.PrintedOn + "印发";
            Draw(fang, Black, Width - Cell - Measure(printed, fang), Lines - 1, printed);
        }
        G.DrawLine(thick, Left, Top + Height, Left + Width, Top + Height);
    }

    /// <summary>The red round seal: a ring, the agency's name along its upper arc, a five-pointed star in the middle.</summary>
    private void Seal(double x, double y, string agency)
    {
        var red = XColor.FromArgb(215, 230, 0, 18);
        const double radius = 21 * Mm, ring = 1.2 * Mm;
        G.DrawEllipse(new XPen(red, ring), x - radius + ring / 2, y - radius + ring / 2, 2 * radius - ring, 2 * radius - ring);
        var star = new XPoint[10];
        for (var i = 0; i < 10; i++)
        {
            var angle = -Math.PI / 2 + i * Math.PI / 5;
            var r = i % 2 == 0 ? 7 * Mm : 2.8 * Mm;
            star[i] = new XPoint(x + r * Math.Cos(angle), y + r * Math.Sin(angle));
        }
        G.DrawPolygon(new XSolidBrush(red), star, XFillMode.Winding);

        var textRadius = radius - ring - 1 * Mm;
        var size = Math.Min(6.5 * Mm, 250 * Math.PI / 180 * textRadius / (agency.Length * 1.15));
        var font = Font(_fonts.Song, size);
        var step = size * 1.15 / textRadius * 180 / Math.PI;
        var brush = new XSolidBrush(red);
        for (var i = 0; i < agency.Length; i++)
        {
            var state = G.Save();
            G.RotateAtTransform(-step * (agency.Length - 1) / 2 + i * step, new XPoint(x, y));
            var character = agency[i].ToString();
            G.DrawString(character, font, brush, x - Measure(character, font) / 2, y - textRadius + size * 0.88);
            G.Restore(state);
        }
    }

    /// <summary>A paragraph on the grid, the first line indented by <paramref name="indent"/>.</summary>
    private void Paragraph(string text, XFont font, double indent)
    {
        foreach (var line in Typeset(text, font, Width, Cell, indent))
            DrawLine(font, Black, 0, line);
    }

    private void DrawLine(XFont font, XBrush brush, double x, TypesetLine line)
    {
        Ensure(1);
        foreach (var piece in line.Pieces)
            G.DrawString(piece.Text, font, brush, Left + x + piece.X, Baseline(_line, font.Size));
        _line++;
    }

    /// <summary>Text at <paramref name="x"/> (from the 版心's left edge) on a line of the current page.</summary>
    private void Draw(XFont font, XBrush brush, double x, int line, string text) =>
        G.DrawString(text, font, brush, Left + x, Baseline(line, font.Size));

    /// <summary>
    /// Breaks text into lines of <paramref name="width"/>: each wide (CJK) character takes <paramref name="cell"/>, a run of
    /// narrow ones (Latin, digits) its measured width and stays whole. Closing punctuation that does not fit hangs at the
    /// end of the line; opening punctuation that would end a line moves to the next.
    /// </summary>
    private List<TypesetLine> Typeset(string text, XFont font, double width, double cell, double indent)
    {
        var lines = new List<TypesetLine>();
        var current = new List<(string Text, double Width)>();
        var x = indent;
        foreach (var token in Tokens(text, font, cell, width))
        {
            var fits = x + token.Width <= width + 0.01;
            if (!fits && !(current.Count > 0 && token.Text.Length == 1 && NoLineStart.Contains(token.Text[0], StringComparison.Ordinal)))
            {
                var carried = new List<(string Text, double Width)>();
                while (current.Count > 1 && current[^1].Text.Length == 1 && NoLineEnd.Contains(current[^1].Text[0], StringComparison.Ordinal))
                {
                    carried.Insert(0, current[^1]);
                    current.RemoveAt(current.Count - 1);
                }
                lines.Add(Line(current, lines.Count == 0 ? indent : 0));
                current = carried;
                x = carried.Sum(c => c.Width);
            }
            current.Add(token);
            x += token.Width;
        }
        if (current.Count > 0 || lines.Count == 0)
            lines.Add(Line(current, lines.Count == 0 ? indent : 0));
        return lines;
    }

    private static TypesetLine Line(List<(string Text, double Width)> tokens, double start)
    {
        var pieces = new List<(string Text, double X)>(tokens.Count);
        var x = start;
        foreach (var (text, width) in tokens)
        {
            pieces.Add((text, x));
            x += width;
        }
        return new(pieces, x);
    }

    private IEnumerable<(string Text, double Width)> Tokens(string text, XFont font, double cell, double width)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (IsWide(text[i]))
            {
                yield return (text[i++].ToString(), cell);
                continue;
            }
            var start = i;
            while (i < text.Length && !IsWide(text[i]) && (i == start || text[i] != ' '))
                i++;
            var run = text[start..i];
            var runWidth = Measure(run, font);
            if (runWidth <= width)
            {
                yield return (run, runWidth);
                continue;
            }
            foreach (var c in run)
                yield return (c.ToString(), Measure(c.ToString(), font));
        }
    }

    private const string NoLineStart = "，。、；：？！）」』”’》〉】〕…—%,.;:?!)]";
    private const string NoLineEnd = "（「『“‘《〈【〔([";

    private static bool IsWide(char c) => c >= '\u2E80' || c is '“' or '”' or '‘' or '’' or '—' or '…' or '★';

    private double Measure(string text, XFont font) => text.Length == 0 ? 0 : G.MeasureString(text, font).Width;

    private XFont Font(string face, double size)
    {
        if (!_cache.TryGetValue((face, size), out var font))
            _cache[(face, size)] = font = new XFont(face, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        return font;
    }

    private static double LineTop(int line) => Top + line * Pitch;

    /// <summary>The baseline that centres a CJK glyph of <paramref name="size"/> points in its line.</summary>
    private static double Baseline(int line, double size) => LineTop(line) + Pitch / 2 + size * 0.36;

    private void Advance(int lines)
    {
        _line += lines;
        if (_line >= Lines)
            NewPage();
    }

    /// <summary>A new page unless <paramref name="lines"/> more fit on this one.</summary>
    private void Ensure(int lines)
    {
        if (_line + lines > Lines)
            NewPage();
    }

    /// <summary>Starts a page with its number: 4号 Arabic numerals between dashes, odd pages right, even pages left, one character in.</summary>
    private void NewPage()
    {
        _page?.Dispose();
        var page = _pdf.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        _page = XGraphics.FromPdfPage(page);
        _pages++;
        _line = 0;
        if (_layout == DocumentLayout.Letter && _pages == 1)
            return; // 信函格式: the first page has no number
        var number = $"— {_pages} —";
        var font = Font(_fonts.Song, Si);
        var width = Measure(number, font);
        var x = _pages % 2 == 1 ? Left + Width - Cell - width : Left + Cell;
        G.DrawString(number, font, Black, x, Top + Height + 7 * Mm + Si * 0.5);
    }

    public void Dispose() => _page?.Dispose();
}

/// <summary>A line of set text: each piece at its offset from the line's start, and the width it fills.</summary>
internal sealed record TypesetLine(IReadOnlyList<(string Text, double X)> Pieces, double Width);
