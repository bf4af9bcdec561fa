using System.Collections.Immutable;
using System.Reflection;

namespace G2G.Engine.Time;

/// <summary>
/// The official holiday schedules of several years (immutable). Built-in years come from embedded
/// files (<see cref="LoadEmbedded"/>); administrators add later years with <see cref="Parse"/> and
/// <see cref="Merge"/>. A year that is absent is unknown, never assumed to be weekends only.
/// </summary>
public sealed partial class HolidayCalendarData
{
    private const string ResourcePrefix = "G2G.Engine.Time.Data.cn-";
    private static readonly Lazy<HolidayCalendarData> Embedded = new(ReadEmbedded);
    private readonly ImmutableSortedDictionary<int, HolidayYear> _years;

    private HolidayCalendarData(ImmutableSortedDictionary<int, HolidayYear> years) => _years = years;

    /// <summary>No years at all: every date is missing.</summary>
    public static HolidayCalendarData Empty { get; } = new(ImmutableSortedDictionary<int, HolidayYear>.Empty);

    /// <summary>The years with data, ascending.</summary>
    public IReadOnlyList<int> KnownYears => [.. _years.Keys];

    /// <summary>The schedules, in year order.</summary>
    public IEnumerable<HolidayYear> Years => _years.Values;

    /// <summary>True when <paramref name="year"/> is fully defined.</summary>
    public bool HasYear(int year) => _years.ContainsKey(year);

    /// <summary>The schedule of <paramref name="year"/>, or null when it is unknown.</summary>
    public HolidayYear? GetYear(int year) => _years.GetValueOrDefault(year);

    /// <summary>Data made of the given years; a later duplicate of a year replaces an earlier one.</summary>
    public static HolidayCalendarData FromYears(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        return Empty.With(years);
    }

    /// <summary>
    /// This data plus <paramref name="other"/>'s years. A year present in both is taken from
    /// <paramref name="other"/>, so loading a corrected file replaces the old schedule.
    /// </summary>
    public HolidayCalendarData Merge(HolidayCalendarData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return With(other.Years);
    }

    /// <summary>The official Chinese schedules built into the engine (see Time/Data/README.md), loaded once.</summary>
    public static HolidayCalendarData LoadEmbedded() => Embedded.Value;

    private HolidayCalendarData With(IEnumerable<HolidayYear> years)
    {
        var builder = _years.ToBuilder();
        foreach (var year in years)
        {
            ArgumentNullException.ThrowIfNull(year, nameof(years));
            builder[year.Year] = year;
        }

        return new HolidayCalendarData(builder.ToImmutable());
    }

    private static HolidayCalendarData ReadEmbedded()
    {
        var assembly = typeof(HolidayCalendarData).Assembly;
        var years = new List<HolidayYear>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} disappeared.");
            using var reader = new StreamReader(stream);
            years.Add(ParseYear(reader.ReadToEnd(), name));
        }

        return FromYears(years);
    }
}
