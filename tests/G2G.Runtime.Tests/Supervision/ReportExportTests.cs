using System.Text;
using G2G.Runtime.Supervision;

namespace G2G.Runtime.Tests.Supervision;

/// <summary>CSV exports cannot carry a formula into a spreadsheet (CSV injection), and numbers stay numbers.</summary>
public sealed class ReportExportTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 18, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点此\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点此\"\")\"")]
    [InlineData("+1+2", "\"'+1+2\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A2)", "\"'@SUM(A1:A2)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("关于追加2027年预算的请示", "关于追加2027年预算的请示")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("预算=100", "预算=100")]
    public void ATextCellThatASpreadsheetWouldRun_IsNeutralisedWithAQuote(string title, string cell)
    {
        var csv = Csv(new OverdueItem(9031, 4410, title, "处长审核", "budget", "sf-fin", null, "huang.qiang", Due, 121.5, AgingBucket.UpTo7Days));

        Assert.StartsWith($"9031,4410,{cell},处长审核,budget,sf-fin,,huang.qiang,", csv.Split("\r\n")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeNumber_StaysANumber()
    {
        var csv = Csv(new OverdueItem(1, 2, "-x", "-step", "budget", null, null, null, Due, -5.5, AgingBucket.DueSoon));

        Assert.EndsWith(",-5.5,DueSoon", csv.Split("\r\n")[1], StringComparison.Ordinal);
        Assert.StartsWith("1,2,\"'-x\",\"'-step\",", csv.Split("\r\n")[1], StringComparison.Ordinal);
    }

    private static string Csv(OverdueItem item) => Encoding.UTF8.GetString(ReportExport.ToCsv(Report.Overdue([item], Due))).TrimStart('\uFEFF');
}
