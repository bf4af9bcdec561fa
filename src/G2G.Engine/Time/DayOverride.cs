namespace G2G.Engine.Time;

/// <summary>
/// An agency's own exception to the official schedule: an extra day off (<see cref="IsWorkingDay"/> false)
/// or an extra workday (true). See <see cref="WorkingCalendar.WithOverrides"/>.
/// </summary>
/// <param name="Date">The local date it applies to.</param>
/// <param name="IsWorkingDay">Whether the agency works that day.</param>
/// <param name="Reason">Why, for administrators (e.g. 本市防汛停工).</param>
public readonly record struct DayOverride(DateOnly Date, bool IsWorkingDay, string? Reason = null);
