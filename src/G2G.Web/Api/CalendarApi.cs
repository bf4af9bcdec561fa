using System.Globalization;
using System.Text.Json;
using G2G.Runtime.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/calendar: the installation's working-day calendar. Anyone signed in reads the years and the warnings;
/// administrators load years (holiday-cn files) and set agencies' own working days and closures.
/// </summary>
internal static class CalendarApi
{
    public static void MapCalendarApi(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/calendar").WithTags("Calendar");
        calendar.MapGet("/years", ListYearsAsync)
            .WithSummary("The years of official holidays the installation knows: built-in, uploaded or from the calendar folder.");
        calendar.MapPut("/years/{year:int}", LoadYearAsync)
            .WithSummary("Loads or replaces one year from a holiday-cn file; provisional deadlines are counted again.");
        calendar.MapGet("/warnings", ListWarningsAsync)
            .WithSummary("Years that should be loaded: this year, and from 1 November next year, with the provisional deadlines.");
        calendar.MapGet("/overrides", ListOverridesAsync).WithSummary("Agencies' own working days and closures, by agency and date.");
        calendar.MapPut("/overrides/{agencyId}/{date}", SetOverrideAsync)
            .WithSummary("Sets an agency's own working day (isWorkingDay true) or closure (false) on a date (yyyy-MM-dd).");
        calendar.MapDelete("/overrides/{agencyId}/{date}", RemoveOverrideAsync)
            .WithSummary("Removes an agency's override; the date follows the official schedule again.");
    }

    private static async Task<Ok<IReadOnlyList<CalendarYearView>>> ListYearsAsync(CalendarService calendar, CancellationToken ct) =>
        TypedResults.Ok(await calendar.YearsAsync(ct));

    private static async Task<Results<Ok<CalendarYearLoaded>, ValidationProblem>> LoadYearAsync(
        int year, JsonElement body, CalendarService calendar, HttpContext http, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return Invalid("body", "The body must be a holiday-cn year file: a JSON object with year, papers and days.");
        if (!body.TryGetProperty("year", out var named) || !named.TryGetInt32(out var fileYear) || fileYear != year)
            return Invalid("year", $"The file's 'year' must be {year.ToString(CultureInfo.InvariantCulture)}, the year in the address.");
        return TypedResults.Ok(await calendar.LoadYearAsync(body.GetRawText(), CalendarSources.Api, http.User.Actor(), ct));
    }

    private static async Task<Ok<IReadOnlyList<CalendarWarning>>> ListWarningsAsync(CalendarWarnings warnings, CancellationToken ct) =>
        TypedResults.Ok(await warnings.ListAsync(ct));

    private static async Task<Ok<IReadOnlyList<CalendarOverrideView>>> ListOverridesAsync(
        string? agencyId, CalendarService calendar, CancellationToken ct) =>
        TypedResults.Ok(await calendar.OverridesAsync(agencyId, ct));

    private static async Task<Results<Ok<CalendarOverrideView>, ValidationProblem>> SetOverrideAsync(
        string agencyId, string date, CalendarOverrideRequest body, CalendarService calendar, HttpContext http, CancellationToken ct)
    {
        if (ParseDate(date) is not { } day)
            return Invalid("date", $"'{date}' is not a date written yyyy-MM-dd.");
        if (body.IsWorkingDay is not { } working)
            return Invalid("isWorkingDay", "'isWorkingDay' is required: true for an extra working day, false for a closure.");
        return TypedResults.Ok(await calendar.SetOverrideAsync(agencyId, day, working, body.Reason, http.User.Actor(), ct));
    }

    private static async Task<Results<NoContent, ValidationProblem>> RemoveOverrideAsync(
        string agencyId, string date, CalendarService calendar, HttpContext http, CancellationToken ct)
    {
        if (ParseDate(date) is not { } day)
            return Invalid("date", $"'{date}' is not a date written yyyy-MM-dd.");
        await calendar.RemoveOverrideAsync(agencyId, day, http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "The request has invalid fields.", type: "https://g2g.dev/problems/validation",
            extensions: new Dictionary<string, object?> { ["code"] = "validation" });
}

/// <summary>Body of PUT /calendar/overrides/{agencyId}/{date}.</summary>
internal sealed record CalendarOverrideRequest(bool? IsWorkingDay, string? Reason);
