using G2G.Engine.Expressions;

namespace G2G.Runtime.Organisation;

/// <summary>
/// The <c>initiator</c> process variable. For a user of the organisation it is the record
/// <c>{ id, name, department, agency }</c>, so assignment arguments such as <c>initiator.department</c> work;
/// for anyone else (tests, system starts) it stays the plain id string.
/// </summary>
internal static class InitiatorVariable
{
    /// <summary>What the variable holds of a user, as a start reads it (with the organisation's stamp, in one query).</summary>
    public sealed record User(string Id, string DisplayName, string? DepartmentId, string? AgencyId);

    /// <param name="initiator">The initiator's id as the start names it.</param>
    /// <param name="user">That user, or null when the organisation has nobody of that id.</param>
    public static Value Of(string initiator, User? user) => user is null
        ? Value.From(initiator)
        : Value.From(new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["id"] = Value.From(user.Id),
            ["name"] = Value.From(user.DisplayName),
            ["department"] = Value.From(user.DepartmentId),
            ["agency"] = Value.From(user.AgencyId),
        });
}
