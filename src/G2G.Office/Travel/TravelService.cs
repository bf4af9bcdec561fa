using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Travel;

/// <summary>A destination as the API shows it.</summary>
public sealed record TravelCityView(string Name, int CityClass, bool InProvince);

/// <summary>A standard as the API shows it; amounts in fen.</summary>
public sealed record TravelStandardView(int CityClass, string Rank, long AccommodationFen, long AllowanceFen, int MaxSeat);

/// <summary>A travel request as the API shows it; the estimate in fen.</summary>
public sealed record TravelRequestView(long InstanceId, string Requester, string Destination, int CityClass, bool InProvince,
    DateOnly StartsOn, DateOnly EndsOn, string Purpose, IReadOnlyList<string> Travellers, long EstimatedFen, string BudgetLine,
    string State);

/// <summary>
/// 差旅 data: everyone signed in reads the destinations and standards; administrators set and delete them (audited on
/// the organisation chain). People read their own travel requests (administrators anyone's) and give back the hold of
/// an approved trip that will not take place.
/// </summary>
public sealed class TravelService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public async Task<IReadOnlyList<TravelCityView>> CitiesAsync(CancellationToken ct) =>
        [.. (await office.Set<TravelCityRecord>().AsNoTracking().OrderBy(c => c.CityClass).ThenBy(c => c.Name)
            .ToListAsync(ct).ConfigureAwait(false)).Select(c => new TravelCityView(c.Name, c.CityClass, c.InProvince))];

    /// <summary>Adds a destination or changes its class.</summary>
    public async Task<TravelCityView> SaveCityAsync(string name, int cityClass, bool inProvince, string actor, CancellationToken ct)
    {
        AccessRefusals.RequireAdministrator(callers, "change travel destinations");
        name = name.Trim();
        if (name.Length is 0 or > 50)
            throw RuntimeException.ForField("name", OfficeMessages.TravelCityNameLength());
        CheckClass(cityClass);
        var city = await office.Set<TravelCityRecord>().FirstOrDefaultAsync(c => c.Name == name, ct).ConfigureAwait(false)
            ?? office.Add(new TravelCityRecord { Name = name }).Entity;
        (city.CityClass, city.InProvince, city.ChangedAt) = (cityClass, inProvince, Now);
        await office.SaveChangesAsync(ct).ConfigureAwait(false);
        await AuditAsync(actor, "travel.city-saved", name, $"{TravelRules.ClassName(cityClass)}{(inProvince ? " 省内" : " 省外")}", ct)
            .ConfigureAwait(false);
        return new TravelCityView(city.Name, city.CityClass, city.InProvince);
    }

    /// <summary>Deletes a destination; trips to it count as 三类 and out of the province from then on.</summary>
    public async Task DeleteCityAsync(string name, string actor, CancellationToken ct)
    {
        AccessRefusals.RequireAdministrator(callers, "change travel destinations");
        var deleted = await office.Set<TravelCityRecord>().Where(c => c.Name == name).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        if (deleted == 0)
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.TravelCityNotListed(name));
        await AuditAsync(actor, "travel.city-deleted", name, null, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TravelStandardView>> StandardsAsync(CancellationToken ct) =>
        [.. (await office.Set<TravelStandardRecord>().AsNoTracking().OrderBy(s => s.CityClass).ThenBy(s => s.Rank)
            .ToListAsync(ct).ConfigureAwait(false)).Select(View)];

    /// <summary>Sets the standard of a city class and rank (claims already submitted keep what was checked).</summary>
    public async Task<TravelStandardView> SaveStandardAsync(int cityClass, string rank, long accommodationFen, long allowanceFen,
        int maxSeat, string actor, CancellationToken ct)
    {
        AccessRefusals.RequireAdministrator(callers, "change travel standards");
        CheckClass(cityClass);
        if (!TravelRanks.All.Contains(rank))
            throw RuntimeException.ForField("rank", OfficeMessages.TravelRankUnknown(string.Join(", ", TravelRanks.All)));
        if (accommodationFen is < 0 or > 10_000_000)
            throw RuntimeException.ForField("accommodationFen", OfficeMessages.TravelAccommodationRange());
        if (allowanceFen is < 0 or > 10_000_000)
            throw RuntimeException.ForField("allowanceFen", OfficeMessages.TravelAllowanceRange());
        if (maxSeat is < TravelSeats.Standard or > TravelSeats.Premium)
            throw RuntimeException.ForField("maxSeat", OfficeMessages.TravelSeatRange());
        var standard = await office.Set<TravelStandardRecord>().FirstOrDefaultAsync(s => s.CityClass == cityClass && s.Rank == rank, ct)
                .ConfigureAwait(false)
            ?? office.Add(new TravelStandardRecord { CityClass = cityClass, Rank = rank }).Entity;
        (standard.AccommodationFen, standard.AllowanceFen, standard.MaxSeat, standard.ChangedAt) = (accommodationFen, allowanceFen, maxSeat, Now);
        await office.SaveChangesAsync(ct).ConfigureAwait(false);
        await AuditAsync(actor, "travel.standard-saved", $"{cityClass}/{rank}",
            $"{TravelRules.ClassName(cityClass)} {rank}: 住宿 {BudgetLedger.Yuan(accommodationFen)} 元/晚, "
            + $"补助 {BudgetLedger.Yuan(allowanceFen)} 元/天, seat ≤ {maxSeat}", ct).ConfigureAwait(false);
        return View(standard);
    }

    /// <summary>The caller's own requests, newest first; administrators name anyone (or everyone, null).</summary>
    public async Task<IReadOnlyList<TravelRequestView>> RequestsAsync(string? requester, string? state, CancellationToken ct)
    {
        var who = Requester(requester);
        var rows = await office.Set<TravelRequestRecord>().AsNoTracking()
            .Where(r => (who == null || r.Requester == who) && (state == null || r.State == state))
            .OrderByDescending(r => r.InstanceId).Take(200).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(View)];
    }

    /// <summary>
    /// 取消出差: an approved trip that will not take place gives its hold back to the budget line. The requester or an
    /// administrator; refused while a reimbursement of it is under way, or once it is reimbursed.
    /// </summary>
    public async Task<TravelRequestView> CancelTripAsync(long instanceId, string actor, CancellationToken ct)
    {
        var request = await office.Set<TravelRequestRecord>().FirstOrDefaultAsync(r => r.InstanceId == instanceId, ct).ConfigureAwait(false);
        if (request is null || (callers.Current is { IsAdministrator: false } caller && caller.UserId != request.Requester))
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.TravelRequestNotFound(instanceId));
        if (request.State != TravelStates.Approved)
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.TravelTripNotApproved(instanceId, TravelStates.Text(request.State)));
        if (await office.Set<TravelClaimRecord>().AnyAsync(c => c.RequestInstanceId == instanceId && c.State == ClaimStates.Claimed, ct)
                .ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.TravelClaimUnderWay(instanceId));
        await using var transaction = await office.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Conditional, like the handlers' updates: of two cancellations at once only one gives the hold back.
        var now = Now;
        if (await office.Set<TravelRequestRecord>().Where(r => r.Id == request.Id && r.State == TravelStates.Approved)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, TravelStates.Cancelled).SetProperty(r => r.ChangedAt, now), ct)
                .ConfigureAwait(false) == 0)
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.TravelTripNotApproved(instanceId, TravelStates.Text(TravelStates.Cancelled)));
        BudgetLedger.Release(office, instanceId, now);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        await office.Entry(request).ReloadAsync(ct).ConfigureAwait(false);
        await AuditAsync(actor, "travel.trip-cancelled", instanceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{request.Requester} {request.Destination} {BudgetLedger.Yuan(request.EstimatedFen)} 元", ct).ConfigureAwait(false);
        return View(request);
    }

    private string? Requester(string? asked) => callers.Current switch
    {
        null or { IsAdministrator: true } => asked,
        { } caller when asked is null || asked == caller.UserId => caller.UserId,
        _ => throw new RuntimeException(RuntimeErrorCode.NotAllowed, OfficeMessages.TravelOwnRequestsOnly()),
    };

    private async Task AuditAsync(string actor, string action, string outcome, string? comment, CancellationToken ct)
    {
        AuditLog.Append(db, AuditLog.OrganisationChain, new AuditEntry(actor, action, Outcome: outcome, Comment: comment), Now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static void CheckClass(int cityClass)
    {
        if (cityClass is < 1 or > 3)
            throw RuntimeException.ForField("cityClass", OfficeMessages.TravelCityClassRange());
    }

    /// <summary>UTC: PostgreSQL stores only offset 0 (a test clock may carry +08:00).</summary>
    private DateTimeOffset Now => clock.GetUtcNow().ToUniversalTime();

    private static TravelStandardView View(TravelStandardRecord s) =>
        new(s.CityClass, s.Rank, s.AccommodationFen, s.AllowanceFen, s.MaxSeat);

    private static TravelRequestView View(TravelRequestRecord r) => new(r.InstanceId, r.Requester, r.Destination, r.CityClass,
        r.InProvince, r.StartsOn, r.EndsOn, r.Purpose, r.TravellerIds, r.EstimatedFen, r.BudgetLine, r.State);
}
