using System.Globalization;
using System.Text.Json;

namespace G2G.Engine.Time;

public sealed partial class HolidayCalendarData
{
    /// <summary>Longest name of a holiday (国庆节、中秋节 is 7 characters).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Most notices one year file may cite, and the longest citation (an address).</summary>
    public const int MaxPapers = 20, MaxPaperLength = 2000;

    /// <summary>
    /// Reads one year file in the holiday-cn format
    /// (<c>{"year": 2026, "papers": [...], "days": [{"name": "元旦", "date": "2026-01-01", "isOffDay": true}]}</c>).
    /// Unknown properties (such as <c>$schema</c>) are ignored.
    /// </summary>
    /// <exception cref="FormatException">The file is malformed; the message names the field and the entry index.</exception>
    public static HolidayCalendarData Parse(string json) => FromYears([ParseYear(json, "holiday calendar file")]);

    /// <summary>Reads one year file like <see cref="Parse"/> and returns the single year.</summary>
    /// <exception cref="FormatException">The file is malformed.</exception>
    public static HolidayYear ParseYear(string json) => ParseYear(json, "holiday calendar file");

    private static HolidayYear ParseYear(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // A property given twice (two "days" lists) is refused rather than one of them silently dropped.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return ReadYear(document.RootElement, source);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
    }

    private static HolidayYear ReadYear(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Bad(source, "(root)", "must be a JSON object");
        if (!root.TryGetProperty("year", out var yearElement) || yearElement.ValueKind != JsonValueKind.Number
            || !yearElement.TryGetInt32(out var year) || year is < 1 or > 9999)
            throw Bad(source, "year", "must be present and a whole number between 1 and 9999");

        var papers = new List<string>();
        if (root.TryGetProperty("papers", out var papersElement))
        {
            if (papersElement.ValueKind != JsonValueKind.Array) throw Bad(source, "papers", "must be an array of strings");
            if (papersElement.GetArrayLength() > MaxPapers) throw Bad(source, "papers", $"lists more than {MaxPapers} notices");
            var i = 0;
            foreach (var paper in papersElement.EnumerateArray())
            {
                if (paper.ValueKind != JsonValueKind.String) throw Bad(source, $"papers[{i}]", "must be a string");
                papers.Add(Text(paper, source, $"papers[{i}]", MaxPaperLength));
                i++;
            }
        }

        if (!root.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
            throw Bad(source, "days", "must be present and an array");
        if (daysElement.GetArrayLength() == 0)
        {
            // Every real year has holidays; an empty list is holiday-cn's placeholder for a year the
            // State Council has not announced yet. Loading it would silently mean "weekends only".
            throw Bad(source, "days", $"is empty: the schedule for {year} has not been published yet");
        }

        var days = new List<HolidayDay>();
        var seen = new Dictionary<DateOnly, int>();
        var index = 0;
        foreach (var entry in daysElement.EnumerateArray())
        {
            var day = ReadDay(entry, year, source, index);
            if (!seen.TryAdd(day.Date, index))
                throw Bad(source, $"days[{index}].date", $"{day.Date:yyyy-MM-dd} is listed twice (also days[{seen[day.Date]}])");
            days.Add(day);
            index++;
        }

        return new HolidayYear(year, papers, days);
    }

    private static HolidayDay ReadDay(JsonElement entry, int year, string source, int index)
    {
        var at = $"days[{index}]";
        if (entry.ValueKind != JsonValueKind.Object) throw Bad(source, at, "must be an object with name, date and isOffDay");
        if (!entry.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || Text(nameElement, source, $"{at}.name", MaxNameLength) is not { } name || name.Trim().Length == 0)
            throw Bad(source, $"{at}.name", "must be a non-empty string");
        if (!entry.TryGetProperty("date", out var dateElement) || dateElement.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(Text(dateElement, source, $"{at}.date", int.MaxValue), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Bad(source, $"{at}.date", "must be a date written yyyy-MM-dd");
        }

        // A notice may fix the last days of December before its year (2023's lists 2022-12-31), nothing further.
        if (Math.Abs(date.Year - year) > 1)
            throw Bad(source, $"{at}.date", $"{date:yyyy-MM-dd} is not in or next to the file's year {year}");
        if (!entry.TryGetProperty("isOffDay", out var off) || off.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw Bad(source, $"{at}.isOffDay", "must be true (holiday) or false (make-up workday)");
        return new HolidayDay(date, name, off.GetBoolean());
    }

    /// <summary>
    /// A JSON string's text, at most <paramref name="maxLength"/> characters; an escaped unpaired surrogate (<c>"\ud800"</c>),
    /// which JSON's grammar allows but no text holds, is refused like any other bad value.
    /// </summary>
    private static string Text(JsonElement element, string source, string field, int maxLength)
    {
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Bad(source, field, "is not valid text (an escaped unpaired surrogate such as \\ud800)");
        }
        return text.Length <= maxLength ? text : throw Bad(source, field, $"is longer than {maxLength} characters");
    }

    private static FormatException Bad(string source, string field, string problem) =>
        new($"{source}: {field} {problem}.");
}
