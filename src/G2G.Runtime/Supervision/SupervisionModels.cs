namespace G2G.Runtime.Supervision;

/// <summary>
/// What a report covers inside the caller's scope; nulls mean "the whole scope" (a supervisor's agency subtree,
/// every agency for administrators). <see cref="Agencies"/> narrows to those agencies, with their subordinate
/// agencies when <see cref="Subtree"/> is set; <see cref="DepartmentId"/> to the work of one department's people.
/// </summary>
public sealed record SupervisionFilter(IReadOnlyList<string>? Agencies = null, bool Subtree = false, string? DepartmentId = null, string? ProcessKey = null);

/// <summary>
/// How far past its due date an open task is, in calendar days (not working days, so a bucket reads the same
/// to everyone regardless of holidays): not yet, up to 3, up to 7, up to 30, more.
/// </summary>
public enum AgingBucket { DueSoon, UpTo3Days, UpTo7Days, UpTo30Days, Over30Days }

/// <summary>
/// An overdue or soon-due open task. <see cref="DepartmentId"/> is the home department of its assignee
/// (null while nobody has claimed it).
/// </summary>
public sealed record OverdueItem(long TaskId, long InstanceId, string? Title, string? Step, string ProcessKey, string? AgencyId, string? DepartmentId,
    string? Assignee, DateTimeOffset DueAt, double OverdueHours, AgingBucket Bucket);

/// <summary>
/// Performance of one department, agency, procedure or step over a date range: tasks completed in it, of them
/// on time (by their due date, or without one), the rate, the average hours from creation to completion, and
/// the open tasks of the same key overdue now. <see cref="Key"/> is the id (department, agency, process key,
/// process key/step), <see cref="Name"/> what people call it (预算处, 示范省财政厅, 经费审批, 经费审批/处长审批).
/// </summary>
public sealed record PerformanceRow(string Key, string? Name, int Completed, int OnTime, decimal OnTimeRate, double AverageHandlingHours, int OpenOverdue);

/// <summary>What performance rows are grouped by. Department: of who completed the task (of the assignee for open ones).</summary>
public enum PerformanceDimension { Agency, Procedure, Step, Department }

