using System.Globalization;
using System.Text.Json;
using G2G.Runtime.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

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
        calendar.MapPut("/years/{year:int}", LoadYearAsync).Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Loads or replaces one year from a holiday-cn file; provisional deadlines are counted again.");
        calendar.MapGet("/warnings", ListWarningsAsync)
            .WithSummary("Years that should be loaded: this year, and from 1 November next year, with the provisional deadlines.");
        calendar.MapGet("/overrides", ListOverridesAsync).WithSummary("Agencies' own working days and closures, by agency and date.");
        calendar.MapPut("/overrides/{agencyId}/{date}", SetOverrideAsync).Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Sets an agency's own working day (isWorkingDay true) or closure (false) on a date (yyyy-MM-dd).");
        calendar.MapDelete("/overrides/{agencyId}/{date}", RemoveOverrideAsync).Refuses(Status403Forbidden)
            .WithSummary("Removes an agency's override; the date follows the official schedule again.");
    }

    private static async Task<Ok<IReadOnlyList<CalendarYearView>>> ListYearsAsync(CalendarService calendar, CancellationToken ct) =>
        TypedResults.Ok(await calendar.YearsAsync(ct));

    private static async Task<Results<Ok<CalendarYearLoaded>, ValidationProblem>> LoadYearAsync(
        int year, JsonElement body, CalendarService calendar, HttpContext http, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return ApiResults.Invalid("body", ApiText.Get("CalendarBody"));
        if (!body.TryGetProperty("year", out var named) || named.ValueKind != JsonValueKind.Number || !named.TryGetInt32(out var fileYear) || fileYear != year)
            return ApiResults.Invalid("year", ApiText.Get("CalendarYear", year.ToString(CultureInfo.InvariantCulture)));
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
            return ApiResults.Invalid("date", ApiText.Get("NotADate", date));
        if (body.IsWorkingDay is not { } working)
            return ApiResults.Invalid("isWorkingDay", ApiText.Get("IsWorkingDayRequired"));
        return TypedResults.Ok(await calendar.SetOverrideAsync(agencyId, day, working, body.Reason, http.User.Actor(), ct));
    }

    private static async Task<Results<NoContent, ValidationProblem>> RemoveOverrideAsync(
        string agencyId, string date, CalendarService calendar, HttpContext http, CancellationToken ct)
    {
        if (ParseDate(date) is not { } day)
            return ApiResults.Invalid("date", ApiText.Get("NotADate", date));
        await calendar.RemoveOverrideAsync(agencyId, day, http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>Body of PUT /calendar/overrides/{agencyId}/{date}.</summary>
internal sealed record CalendarOverrideRequest(bool? IsWorkingDay, string? Reason);
