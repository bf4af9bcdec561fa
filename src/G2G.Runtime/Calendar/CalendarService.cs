using System.Globalization;
using System.Text.Json;
using G2G.Engine.Time;
using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Calendar;

/// <summary>A year of the installation's calendar as administrators see it.</summary>
public sealed record CalendarYearView(
    int Year, string Source, int DayCount, IReadOnlyList<string> Papers, DateTimeOffset? LoadedAt, string? LoadedBy);

/// <summary>What loading a year did, and how many provisional deadlines were counted again.</summary>
public sealed record CalendarYearLoaded(int Year, string Outcome, int DayCount, int DeadlinesRecounted);

/// <summary>An agency's own working day or closure.</summary>
public sealed record CalendarOverrideView(string AgencyId, DateOnly Date, bool IsWorkingDay, string? Reason,
    DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>Outcomes of <see cref="CalendarService.LoadYearAsync"/>.</summary>
public static class CalendarLoadOutcomes
{
    public const string Created = "created", Replaced = "replaced", Unchanged = "unchanged";
}

/// <summary>
/// The installation's working-day calendar: years of official holidays loaded after the release, agencies'
/// overrides, each change audited on the <c>calendar</c> chain. Loading a year counts the provisional deadlines
/// again (<see cref="ProvisionalDeadlines"/>).
/// </summary>
public sealed class CalendarService(
    G2GDbContext db, CalendarProvider calendars, ProvisionalDeadlines deadlines, CallerContext callers, TimeProvider clock)
{
    /// <summary>Every year the installation knows, built-in and loaded, ascending.</summary>
    public async Task<IReadOnlyList<CalendarYearView>> YearsAsync(CancellationToken cancellationToken)
    {
        var loaded = await db.Set<CalendarYearRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var views = loaded.Select(View).ToList();
        views.AddRange(HolidayCalendarData.LoadEmbedded().Years.Where(y => loaded.All(r => r.Year != y.Year))
            .Select(y => new CalendarYearView(y.Year, CalendarSources.BuiltIn, y.Days.Count, y.Papers, null, null)));
        return [.. views.OrderBy(v => v.Year)];
    }

    /// <summary>
    /// The holidays and make-up working days (调休) of one year as deadlines count them now — the loaded year, else the
    /// built-in one — in date order; empty for a year the installation does not know.
    /// </summary>
    public async Task<IReadOnlyList<HolidayDay>> DaysAsync(int year, CancellationToken cancellationToken = default)
    {
        var data = await calendars.DataAsync(db, cancellationToken).ConfigureAwait(false);
        return [.. data.GetYear(year)?.Days.Where(d => d.Date.Year == year) ?? []];
    }

    /// <summary>
    /// Loads (or replaces) one year from a file in the holiday-cn format, then counts again every provisional
    /// deadline. A malformed file, or one whose <c>days</c> list is empty (not announced yet), changes nothing.
    /// </summary>
    public async Task<CalendarYearLoaded> LoadYearAsync(string json, string source, string actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "load calendar years");
        HolidayYear year;
        try
        {
            year = HolidayCalendarData.ParseYear(json);
        }
        catch (FormatException invalid)
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.CalendarYearRefused(invalid.Message));
        }
        var hash = DeploymentService.Hash(json);
        var existing = await db.Set<CalendarYearRecord>().FirstOrDefaultAsync(y => y.Year == year.Year, cancellationToken).ConfigureAwait(false);
        if (existing?.ContentHash == hash)
            return new CalendarYearLoaded(year.Year, CalendarLoadOutcomes.Unchanged, year.Days.Count, 0);
        var now = clock.GetUtcNow();
        var record = existing ?? db.Add(new CalendarYearRecord
        {
            Year = year.Year, Content = json, ContentHash = hash, Source = source, LoadedBy = actor,
        }).Entity;
        (record.Content, record.ContentHash, record.DayCount, record.Source) = (json, hash, year.Days.Count, source);
        (record.LoadedAt, record.LoadedBy) = (now, actor);
        var outcome = existing is null ? CalendarLoadOutcomes.Created : CalendarLoadOutcomes.Replaced;
        AuditLog.Append(db, AuditLog.CalendarChain, new AuditEntry(actor, "calendar.year-loaded",
            Outcome: outcome, Comment: Year(year.Year), Data: JsonSerializer.Serialize(new { year.Year, days = year.Days.Count, year.Papers, source, hash })), now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        calendars.Forget();
        var recounted = await deadlines.RecountAsync(cancellationToken).ConfigureAwait(false);
        return new CalendarYearLoaded(year.Year, outcome, year.Days.Count, recounted);
    }

    /// <summary>The overrides of one agency, or of every agency when <paramref name="agencyId"/> is null, by date.</summary>
    public async Task<IReadOnlyList<CalendarOverrideView>> OverridesAsync(string? agencyId, CancellationToken cancellationToken) =>
        await db.Set<CalendarOverrideRecord>().AsNoTracking()
            .Where(o => agencyId == null || o.AgencyId == agencyId)
            .OrderBy(o => o.AgencyId).ThenBy(o => o.Date)
            .Select(o => new CalendarOverrideView(o.AgencyId, o.Date, o.IsWorkingDay, o.Reason, o.CreatedAt, o.CreatedBy))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Sets an agency's own working day or closure on a date (replacing one set before for that date).</summary>
    public async Task<CalendarOverrideView> SetOverrideAsync(
        string agencyId, DateOnly date, bool isWorkingDay, string? reason, string actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "change the calendar");
        if (!await db.Set<AgencyRecord>().AnyAsync(a => a.Id == agencyId, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(agencyId));
        if (reason is { Length: > 400 })
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.ReasonTooLong(400));
        var now = clock.GetUtcNow();
        var record = await db.Set<CalendarOverrideRecord>()
            .FirstOrDefaultAsync(o => o.AgencyId == agencyId && o.Date == date, cancellationToken).ConfigureAwait(false)
            ?? db.Add(new CalendarOverrideRecord { AgencyId = agencyId, Date = date, CreatedBy = actor }).Entity;
        (record.IsWorkingDay, record.Reason, record.CreatedAt, record.CreatedBy) = (isWorkingDay, reason, now, actor);
        AuditOverride(actor, "calendar.override-set", agencyId, date, isWorkingDay ? "working-day" : "day-off", reason, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        calendars.Forget();
        return new CalendarOverrideView(agencyId, date, isWorkingDay, reason, now, actor);
    }

    /// <summary>Removes an agency's override of a date; the date follows the official schedule again.</summary>
    public async Task RemoveOverrideAsync(string agencyId, DateOnly date, string actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "change the calendar");
        var record = await db.Set<CalendarOverrideRecord>()
            .FirstOrDefaultAsync(o => o.AgencyId == agencyId && o.Date == date, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NoCalendarOverride(agencyId, date));
        db.Remove(record);
        AuditOverride(actor, "calendar.override-removed", agencyId, date, null, record.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        calendars.Forget();
    }

    private void AuditOverride(string actor, string action, string agencyId, DateOnly date, string? outcome, string? reason, DateTimeOffset at) =>
        AuditLog.Append(db, AuditLog.CalendarChain, new AuditEntry(actor, action, Outcome: outcome, Comment: reason,
            Data: JsonSerializer.Serialize(new { agencyId, date = Date(date) })), at);

    private static CalendarYearView View(CalendarYearRecord record)
    {
        IReadOnlyList<string> papers;
        try
        {
            papers = HolidayCalendarData.ParseYear(record.Content).Papers;
        }
        catch (FormatException)
        {
            papers = []; // edited by hand into nonsense: the calendar treats the year as missing and says so
        }

        return new(record.Year, record.Source, record.DayCount, papers, record.LoadedAt, record.LoadedBy);
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
