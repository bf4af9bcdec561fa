using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

public class HolidayCalendarDataTests
{
    // A made-up 2027 file for loading tests (not the official schedule, which is unpublished).
    private const string Custom2027 = """
        {
          "$schema": "https://example.invalid/schema.json",
          "year": 2027,
          "papers": ["https://example.invalid/notice"],
          "days": [
            { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
            { "name": "测试", "date": "2027-01-09", "isOffDay": false }
          ]
        }
        """;

    [Fact]
    public void Parse_CustomYearFile_AddsTheYearWhenMerged()
    {
        var data = HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.Parse(Custom2027));
        var calendar = new WorkingCalendar(data);
        Assert.Equal([2023, 2024, 2025, 2026, 2027], calendar.KnownYears);
        Assert.False(calendar.IsWorkingDay(D(2027, 1, 1)));  // Friday, holiday
        Assert.True(calendar.IsWorkingDay(D(2027, 1, 9)));   // Saturday, make-up
        Assert.True(calendar.IsWorkingDay(D(2027, 1, 4)));   // ordinary Monday
        Assert.False(calendar.IsWorkingDay(D(2027, 1, 10))); // ordinary Sunday
        Assert.Equal(Cn(2027, 1, 4, 10), calendar.AddWorkingDays(Cn(2026, 12, 31, 10), 1));
    }

    [Fact]
    public void Parse_KeepsPapersAndDays()
    {
        var year = HolidayCalendarData.ParseYear(Custom2027);
        Assert.Equal(2027, year.Year);
        Assert.Equal(["https://example.invalid/notice"], year.Papers);
        Assert.Equal([new HolidayDay(D(2027, 1, 1), "元旦", true), new HolidayDay(D(2027, 1, 9), "测试", false)], year.Days);
    }

    [Fact]
    public void Merge_SameYear_LaterFileReplacesEarlier()
    {
        var corrected = """{"year": 2026, "papers": [], "days": [{"name": "x", "date": "2026-03-09", "isOffDay": true}]}""";
        var calendar = new WorkingCalendar(HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.Parse(corrected)));
        Assert.False(calendar.IsWorkingDay(D(2026, 3, 9)));
        Assert.False(calendar.IsWorkingDay(D(2026, 2, 14))); // the replaced schedule's make-up day is gone
        Assert.True(China.IsWorkingDay(D(2026, 2, 14)));     // built-in data unchanged
    }

    [Fact]
    public void Empty_KnowsNoYear()
    {
        var calendar = new WorkingCalendar(HolidayCalendarData.Empty);
        Assert.Empty(calendar.KnownYears);
        Assert.Equal(2026, Assert.Throws<CalendarYearMissingException>(() => calendar.IsWorkingDay(D(2026, 1, 5))).Year);
    }

    [Fact]
    public void FileOfNextYear_DecidesDayItListsInPreviousYearOnceThatYearIsKnown()
    {
        var y2022 = """{"year": 2022, "papers": [], "days": [{"name": "春节", "date": "2022-02-01", "isOffDay": true}]}""";
        var calendar = new WorkingCalendar(HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.Parse(y2022)));
        Assert.False(calendar.IsWorkingDay(D(2022, 12, 31))); // Saturday listed by the 2023 notice
        Assert.True(calendar.IsWorkingDay(D(2022, 12, 30)));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "(root) must be a JSON object")]
    [InlineData("""{"days": []}""", "year must be present")]
    [InlineData("""{"year": "2027", "days": []}""", "year must be present")]
    [InlineData("""{"year": 2027}""", "days must be present")]
    [InlineData("""{"year": 2027, "papers": [], "days": []}""", "days is empty: the schedule for 2027 has not been published yet")]
    [InlineData("""{"year": 2027, "papers": "x", "days": []}""", "papers must be an array")]
    [InlineData("""{"year": 2027, "papers": [1], "days": []}""", "papers[0] must be a string")]
    [InlineData("""{"year": 2027, "days": [1]}""", "days[0] must be an object")]
    [InlineData("""{"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true}]}""", "days[0].name must be a non-empty string")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "2027-01-01", "isOffDay": true}, {"name": "b", "date": "2027-13-01", "isOffDay": true}]}""", "days[1].date must be a date written yyyy-MM-dd")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "2027/01/01", "isOffDay": true}]}""", "days[0].date must be a date")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "2030-01-01", "isOffDay": true}]}""", "days[0].date 2030-01-01 is not in or next to the file's year 2027")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "2027-01-01", "isOffDay": "true"}]}""", "days[0].isOffDay must be true (holiday) or false (make-up workday)")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "2027-01-01"}]}""", "days[0].isOffDay must be")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "2027-01-01", "isOffDay": true}, {"name": "a", "date": "2027-01-01", "isOffDay": false}]}""", "days[1].date 2027-01-01 is listed twice (also days[0])")]
    // Found by the calendar upload fuzzer: an escaped unpaired surrogate was an InvalidOperationException (a 500).
    [InlineData("""{"year": 2027, "days": [{"name": "\ud800", "date": "2027-01-01", "isOffDay": true}]}""", "days[0].name is not valid text")]
    [InlineData("""{"year": 2027, "days": [{"name": "a", "date": "\udc00", "isOffDay": true}]}""", "days[0].date is not valid text")]
    [InlineData("""{"year": 2027, "papers": ["\ud800"], "days": []}""", "papers[0] is not valid text")]
    [InlineData("""{"year": 2027, "papers": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21"], "days": []}""", "papers lists more than 20 notices")]
    public void Parse_MalformedFile_ThrowsFormatExceptionNamingFieldAndEntry(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => HolidayCalendarData.Parse(json));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Parse_TextsOverTheirLimits_AreRefusedNamingTheField()
    {
        var name = Assert.Throws<FormatException>(() => HolidayCalendarData.Parse(
            $$"""{"year": 2027, "days": [{"name": "{{new string('节', HolidayCalendarData.MaxNameLength + 1)}}", "date": "2027-01-01", "isOffDay": true}]}"""));
        Assert.Contains("days[0].name is longer than 100 characters", name.Message);
        var paper = Assert.Throws<FormatException>(() => HolidayCalendarData.Parse(
            $$"""{"year": 2027, "papers": ["{{new string('a', HolidayCalendarData.MaxPaperLength + 1)}}"], "days": []}"""));
        Assert.Contains("papers[0] is longer than 2000 characters", paper.Message);
    }

    [Theory]
    [InlineData("days")]
    [InlineData("year")]
    [InlineData("date")]
    public void Parse_APropertyGivenTwice_IsRefusedNamingIt(string property)
    {
        var json = """{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}""".Replace(
            $"\"{property}\":", $"\"{property}\": {(property == "year" ? "2027" : property == "days" ? "[]" : "\"2027-01-02\"")}, \"{property}\":", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => HolidayCalendarData.Parse(json));
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Contains(property, ex.Message[ex.Message.IndexOf("): ", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Parse_InvalidJson_GivesLine()
    {
        var ex = Assert.Throws<FormatException>(() => HolidayCalendarData.Parse("{\n  \"year\": 2027,\n  \"days\": [,]\n}"));
        Assert.Contains("line 3", ex.Message);
    }
}
