using G2G.Runtime;

namespace G2G.Office;

/// <summary>
/// The office procedures' messages for people (refusals of their services and service tasks), one factory per
/// message: its name is the stable key, its parameters the template's <c>{0}</c>, <c>{1}</c> … in the same order.
/// Templates: OfficeMessages.resx (Simplified Chinese) and OfficeMessages.en.resx (English); a test holds every
/// method, key and placeholder in step across the three. To add a message, add the method and its two templates;
/// never throw a refusal with a literal string.
/// </summary>
public static class OfficeMessages
{
    private static readonly TextCatalog Catalog = new(new(typeof(OfficeMessages)));

    /// <summary>The catalogue itself, for the catalogue tests.</summary>
    public static TextCatalog Templates => Catalog;

    // Records (调阅)
    public static RuntimeText RecordsOnlyRequester(string requester) => Catalog.Text(nameof(RecordsOnlyRequester), requester);
    public static RuntimeText RecordsNotGranted(RuntimeText state) => Catalog.Text(nameof(RecordsNotGranted), state);
    public static RuntimeText RecordsAccessNotStarted(DateOnly from) => Catalog.Text(nameof(RecordsAccessNotStarted), from);
    public static RuntimeText RecordsAccessEnded(DateOnly until) => Catalog.Text(nameof(RecordsAccessEnded), until);
    public static RuntimeText RecordsRevokeReasonRequired() => Catalog.Text(nameof(RecordsRevokeReasonRequired));
    public static RuntimeText RecordsOnlyGrantRevoked(long id, RuntimeText state) => Catalog.Text(nameof(RecordsOnlyGrantRevoked), id, state);
    public static RuntimeText RecordsInstanceChanged(long id) => Catalog.Text(nameof(RecordsInstanceChanged), id);
    public static RuntimeText RecordsRequestNotFound(long id) => Catalog.Text(nameof(RecordsRequestNotFound), id);
    public static RuntimeText RecordsStateRequested() => Catalog.Text(nameof(RecordsStateRequested));
    public static RuntimeText RecordsStateRejected() => Catalog.Text(nameof(RecordsStateRejected));
    public static RuntimeText RecordsStateGranted() => Catalog.Text(nameof(RecordsStateGranted));
    public static RuntimeText RecordsStateExpired() => Catalog.Text(nameof(RecordsStateExpired));
    public static RuntimeText RecordsStateRevoked() => Catalog.Text(nameof(RecordsStateRevoked));

    // Regulations (规章)
    public static RuntimeText RegulationSearchTooLong() => Catalog.Text(nameof(RegulationSearchTooLong));
    public static RuntimeText RegulationNotFound(long id) => Catalog.Text(nameof(RegulationNotFound), id);
    public static RuntimeText RepealDateRequired() => Catalog.Text(nameof(RepealDateRequired));
    public static RuntimeText RegulationRepealedAlready(string documentNumber) => Catalog.Text(nameof(RegulationRepealedAlready), documentNumber);
    public static RuntimeText RepealBeforeEffect(DateOnly effectiveOn) => Catalog.Text(nameof(RepealBeforeEffect), effectiveOn);

    // Travel (出差申请, 差旅报销)
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
    // Meetings (会议申请)
    public static RuntimeText MeetingInThePast() => Catalog.Text(nameof(MeetingInThePast));
    public static RuntimeText MeetingEndsBeforeStart() => Catalog.Text(nameof(MeetingEndsBeforeStart));
    public static RuntimeText MeetingNoAttendees() => Catalog.Text(nameof(MeetingNoAttendees));
    public static RuntimeText MeetingTooManyAttendees(int max) => Catalog.Text(nameof(MeetingTooManyAttendees), max);
    public static RuntimeText MeetingAttendeeUnknown(string userId) => Catalog.Text(nameof(MeetingAttendeeUnknown), userId);
    public static RuntimeText MeetingRoomNotFound(string code) => Catalog.Text(nameof(MeetingRoomNotFound), code);
    public static RuntimeText MeetingRoomTooSmall(string room, int capacity, int people) => Catalog.Text(nameof(MeetingRoomTooSmall), room, capacity, people);
    public static RuntimeText MeetingRoomTaken(string room, string span, string subject, long instanceId) => Catalog.Text(nameof(MeetingRoomTaken), room, span, subject, instanceId);
    public static RuntimeText MeetingMinutesLength(int min, int max) => Catalog.Text(nameof(MeetingMinutesLength), min, max);
    public static RuntimeText MeetingRoomMissing(long id) => Catalog.Text(nameof(MeetingRoomMissing), id);
    public static RuntimeText MeetingRoomCodeLength() => Catalog.Text(nameof(MeetingRoomCodeLength));
    public static RuntimeText MeetingRoomNameLength() => Catalog.Text(nameof(MeetingRoomNameLength));
    public static RuntimeText MeetingRoomCapacityRange(int max) => Catalog.Text(nameof(MeetingRoomCapacityRange), max);
    public static RuntimeText MeetingRoomCodeTaken(string code, string agencyId) => Catalog.Text(nameof(MeetingRoomCodeTaken), code, agencyId);

    // Form values of the office procedures
    public static RuntimeText TimeOfDayExpected(string field) => Catalog.Text(nameof(TimeOfDayExpected), field);
    public static RuntimeText WholeNumberExpected(string field, long min, long max) => Catalog.Text(nameof(WholeNumberExpected), field, min, max);
    public static RuntimeText LengthExpected(string field, long maxLength) => Catalog.Text(nameof(LengthExpected), field, maxLength);
    public static RuntimeText AtMostCharacters(long maxLength) => Catalog.Text(nameof(AtMostCharacters), maxLength);
    public static RuntimeText DateExpected(string field) => Catalog.Text(nameof(DateExpected), field);
    public static RuntimeText PhoneTooLong(string field, long maxLength) => Catalog.Text(nameof(PhoneTooLong), field, maxLength);
    public static RuntimeText YearOutOfRange() => Catalog.Text(nameof(YearOutOfRange));
    public static RuntimeText NoAgencyOfYours() => Catalog.Text(nameof(NoAgencyOfYours));

    // Budget (预算)
    public static RuntimeText BudgetLineNotFound(long id) => Catalog.Text(nameof(BudgetLineNotFound), id);
    public static RuntimeText BudgetLineExists(string departmentId, string code, long year) => Catalog.Text(nameof(BudgetLineExists), departmentId, code, year);
    public static RuntimeText BudgetLineCommitted(string yuan, string code) => Catalog.Text(nameof(BudgetLineCommitted), yuan, code);
    public static RuntimeText BudgetLineUsed(string code) => Catalog.Text(nameof(BudgetLineUsed), code);
    public static RuntimeText BudgetLineFields() => Catalog.Text(nameof(BudgetLineFields));
    public static RuntimeText BudgetAmountOutOfRange() => Catalog.Text(nameof(BudgetAmountOutOfRange));
    public static RuntimeText BudgetOfOtherAgency(string agencyId) => Catalog.Text(nameof(BudgetOfOtherAgency), agencyId);
    public static RuntimeText NoBudgetLine(string code, long year) => Catalog.Text(nameof(NoBudgetLine), code, year);
    public static RuntimeText BudgetInsufficient(string code, string name, string available, string asked) => Catalog.Text(nameof(BudgetInsufficient), code, name, available, asked);
    public static RuntimeText PaidAlready() => Catalog.Text(nameof(PaidAlready));
    public static RuntimeText PaymentAboveApproved(string approved) => Catalog.Text(nameof(PaymentAboveApproved), approved);

    // Records handlers (调阅)
    public static RuntimeText RecordsStartInPast() => Catalog.Text(nameof(RecordsStartInPast));
    public static RuntimeText PeriodEndsBeforeStart() => Catalog.Text(nameof(PeriodEndsBeforeStart));
    public static RuntimeText RecordsMaxDays(long maxDays) => Catalog.Text(nameof(RecordsMaxDays), maxDays);
    public static RuntimeText NotAnAgency(string id) => Catalog.Text(nameof(NotAnAgency), id);
    public static RuntimeText OwnAgencyArchive() => Catalog.Text(nameof(OwnAgencyArchive));
    public static RuntimeText NoArchiveOffice(string agency, string archiveHead) => Catalog.Text(nameof(NoArchiveOffice), agency, archiveHead);

    // Regulation handlers (规章)
    public static RuntimeText EffectiveInPast() => Catalog.Text(nameof(EffectiveInPast));
    public static RuntimeText DocumentNumberUsed(string number) => Catalog.Text(nameof(DocumentNumberUsed), number);
    public static RuntimeText NoRuleInForce(string number) => Catalog.Text(nameof(NoRuleInForce), number);
    public static RuntimeText NoLegalDepartment(string legalDepartment) => Catalog.Text(nameof(NoLegalDepartment), legalDepartment);
    public static RuntimeText NotADepartmentWithHead(string id) => Catalog.Text(nameof(NotADepartmentWithHead), id);
    public static RuntimeText PublishedMeanwhile(string number) => Catalog.Text(nameof(PublishedMeanwhile), number);
    public static RuntimeText RuleNoLongerInForce(string number) => Catalog.Text(nameof(RuleNoLongerInForce), number);

    // Vehicles (用车)
    public static RuntimeText NoVehicle(string plate) => Catalog.Text(nameof(NoVehicle), plate);
    public static RuntimeText NoDriver(string code) => Catalog.Text(nameof(NoDriver), code);
    public static RuntimeText TooFewSeats(string plate, long seats, long passengers) => Catalog.Text(nameof(TooFewSeats), plate, seats, passengers);
    public static RuntimeText VehicleBooked(string plate, string span, long instanceId) => Catalog.Text(nameof(VehicleBooked), plate, span, instanceId);
    public static RuntimeText DriverBooked(string driver, string span, long instanceId) => Catalog.Text(nameof(DriverBooked), driver, span, instanceId);
    public static RuntimeText OdometerBackwards(string plate, long last) => Catalog.Text(nameof(OdometerBackwards), plate, last);
    public static RuntimeText TripInPast() => Catalog.Text(nameof(TripInPast));
    public static RuntimeText TripEndsBeforeStart() => Catalog.Text(nameof(TripEndsBeforeStart));
    public static RuntimeText TripTooLong() => Catalog.Text(nameof(TripTooLong));
    public static RuntimeText VehicleNotFound(long id) => Catalog.Text(nameof(VehicleNotFound), id);
    public static RuntimeText DriverNotFound(long id) => Catalog.Text(nameof(DriverNotFound), id);
    public static RuntimeText PlateExists(string plate) => Catalog.Text(nameof(PlateExists), plate);
    public static RuntimeText DriverExists(string code, string agencyId) => Catalog.Text(nameof(DriverExists), code, agencyId);

    // Supplies (办公用品)
    public static RuntimeText SupplyNoLines() => Catalog.Text(nameof(SupplyNoLines));
    public static RuntimeText SupplyTooManyLines(long maxLines) => Catalog.Text(nameof(SupplyTooManyLines), maxLines);
    public static RuntimeText SupplyNameItem() => Catalog.Text(nameof(SupplyNameItem));
    public static RuntimeText SupplyDuplicateLine(string code) => Catalog.Text(nameof(SupplyDuplicateLine), code);
    public static RuntimeText SupplyQuantity(long maxQuantity) => Catalog.Text(nameof(SupplyQuantity), maxQuantity);
    public static RuntimeText SupplyNoItem(string code) => Catalog.Text(nameof(SupplyNoItem), code);
    public static RuntimeText SupplyItemNotFound(long id) => Catalog.Text(nameof(SupplyItemNotFound), id);
    public static RuntimeText SupplyItemExists(string code, string agencyId) => Catalog.Text(nameof(SupplyItemExists), code, agencyId);
    public static RuntimeText SupplyShort(string item, long free, string unit, long quantity) => Catalog.Text(nameof(SupplyShort), item, free, unit, quantity);

    // Leave (请假)
    public static RuntimeText LeaveBalancesHidden(string userId) => Catalog.Text(nameof(LeaveBalancesHidden), userId);
    public static RuntimeText NotALeaveTypeWithBalance(string leaveType) => Catalog.Text(nameof(NotALeaveTypeWithBalance), leaveType);
    public static RuntimeText LeaveDaysRange() => Catalog.Text(nameof(LeaveDaysRange));
    public static RuntimeText LeaveAlreadyUsed(string userId, decimal days) => Catalog.Text(nameof(LeaveAlreadyUsed), userId, days);
    public static RuntimeText NoEntitlement(string leaveType, string userId, long year) => Catalog.Text(nameof(NoEntitlement), leaveType, userId, year);
    public static RuntimeText LeaveInsufficient(string leaveType, string left, long year, string asked) => Catalog.Text(nameof(LeaveInsufficient), leaveType, left, year, asked);
    public static RuntimeText NotAColleague(string userId) => Catalog.Text(nameof(NotAColleague), userId);
    public static RuntimeText ReturnAfterLeave() => Catalog.Text(nameof(ReturnAfterLeave));
    public static RuntimeText UnknownLeaveType(string type) => Catalog.Text(nameof(UnknownLeaveType), type);
    public static RuntimeText LeaveEndsBeforeStart() => Catalog.Text(nameof(LeaveEndsBeforeStart));
    public static RuntimeText LeaveAcrossYears() => Catalog.Text(nameof(LeaveAcrossYears));
    public static RuntimeText NoWorkingDay() => Catalog.Text(nameof(NoWorkingDay));

    // Purchase (采购)
    public static RuntimeText PurchaseItemTooLong() => Catalog.Text(nameof(PurchaseItemTooLong));
    public static RuntimeText PurchaseNeedsDepartment() => Catalog.Text(nameof(PurchaseNeedsDepartment));
    public static RuntimeText AmountInYuan() => Catalog.Text(nameof(AmountInYuan));
    public static RuntimeText ContractAboveApproved(string approved) => Catalog.Text(nameof(ContractAboveApproved), approved);
    public static RuntimeText AcceptorNotRequester() => Catalog.Text(nameof(AcceptorNotRequester));
    public static RuntimeText RequesterCannotAccept() => Catalog.Text(nameof(RequesterCannotAccept));
    public static RuntimeText PaymentAboveContract(string contract) => Catalog.Text(nameof(PaymentAboveContract), contract);
    public static RuntimeText OdometerNotBackwards(long km) => Catalog.Text(nameof(OdometerNotBackwards), km);
    // Training (培训报名)
    public static RuntimeText TrainingCourseNotFound(string code) => Catalog.Text(nameof(TrainingCourseNotFound), code);
    public static RuntimeText TrainingCourseBegun(string title, DateOnly startsOn) => Catalog.Text(nameof(TrainingCourseBegun), title, startsOn);
    public static RuntimeText TrainingRegisteredAlready(string title, long instanceId) => Catalog.Text(nameof(TrainingRegisteredAlready), title, instanceId);
    public static RuntimeText TrainingCourseMissing(long id) => Catalog.Text(nameof(TrainingCourseMissing), id);
    public static RuntimeText TrainingCodeLength() => Catalog.Text(nameof(TrainingCodeLength));
    public static RuntimeText TrainingTitleLength() => Catalog.Text(nameof(TrainingTitleLength));
    public static RuntimeText TrainingCapacityRange(int min, int max) => Catalog.Text(nameof(TrainingCapacityRange), min, max);
    public static RuntimeText TrainingCodeTaken(string code, string agencyId) => Catalog.Text(nameof(TrainingCodeTaken), code, agencyId);
    public static RuntimeText TrainingRegistrationMissing(long instanceId) => Catalog.Text(nameof(TrainingRegistrationMissing), instanceId);
    public static RuntimeText TrainingNotCancellable(long instanceId) => Catalog.Text(nameof(TrainingNotCancellable), instanceId);
    // Appraisal (业绩评价)
    public static RuntimeText AppraisalNoDepartment() => Catalog.Text(nameof(AppraisalNoDepartment));
    public static RuntimeText AppraisalExists(int year, long instanceId) => Catalog.Text(nameof(AppraisalExists), year, instanceId);
    public static RuntimeText AppraisalStartedAtOnce(int year) => Catalog.Text(nameof(AppraisalStartedAtOnce), year);
    public static RuntimeText AppraisalGradeUnknown() => Catalog.Text(nameof(AppraisalGradeUnknown));
    // End of messages.
}
