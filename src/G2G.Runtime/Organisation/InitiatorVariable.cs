using G2G.Engine.Expressions;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>
/// The <c>initiator</c> process variable. For a user of the organisation it is the record
/// <c>{ id, name, department, agency }</c>, so assignment arguments such as <c>initiator.department</c> work;
/// for anyone else (tests, system starts) it stays the plain id string.
/// </summary>
public static class InitiatorVariable
{
    public static async Task<Value> CreateAsync(G2GDbContext db, string initiator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == initiator)
            .Select(u => new { u.Id, u.DisplayName, u.DepartmentId, u.AgencyId }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
            return Value.From(initiator);
        return Value.From(new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["id"] = Value.From(user.Id),
            ["name"] = Value.From(user.DisplayName),
            ["department"] = Value.From(user.DepartmentId),
            ["agency"] = Value.From(user.AgencyId),
        });
    }
}
