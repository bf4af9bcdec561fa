using G2G.Runtime.Persistence;

namespace G2G.Runtime.Handlers;

/// <summary>
/// Business data a module keeps for an instance that must follow the instance's end: a budget reservation given back
/// when an administrator terminates (终止) an instance, or when a terminate end event or a parent's cancellation ends it.
/// Called inside the command that ends the instance, on its database connection and transaction, once per ended
/// instance and for every end (read <see cref="InstanceEndedContext.Status"/>): what it writes commits or rolls back
/// with the command, and a retried command calls it again. Registered with
/// <see cref="HandlerServiceCollectionExtensions.AddInstanceEndedHandler{THandler}"/>; every registered handler is
/// called, each deciding by <see cref="ProcessInstanceRecord.ProcessKey"/> whether the instance is its own. It must not
/// refuse: an exception fails the command.
/// </summary>
public interface IInstanceEndedHandler
{
    void Ended(InstanceEndedContext context);
}

/// <summary>
/// What an instance-ended handler sees: the command's database context (in its transaction), the instance, how it
/// ended (<see cref="Instances.InstanceStatus"/>: completed, cancelled or terminated) and the command's instant.
/// </summary>
public sealed record InstanceEndedContext(G2GDbContext Db, ProcessInstanceRecord Instance, string Status, DateTimeOffset Now)
{
    /// <summary>Ended without completing its flow: 终止 by an administrator, a terminate end event, a cancelled parent.</summary>
    public bool Aborted => Status is Instances.InstanceStatus.Cancelled or Instances.InstanceStatus.Terminated;
}
