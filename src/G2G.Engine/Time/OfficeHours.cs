using System.Globalization;

namespace G2G.Engine.Time;

/// <summary>One office period of a working day, local time, <see cref="Start"/> inclusive to <see cref="End"/>.</summary>
public readonly record struct OfficePeriod(TimeOnly Start, TimeOnly End)
{
    /// <summary>The period's length.</summary>
    public TimeSpan Length => End - Start;

    /// <summary>Formats as <c>08:30-12:00</c>.</summary>
    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The office periods of every working day, in local time of the calendar's offset (immutable).
/// <see cref="Default"/> is 08:30–12:00 and 14:00–17:30 (7 hours), the standard schedule many
/// provincial government offices publish (summer timetables with a longer lunch break differ); agencies configure their own.
/// </summary>
public sealed class OfficeHours
{
    /// <summary>Creates office hours from periods that must be non-empty, in order and not overlapping.</summary>
    /// <exception cref="ArgumentException">No periods, an empty period, or periods out of order or overlapping.</exception>
    public OfficeHours(IEnumerable<OfficePeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        OfficePeriod[] list = [.. periods];
        if (list.Length == 0) throw new ArgumentException("Office hours need at least one period.", nameof(periods));
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].End <= list[i].Start)
                throw new ArgumentException($"Office period {list[i]} ends before it starts.", nameof(periods));
            if (i > 0 && list[i].Start < list[i - 1].End)
                throw new ArgumentException($"Office period {list[i]} overlaps or precedes {list[i - 1]}.", nameof(periods));
        }

        PeriodArray = list;
        DailyTotal = TimeSpan.FromTicks(list.Sum(p => p.Length.Ticks));
    }

    /// <summary>08:30–12:00 and 14:00–17:30.</summary>
    public static OfficeHours Default { get; } = new([
        new OfficePeriod(new TimeOnly(8, 30), new TimeOnly(12, 0)),
        new OfficePeriod(new TimeOnly(14, 0), new TimeOnly(17, 30)),
    ]);

    /// <summary>The periods, in order.</summary>
    public IReadOnlyList<OfficePeriod> Periods => PeriodArray;

    /// <summary>The periods as an array, for allocation-free loops.</summary>
    internal OfficePeriod[] PeriodArray { get; }

    /// <summary>Office time of one working day.</summary>
    public TimeSpan DailyTotal { get; }

    /// <summary>Parses <c>08:30-12:00, 14:00-17:30</c> (24-hour HH:mm, periods separated by commas).</summary>
    /// <exception cref="FormatException">A period is not written HH:mm-HH:mm.</exception>
    /// <exception cref="ArgumentException">The periods are empty, out of order or overlapping.</exception>
    public static OfficeHours Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var periods = new List<OfficePeriod>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !TimeOnly.TryParseExact(bounds[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(bounds[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                throw new FormatException($"Office period \"{part}\" is not written HH:mm-HH:mm (e.g. 08:30-12:00).");
            }

            periods.Add(new OfficePeriod(start, end));
        }

        return new OfficeHours(periods);
    }

    /// <summary>Formats as <c>08:30-12:00, 14:00-17:30</c>; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => string.Join(", ", Periods);
}
