using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Xunit.Abstractions;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// PUT /api/v1/calendar/years/{year} given broken holiday files (docs/calendar.md's holiday-cn format): a valid year
/// file with one defect drawn from a fixed seed — cut short, not JSON, a field of the wrong type, missing or given twice,
/// a year or date out of range, a date listed twice, texts too long or holding an unpaired surrogate, a body over the
/// limit. Every answer is a 4xx problem+json whose detail or field errors name what is wrong, and the calendar's years
/// are unchanged (docs/reliability.md, "Hostile requests").
/// </summary>
public abstract class CalendarUploadFuzzTests<TDatabase>(SecurityWorld<TDatabase> world, ITestOutputHelper output) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    /// <summary>The short run's seed; <c>G2G_FUZZ_SEED</c> (a whole number) draws other files, <c>G2G_FUZZ_CASES</c> ÷ 100 sets how many.</summary>
    private const int Seed = 20261206;

    /// <summary>Chinese written as it is, as holiday-cn's files are (escaped, 节 would take 6 bytes instead of 3).</summary>
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Names = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "国庆节、中秋节"];

    [DatabaseFact]
    public async Task BrokenYearFiles_AreProblemsNamingTheDefect_AndChangeNothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("G2G_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Seed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("G2G_FUZZ_CASES"), CultureInfo.InvariantCulture, out var configured) && configured > 0
            ? configured / 100 : 150;
        var admin = await world.SessionAsync(Admin);
        var years = await admin.Client.GetStringAsync(new Uri("/api/v1/calendar/years", UriKind.Relative));
        var random = new Random(seed);
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cases; i++)
        {
            var broken = Draw(random);
            var failure = $"seed {seed}, case {i} ({broken.Defect}), PUT /api/v1/calendar/years/{broken.PathYear} with "
                + (broken.Body.Length > 600 ? broken.Body[..600] + $"… ({broken.Body.Length:N0} characters)" : broken.Body);
            using var content = new StringContent(broken.Body, Encoding.UTF8, "application/json");
            using var response = await admin.Client.PutAsync(new Uri($"/api/v1/calendar/years/{broken.PathYear}", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status is 400 or 413 or 422, $"{failure}\nanswered {status}: {body}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{failure}\nnot problem+json: {body}");
            var problem = JsonSerializer.Deserialize<JsonElement>(body);
            var code = problem.GetProperty("code").GetString();
            var said = Said(problem);
            Assert.True(broken.Names.Length == 0 ? said.Length > 0 : broken.Names.Any(n => said.Contains(n, StringComparison.Ordinal)),
                $"{failure}\nthe answer names none of {string.Join(", ", broken.Names)}: {body}");
            statuses[$"{status} {code}"] = statuses.GetValueOrDefault($"{status} {code}") + 1;
            if (i % 10 == 9 || i == cases - 1)
                Assert.Equal(years, await admin.Client.GetStringAsync(new Uri("/api/v1/calendar/years", UriKind.Relative)));
        }
        output.WriteLine($"{cases} broken files (seed {seed}): {string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}"))}");
    }

    /// <summary>What a problem says: its detail, and each field error's field and messages.</summary>
    private static string Said(JsonElement problem)
    {
        var said = new StringBuilder(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : "");
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
                said.Append(' ').Append(field.Name).Append(": ").AppendJoin(' ', field.Value.EnumerateArray().Select(m => m.GetString()));
        }
        return said.ToString().Trim();
    }

    /// <summary>
    /// A broken file: the body, the year in the path, what is wrong, and the words of which the answer must say one (none:
    /// any detail or field error will do, as for text that is not JSON at all).
    /// </summary>
    private sealed record Broken(string Defect, int PathYear, string Body, params string[] Names);

    /// <summary>A valid year file (a year not loaded, 1–20 listed days) with one defect.</summary>
    private static Broken Draw(Random random)
    {
        var year = random.Next(2030, 2100);
        var file = new JsonObject
        {
            ["year"] = year,
            ["papers"] = new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(p => JsonValue.Create($"https://www.gov.cn/zhengce/{year}-{p}.htm"))]),
            ["days"] = new JsonArray([.. Enumerable.Range(1, 365).OrderBy(_ => random.Next()).Take(random.Next(1, 21)).Order().Select(d => new JsonObject
            {
                ["name"] = Names[random.Next(Names.Length)],
                ["date"] = new DateOnly(year, 1, 1).AddDays(d - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["isOffDay"] = random.Next(2) == 0,
            })]),
        };
        var days = file["days"]!.AsArray();
        var at = random.Next(days.Count);
        var day = days[at]!.AsObject();
        T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];
        Broken Changed(string defect, params string[] names) => new(defect, year, file.ToJsonString(Written), names);
        string Date(int y, int m, int d) => $"{y:D4}-{m:D2}-{d:D2}";

        switch (random.Next(17))
        {
            case 0:
                var whole = file.ToJsonString(Written);
                return new("cut short", year, whole[..random.Next(1, whole.Length)]);
            case 1:
                return new("not JSON", year, Pick("", "year: 2030", "<calendar/>", "{'year': 2030}", "{\"year\": 2030,}", "\u0000", "{\"year\":" + new string('[', 5000)));
            case 2:
                file["year"] = Pick<JsonNode?>(JsonValue.Create(year.ToString(CultureInfo.InvariantCulture)), JsonValue.Create(true), null,
                    JsonValue.Create(year + 0.5), new JsonArray(year), new JsonObject());
                return Changed("year of the wrong type", "year");
            case 3:
                file.Remove("year");
                return Changed("year missing", "year");
            case 4:
                var outside = Pick(0, -1, 10000, 99999);
                file["year"] = outside;
                return new("year out of range", outside, file.ToJsonString(Written), "year");
            case 5:
                return new("year other than the path's", year + Pick(1, -1, 100), file.ToJsonString(Written), "year");
            case 6:
                if (random.Next(2) == 0)
                    file.Remove("days");
                else
                    file["days"] = Pick<JsonNode?>(new JsonObject(), JsonValue.Create("元旦"), null, JsonValue.Create(5), new JsonArray());
                return Changed("days missing, empty or of the wrong type", "days");
            case 7:
                days[at] = Pick<JsonNode?>(JsonValue.Create(5), JsonValue.Create("元旦"), new JsonArray(), null);
                return Changed("a day of the wrong type", $"days[{at}]");
            case 8:
                SetOrRemove(day, "name", Pick<JsonNode?>(JsonValue.Create(5), JsonValue.Create(""), JsonValue.Create("   "), null, new JsonArray("春节")), random);
                return Changed("a name missing, empty or of the wrong type", $"days[{at}].name");
            case 9:
                SetOrRemove(day, "date", Pick<JsonNode?>(JsonValue.Create(20300101), JsonValue.Create($"{year}/01/01"), JsonValue.Create($"{year}-1-1"),
                    JsonValue.Create(Date(year, 2, 30)), JsonValue.Create(Date(year, 13, 1)), JsonValue.Create(""), JsonValue.Create($"{year}-01-01T00:00:00"), null), random);
                return Changed("a date missing, malformed or impossible", $"days[{at}].date");
            case 10:
                day["date"] = Pick(Date(year + 2, 1, 1), Date(year - 2, 12, 31), "0001-01-01", "9999-12-31");
                return Changed("a date far from the file's year", $"days[{at}].date");
            case 11:
                if (days.Count < 2)
                    days.Add(day.DeepClone());
                else
                    days[Math.Max(at, 1)]!["date"] = days[random.Next(Math.Max(at, 1))]!["date"]!.DeepClone();
                return Changed("a date listed twice", "listed twice");
            case 12:
                SetOrRemove(day, "isOffDay", Pick<JsonNode?>(JsonValue.Create("true"), JsonValue.Create(1), null, JsonValue.Create("是")), random);
                return Changed("isOffDay missing or not a boolean", $"days[{at}].isOffDay");
            case 13:
                // JSON allows the escape of an unpaired surrogate; no text holds one (the writer would refuse it, so it is put in as text).
                var lone = Pick("name", "date", "paper");
                if (lone == "paper")
                    file["papers"] = new JsonArray("LONE");
                else
                    day[lone] = "LONE";
                return new("an unpaired surrogate", year, file.ToJsonString(Written).Replace("\"LONE\"", "\"\\ud800\"", StringComparison.Ordinal),
                    lone == "paper" ? "papers[0]" : $"days[{at}].{lone}");
            case 14:
                var size = Pick(101, 5000, 300_000); // 300,000 characters of 节 are 900 KB: under the body limit
                if (random.Next(2) == 0)
                {
                    day["name"] = new string('节', size);
                    return Changed("a name too long", $"days[{at}].name");
                }
                file["papers"] = random.Next(2) == 0 ? new JsonArray(new string('a', Math.Max(size, 2001))) : new JsonArray([.. Enumerable.Range(0, 21).Select(p => JsonValue.Create($"p{p}"))]);
                return Changed("papers too long or too many", "papers");
            case 15:
                // A body over Api:Limits:MaxBodyBytes (1 MiB): refused before it is read.
                day["name"] = new string('x', 1_100_000);
                return Changed("a body over the limit");
            default:
                var twice = Pick("year", "days", "name", "date");
                var text = file.ToJsonString(Written);
                var body = twice switch
                {
                    "year" => text.Replace("{\"year\":", $"{{\"year\":{year},\"year\":", StringComparison.Ordinal),
                    "days" => text.Replace("\"days\":", "\"days\":[],\"days\":", StringComparison.Ordinal),
                    _ => text.Replace($"\"{twice}\":", $"\"{twice}\":\"{(twice == "name" ? "元旦" : Date(year, 1, 1))}\",\"{twice}\":", StringComparison.Ordinal),
                };
                return new($"{twice} given twice", year, body, twice);
        }
    }

    private static void SetOrRemove(JsonObject day, string property, JsonNode? value, Random random)
    {
        if (random.Next(3) == 0)
            day.Remove(property);
        else
            day[property] = value;
    }
}

public sealed class SqliteCalendarUploadFuzzTests(SecurityWorld<SqliteTestDatabase> world, ITestOutputHelper output)
    : CalendarUploadFuzzTests<SqliteTestDatabase>(world, output);

public sealed class PostgresCalendarUploadFuzzTests(SecurityWorld<PostgresTestDatabase> world, ITestOutputHelper output)
    : CalendarUploadFuzzTests<PostgresTestDatabase>(world, output);
