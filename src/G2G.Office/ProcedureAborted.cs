using G2G.Office.Persistence;
using G2G.Runtime.Handlers;

namespace G2G.Office;

/// <summary>
/// What an instance of one procedure gives back when it ends without completing its flow — revoked by its initiator (撤销),
/// terminated by an administrator (终止), a terminate end event or a cancelled parent — on the connection and transaction of
/// the command that ends it.
/// </summary>
internal abstract class ProcedureAborted(string processKey) : IInstanceEndedHandler
{
    public void Ended(InstanceEndedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Aborted || context.Instance.ProcessKey != processKey)
            return;
        using var office = OfficeDbContext.Joining(context.Db);
        GiveBack(office, context.Instance.Id, context.Now.ToUniversalTime());
    }

    /// <summary>Gives back what instance <paramref name="instanceId"/> holds of the office's data.</summary>
    protected abstract void GiveBack(OfficeDbContext office, long instanceId, DateTimeOffset now);
}
