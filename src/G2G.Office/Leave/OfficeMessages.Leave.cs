using G2G.Runtime;

namespace G2G.Office;

// 请假: the messages of Leave/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
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
}
