using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace G2G.Runtime.Persistence;

/// <summary>
/// SQLite has no date type and EF Core's default text form keeps the offset, so two instants with different
/// offsets sort wrongly and EF refuses to ORDER BY them. Storing a fixed-width UTC ISO 8601 string
/// (<c>2026-11-22T08:30:00.000000Z</c>) keeps lexical order equal to time order, stays readable in the sqlite3
/// shell and SQLite's date functions, and keeps the column TEXT, which is exactly what the provider-neutral
/// migration (<c>Column&lt;DateTimeOffset&gt;</c>) creates on SQLite. Long ticks would sort too, but would need
/// an INTEGER column and so a provider-specific migration. Six fractional digits match PostgreSQL's microsecond
/// precision, so a value reads back the same on both providers.
/// </summary>
internal sealed class UtcIsoStringConverter() : ValueConverter<DateTimeOffset, string>(
    value => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
    text => new DateTimeOffset(
        DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        TimeSpan.Zero))
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Shared: a converter compiles its expressions on first use.</summary>
    public static readonly UtcIsoStringConverter Instance = new();
}

/// <summary>
/// PostgreSQL stores <c>timestamp with time zone</c> as a UTC instant and Npgsql only writes offset-zero values;
/// normalising on the way in lets callers pass any offset on both providers and always read back UTC.
/// </summary>
internal sealed class UtcNormalizingConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    stored => stored)
{
    /// <summary>Shared: a converter compiles its expressions on first use.</summary>
    public static readonly UtcNormalizingConverter Instance = new();
}

/// <summary>Instants in SQL written by hand, stored as the model stores them (G2GDbContext.ConfigureConventions).</summary>
internal static class StoredInstants
{
    /// <summary>The provider's converter: SQLite the fixed-width UTC text, PostgreSQL a UTC timestamp.</summary>
    public static ValueConverter For(bool postgres) => postgres ? UtcNormalizingConverter.Instance : UtcIsoStringConverter.Instance;
}
