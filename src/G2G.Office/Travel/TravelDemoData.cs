using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Travel;

/// <summary>
/// The demo's 差旅 standards, modelled on 中央和国家机关差旅费管理办法 (财行〔2013〕531号) and its accommodation table
/// (财行〔2016〕71号): three city classes, two ranks, accommodation a night, 伙食补助 100 + 市内交通 80 yuan a day, and
/// the seats a rank may take. Plausible figures for trying the product, not any province's actual table.
/// </summary>
public static class TravelDemoData
{
    private static readonly (string Name, int CityClass, bool InProvince)[] Cities =
    [
        ("北京", 1, false), ("上海", 1, false), ("广州", 1, false), ("深圳", 1, false),
        ("天津", 2, false), ("重庆", 2, false), ("南京", 2, false), ("杭州", 2, false), ("武汉", 2, false),
        ("成都", 2, false), ("西安", 2, false), ("厦门", 2, false),
        ("东城市", 3, true), ("西山市", 3, true), ("安平县", 3, true), ("临野县", 3, true),
    ];

    /// <summary>Yuan: accommodation a night and allowance a day, and the highest seat, per class and rank.</summary>
    private static readonly (int CityClass, string Rank, long Accommodation, long Allowance, int MaxSeat)[] Standards =
    [
        (1, TravelRanks.Leader, 650, 180, TravelSeats.First), (1, TravelRanks.Staff, 500, 180, TravelSeats.Standard),
        (2, TravelRanks.Leader, 480, 180, TravelSeats.First), (2, TravelRanks.Staff, 380, 180, TravelSeats.Standard),
        (3, TravelRanks.Leader, 420, 180, TravelSeats.First), (3, TravelRanks.Staff, 330, 180, TravelSeats.Standard),
    ];

    /// <summary>Adds the destinations and standards; does nothing when any standard exists already.</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(office);
        if (await office.Set<TravelStandardRecord>().AnyAsync(cancellationToken).ConfigureAwait(false))
            return 0;
        var at = now.ToUniversalTime();
        foreach (var (name, cityClass, inProvince) in Cities)
        {
            if (!await office.Set<TravelCityRecord>().AnyAsync(c => c.Name == name, cancellationToken).ConfigureAwait(false))
                office.Add(new TravelCityRecord { Name = name, CityClass = cityClass, InProvince = inProvince, ChangedAt = at });
        }
        foreach (var (cityClass, rank, accommodation, allowance, seat) in Standards)
        {
            office.Add(new TravelStandardRecord
            {
                CityClass = cityClass, Rank = rank, AccommodationFen = accommodation * 100, AllowanceFen = allowance * 100,
                MaxSeat = seat, ChangedAt = at,
            });
        }
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Cities.Length + Standards.Length;
    }
}
