using G2G.Runtime.Queries;

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


/// <summary>
/// What a page of performance rows is ordered by, named as the <see cref="PerformanceRow"/> properties (the page's columns).
/// Rows without completed work have no rate and no handling time: they come last in those two orders, either way.
/// </summary>
public enum PerformanceOrder { Completed, OnTime, OnTimeRate, AverageHandlingHours, OpenOverdue }

/// <summary>
/// A page of performance rows over [<see cref="From"/>, <see cref="To"/>) by <see cref="Dimension"/>, in <see cref="Order"/>
/// (ties by key), and for a chart the <see cref="Leaders"/> rows that completed most.
/// </summary>
public sealed record PerformanceQuery(DateTimeOffset From, DateTimeOffset To, PerformanceDimension Dimension,
    PerformanceOrder Order = PerformanceOrder.Completed, bool Descending = true, int Page = 1, int PageSize = 20, int Leaders = 0);

/// <summary>
/// One page of performance rows with the whole list's count (<see cref="Page{T}.Total"/>), and for a chart the rows that
/// completed most (<see cref="Leaders"/>, most first) and the other rows that completed work taken together
/// (<see cref="Rest"/>; null when there are none).
/// </summary>
public sealed record PerformancePage(Page<PerformanceRow> Rows, IReadOnlyList<PerformanceRow> Leaders, PerformanceRest? Rest);

/// <summary>Rows that completed work outside the leaders, taken together: how many rows, their completed tasks, of them on time, the rate.</summary>
public sealed record PerformanceRest(int Rows, int Completed, int OnTime, decimal OnTimeRate);
