using System.Collections.Concurrent;
using G2G.Engine.Time;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Calendar;

/// <summary>
/// The working calendars of the installation on this node: the engine's built-in schedules, then the years loaded
/// into the database (a loaded year replaces a built-in one), then each agency's overrides. Calendars are
/// provisional: a year without a schedule is answered by the weekend rule and never refuses a command; the task
/// records that its deadline may move (<see cref="TaskRecord.DueProvisional"/>). Read from the database at most once
/// per <see cref="CalendarOptions.RefreshInterval"/>; a command asks no query of its own.
/// </summary>
public sealed class CalendarProvider(TimeProvider clock, IOptions<CalendarOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The calendar of an agency (the installation's when <paramref name="agencyId"/> is null).</summary>
    public async ValueTask<WorkingCalendar> ForAgencyAsync(G2GDbContext db, string? agencyId, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(db, cancellationToken).ConfigureAwait(false);
        return snapshot.ForAgency(agencyId);
    }

    /// <summary>The official schedules in force on this node (built-in and loaded).</summary>
    public async ValueTask<HolidayCalendarData> DataAsync(G2GDbContext db, CancellationToken cancellationToken) =>
        (await CurrentAsync(db, cancellationToken).ConfigureAwait(false)).Data;

    /// <summary>Drops what this node read; called after a change to the calendar has committed.</summary>
    public void Forget() => _snapshot = null;

    public void Dispose() => _refreshing.Dispose();

    private async ValueTask<Snapshot> CurrentAsync(G2GDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Until > clock.GetUtcNow())
            return snapshot;
        // One reader refreshes; the others keep answering from the old snapshot meanwhile, if there is one.
        if (snapshot is not null && !await _refreshing.WaitAsync(0, cancellationToken).ConfigureAwait(false))
            return snapshot;
        if (snapshot is null)
            await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } fresh && fresh.Until > clock.GetUtcNow())
                return fresh;
            var read = await ReadAsync(db, _snapshot, cancellationToken).ConfigureAwait(false);
            _snapshot = read;
            return read;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(G2GDbContext db, Snapshot? previous, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + options.Value.RefreshInterval;
        var hashes = await db.Set<CalendarYearRecord>().AsNoTracking().OrderBy(y => y.Year)
            .Select(y => y.Year + ":" + y.ContentHash).ToListAsync(cancellationToken).ConfigureAwait(false);
        var key = string.Join(',', hashes);
        var data = previous?.YearsKey == key ? previous.Data : await LoadDataAsync(db, cancellationToken).ConfigureAwait(false);
        var overrides = await db.Set<CalendarOverrideRecord>().AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new { o.AgencyId, o.Date, o.IsWorkingDay, o.Reason }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byAgency = overrides.ToLookup(o => o.AgencyId, o => new DayOverride(o.Date, o.IsWorkingDay, o.Reason), StringComparer.Ordinal);
        return new Snapshot(key, data, byAgency, until);
    }

    private static async Task<HolidayCalendarData> LoadDataAsync(G2GDbContext db, CancellationToken cancellationToken)
    {
        var files = await db.Set<CalendarYearRecord>().AsNoTracking().OrderBy(y => y.Year).Select(y => y.Content)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var years = new List<HolidayYear>();
        foreach (var file in files)
        {
            // Checked when it was loaded; a row edited by hand into nonsense counts as missing (provisional, reported).
            try
            {
                years.Add(HolidayCalendarData.ParseYear(file));
            }
            catch (FormatException)
            {
            }
        }

        return HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.FromYears(years));
    }

    private sealed class Snapshot(string yearsKey, HolidayCalendarData data, ILookup<string, DayOverride> overrides, DateTimeOffset until)
    {
        private readonly WorkingCalendar _installation = new WorkingCalendar(data).WithProvisionalYears();
        private readonly ConcurrentDictionary<string, WorkingCalendar> _agencies = new(StringComparer.Ordinal);

        public string YearsKey { get; } = yearsKey;
        public HolidayCalendarData Data { get; } = data;
        public DateTimeOffset Until { get; } = until;

        public WorkingCalendar ForAgency(string? agencyId) =>
            agencyId is null || !overrides.Contains(agencyId)
                ? _installation
                : _agencies.GetOrAdd(agencyId, id => _installation.WithOverrides(overrides[id]));
    }
}
