using G2G.Engine.Time;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace G2G.Runtime.Calendar;

/// <summary>What loading the calendar folder did.</summary>
public sealed record CalendarFolderLoad(int Loaded, int Unchanged, int NotAnnounced, int Refused);

/// <summary>
/// Loads every <c>*.json</c> year file of the calendar folder at start. A file with an empty <c>days</c> list
/// means "not announced yet" and is skipped; a malformed one is logged and skipped, the others still load. A year
/// an administrator uploaded through the API is not replaced by a folder file (the upload is the newer word); the
/// log says so.
/// </summary>
public sealed partial class CalendarFolderLoader(CalendarService calendar, G2GDbContext db, ILogger<CalendarFolderLoader> logger)
{
    public async Task<CalendarFolderLoad> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
            return new CalendarFolderLoad(0, 0, 0, 0);
        int loaded = 0, unchanged = 0, notAnnounced = 0, refused = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            HolidayYear year;
            try
            {
                year = HolidayCalendarData.ParseYear(json);
            }
            catch (FormatException invalid) when (invalid.Message.Contains("has not been published", StringComparison.Ordinal))
            {
                notAnnounced++;
                LogNotAnnounced(name);
                continue;
            }
            catch (FormatException invalid)
            {
                refused++;
                LogRefused(name, invalid.Message);
                continue;
            }
            var source = await db.Set<CalendarYearRecord>().AsNoTracking().Where(y => y.Year == year.Year)
                .Select(y => y.Source).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (source == CalendarSources.Api)
            {
                unchanged++;
                LogUploadKept(name, year.Year);
                continue;
            }
            var result = await calendar.LoadYearAsync(json, CalendarSources.Folder, "system", cancellationToken).ConfigureAwait(false);
            if (result.Outcome == CalendarLoadOutcomes.Unchanged)
            {
                unchanged++;
                continue;
            }
            loaded++;
            LogLoaded(result.Year, name, result.DayCount, result.DeadlinesRecounted);
        }
        return new CalendarFolderLoad(loaded, unchanged, notAnnounced, refused);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar year {Year} loaded from {File}: {Days} days; {Recounted} provisional deadlines counted again.")]
    private partial void LogLoaded(int year, string file, int days, int recounted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar file {File} lists no days: that year's schedule is not announced yet, so it was not loaded.")]
    private partial void LogNotAnnounced(string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calendar file {File} was refused: {Reason}")]
    private partial void LogRefused(string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar file {File} was not loaded: year {Year} was uploaded by an administrator, whose upload is kept.")]
    private partial void LogUploadKept(string file, int year);
}
