using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Travel;

/// <summary>The standards' lookups the travel handlers share: a destination's class, a traveller's rank, a standard.</summary>
internal static class TravelRules
{
    /// <summary>一类城市 … 三类城市, as the approval form shows it.</summary>
    public static string ClassName(int cityClass) => cityClass switch { 1 => "一类城市", 2 => "二类城市", _ => "三类城市" };

    /// <summary>The class as messages name it, in the reader's language.</summary>
    public static RuntimeText ClassText(int cityClass) => cityClass switch
    {
        1 => OfficeMessages.TravelCityClass1(),
        2 => OfficeMessages.TravelCityClass2(),
        _ => OfficeMessages.TravelCityClass3(),
    };

    /// <summary>A listed city's class and whether it lies in the province; any other is 三类 and out of it.</summary>
    public static (int CityClass, bool InProvince) City(OfficeDbContext office, string name) =>
        office.Set<TravelCityRecord>().AsNoTracking().Where(c => c.Name == name)
            .Select(c => new { c.CityClass, c.InProvince }).FirstOrDefault() is { } city
            ? (city.CityClass, city.InProvince)
            : (3, false);

    /// <summary>厅局级 for whoever holds 主要领导 or 分管领导 anywhere, else 处级及以下.</summary>
    public static string Rank(G2GDbContext db, string user) =>
        db.Set<UserPositionRecord>().AsNoTracking().Any(p => p.UserId == user && (p.Name == "主要领导" || p.Name == "分管领导"))
            ? TravelRanks.Leader
            : TravelRanks.Staff;

    /// <summary>The standard of a class and rank; none configured refuses the line so administrators can add it.</summary>
    public static TravelStandardRecord Standard(OfficeDbContext office, int cityClass, string rank, string field) =>
        office.Set<TravelStandardRecord>().AsNoTracking().FirstOrDefault(s => s.CityClass == cityClass && s.Rank == rank)
        ?? throw new ServiceTaskRefusedException(OfficeMessages.TravelNoStandard(TravelRanks.Text(rank), ClassText(cityClass)), field);

    public static TravelRequestRecord RequestOf(OfficeDbContext office, long instanceId) =>
        office.Set<TravelRequestRecord>().FirstOrDefault(r => r.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no travel request; travel.submit runs first.");

    public static TravelClaimRecord ClaimOf(OfficeDbContext office, long instanceId) =>
        office.Set<TravelClaimRecord>().Include(c => c.Lines).FirstOrDefault(c => c.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no claim; reimbursement.claim runs first.");
}
