using G2G.Runtime;

namespace G2G.Office;

// 出差申请, 差旅报销: the messages of Travel/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText TravelEndsBeforeStart() => Catalog.Text(nameof(TravelEndsBeforeStart));
    public static RuntimeText TravelTooLong(int maxDays) => Catalog.Text(nameof(TravelTooLong), maxDays);
    public static RuntimeText TravelNoDepartment() => Catalog.Text(nameof(TravelNoDepartment));
    public static RuntimeText TravelTooManyTravellers(int max) => Catalog.Text(nameof(TravelTooManyTravellers), max);
    public static RuntimeText TravelNotAColleague(string userId) => Catalog.Text(nameof(TravelNotAColleague), userId);
    public static RuntimeText TravelNoStandard(RuntimeText rank, RuntimeText cityClass) => Catalog.Text(nameof(TravelNoStandard), rank, cityClass);
    public static RuntimeText TravelRankLeader() => Catalog.Text(nameof(TravelRankLeader));
    public static RuntimeText TravelRankStaff() => Catalog.Text(nameof(TravelRankStaff));
    public static RuntimeText TravelCityClass1() => Catalog.Text(nameof(TravelCityClass1));
    public static RuntimeText TravelCityClass2() => Catalog.Text(nameof(TravelCityClass2));
    public static RuntimeText TravelCityClass3() => Catalog.Text(nameof(TravelCityClass3));
    public static RuntimeText TravelSeatStandard() => Catalog.Text(nameof(TravelSeatStandard));
    public static RuntimeText TravelSeatFirst() => Catalog.Text(nameof(TravelSeatFirst));
    public static RuntimeText TravelSeatPremium() => Catalog.Text(nameof(TravelSeatPremium));
    public static RuntimeText TravelStateRequested() => Catalog.Text(nameof(TravelStateRequested));
    public static RuntimeText TravelStateApproved() => Catalog.Text(nameof(TravelStateApproved));
    public static RuntimeText TravelStateRejected() => Catalog.Text(nameof(TravelStateRejected));
    public static RuntimeText TravelStateCancelled() => Catalog.Text(nameof(TravelStateCancelled));
    public static RuntimeText TravelStateReimbursed() => Catalog.Text(nameof(TravelStateReimbursed));
    public static RuntimeText TravelStateLapsed() => Catalog.Text(nameof(TravelStateLapsed));
    public static RuntimeText ClaimNoLines() => Catalog.Text(nameof(ClaimNoLines));
    public static RuntimeText ClaimTooManyLines(int max) => Catalog.Text(nameof(ClaimTooManyLines), max);
    public static RuntimeText ClaimKindRequired() => Catalog.Text(nameof(ClaimKindRequired));
    public static RuntimeText ClaimNotATraveller(string userId, string travellers) => Catalog.Text(nameof(ClaimNotATraveller), userId, travellers);
    public static RuntimeText ClaimDateRequired() => Catalog.Text(nameof(ClaimDateRequired));
    public static RuntimeText ClaimUnits(int max) => Catalog.Text(nameof(ClaimUnits), max);
    public static RuntimeText ClaimOutsideTrip(DateOnly from, DateOnly to, DateOnly startsOn, DateOnly endsOn) => Catalog.Text(nameof(ClaimOutsideTrip), from, to, startsOn, endsOn);
    public static RuntimeText ClaimSeatRequired() => Catalog.Text(nameof(ClaimSeatRequired));
    public static RuntimeText ClaimSeatAboveStandard(RuntimeText seat, RuntimeText rank, RuntimeText allowed) => Catalog.Text(nameof(ClaimSeatAboveStandard), seat, rank, allowed);
    public static RuntimeText ClaimAccommodationAboveStandard(string amount, RuntimeText cityClass, RuntimeText rank, string perNight, int nights, string cap) => Catalog.Text(nameof(ClaimAccommodationAboveStandard), amount, cityClass, rank, perNight, nights, cap);
    public static RuntimeText ClaimAllowanceAboveStandard(string amount, RuntimeText cityClass, RuntimeText rank, string perDay, int days, string cap) => Catalog.Text(nameof(ClaimAllowanceAboveStandard), amount, cityClass, rank, perDay, days, cap);
    public static RuntimeText ClaimDayTwice(string userId, DateOnly day) => Catalog.Text(nameof(ClaimDayTwice), userId, day);
    public static RuntimeText ClaimRequestNumberRequired() => Catalog.Text(nameof(ClaimRequestNumberRequired));
    public static RuntimeText ClaimWrongDestination(string approved, string given) => Catalog.Text(nameof(ClaimWrongDestination), approved, given);
    public static RuntimeText ClaimAboveApproved(string total, string approved) => Catalog.Text(nameof(ClaimAboveApproved), total, approved);
    public static RuntimeText ClaimRequestNotFound(long number) => Catalog.Text(nameof(ClaimRequestNotFound), number);
    public static RuntimeText ClaimSomeoneElses(long number) => Catalog.Text(nameof(ClaimSomeoneElses), number);
    public static RuntimeText ClaimRequestNotApproved(long number, RuntimeText state) => Catalog.Text(nameof(ClaimRequestNotApproved), number, state);
    public static RuntimeText ClaimUnderWay(long instanceId) => Catalog.Text(nameof(ClaimUnderWay), instanceId);
    public static RuntimeText PaymentDateAfterToday() => Catalog.Text(nameof(PaymentDateAfterToday));
    public static RuntimeText PaymentAboveClaim(string claimed) => Catalog.Text(nameof(PaymentAboveClaim), claimed);
    public static RuntimeText TravelCityNameLength() => Catalog.Text(nameof(TravelCityNameLength));
    public static RuntimeText TravelCityNotListed(string name) => Catalog.Text(nameof(TravelCityNotListed), name);
    public static RuntimeText TravelCityClassRange() => Catalog.Text(nameof(TravelCityClassRange));
    public static RuntimeText TravelRankUnknown(string ranks) => Catalog.Text(nameof(TravelRankUnknown), ranks);
    public static RuntimeText TravelAccommodationRange() => Catalog.Text(nameof(TravelAccommodationRange));
    public static RuntimeText TravelAllowanceRange() => Catalog.Text(nameof(TravelAllowanceRange));
    public static RuntimeText TravelSeatRange() => Catalog.Text(nameof(TravelSeatRange));
    public static RuntimeText TravelRequestNotFound(long instanceId) => Catalog.Text(nameof(TravelRequestNotFound), instanceId);
    public static RuntimeText TravelTripNotApproved(long instanceId, RuntimeText state) => Catalog.Text(nameof(TravelTripNotApproved), instanceId, state);
    public static RuntimeText TravelClaimUnderWay(long instanceId) => Catalog.Text(nameof(TravelClaimUnderWay), instanceId);
    public static RuntimeText TravelOwnRequestsOnly() => Catalog.Text(nameof(TravelOwnRequestsOnly));
}
