using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace G2G.Runtime.Supervision;

/// <summary>
/// A report as a header row and data rows, written as CSV or as an .xlsx workbook with the same content. The
/// columns are the fields of the JSON answer in the same order; each header is the Chinese name and the JSON name.
/// <see cref="FileName"/> (without extension) carries the report's date.
/// </summary>
public sealed record Report(string Title, string FileName, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Overdue and soon-due items as of <paramref name="asOf"/>.</summary>
    public static Report Overdue(IReadOnlyList<OverdueItem> items, DateTimeOffset asOf) => new("超期与临期 Overdue", $"overdue-{Day(asOf)}",
        ["任务 taskId", "实例 instanceId", "标题 title", "环节 step", "流程 processKey", "机关 agencyId", "部门 departmentId", "承办人 assignee",
            "办理期限 dueAt", "超期小时 overdueHours", "超期分档 bucket"],
        [.. items.Select(i => (IReadOnlyList<object?>)[i.TaskId, i.InstanceId, i.Title, i.Step, i.ProcessKey, i.AgencyId, i.DepartmentId, i.Assignee,
            i.DueAt, i.OverdueHours, i.Bucket.ToString()])]);

    /// <summary>Performance rows by <paramref name="dimension"/> for [from, to).</summary>
    public static Report Performance(IReadOnlyList<PerformanceRow> rows, PerformanceDimension dimension, DateTimeOffset from, DateTimeOffset to) =>
        new($"按时率 On-time by {dimension}", $"performance-{dimension.ToString().ToLowerInvariant()}-{Day(from)}-to-{Day(to)}",
            [$"{KeyName(dimension)} key", "名称 name", "办结 completed", "按时 onTime", "按时率 onTimeRate", "平均办理小时 averageHandlingHours", "当前超期 openOverdue"],
            [.. rows.Select(r => (IReadOnlyList<object?>)[r.Key, r.Name, r.Completed, r.OnTime, r.OnTimeRate, r.AverageHandlingHours, r.OpenOverdue])]);

    private static string KeyName(PerformanceDimension dimension) => dimension switch
    {
        PerformanceDimension.Department => "部门",
        PerformanceDimension.Agency => "机关",
        PerformanceDimension.Procedure => "流程",
        _ => "环节",
    };

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public static class ReportExport
{
    /// <summary>RFC 4180 CSV in UTF-8 with a byte-order mark, so spreadsheet programs read Chinese text correctly.</summary>
    public static byte[] ToCsv(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendJoin(',', report.Header.Select(TextCell)).Append("\r\n");
        foreach (var row in report.Rows)
            text.AppendJoin(',', row.Select(v => IsNumber(v) ? Format(v) : TextCell(Format(v)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One worksheet named after the report: numbers as numbers, everything else as text.</summary>
    public static byte[] ToXlsx(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(report.Header.Cast<object?>()));
            foreach (var row in report.Rows)
                data.Append(Row(row));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(report.Title) }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object?> values)
    {
        var row = new Row();
        foreach (var value in values)
        {
            row.Append(value switch
            {
                _ when IsNumber(value) => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Format(value)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Format(value)) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }
        return row;
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset date => date.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumber(object? value) => value is int or long or decimal or double;

    /// <summary>
    /// A text cell, quoted where needed. Text a spreadsheet would run as a formula (it begins with = + - @, a tab or a
    /// carriage return; a title is anyone's input) gets a leading single quote and quotes, as OWASP advises.
    /// </summary>
    private static string TextCell(string field) => field.Length > 0 && "=+-@\t\r".Contains(field[0], StringComparison.Ordinal)
        ? Quote("'" + field)
        : field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? Quote(field) : field;

    private static string Quote(string field) => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var clean = new string([.. title.Where(c => ":\\/?*[]".IndexOf(c, StringComparison.Ordinal) < 0)]);
        return clean.Length == 0 ? "Report" : clean[..Math.Min(31, clean.Length)];
    }
}
