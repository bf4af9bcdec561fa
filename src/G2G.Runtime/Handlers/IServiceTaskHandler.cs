using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Time;
using G2G.Runtime.Persistence;

namespace G2G.Runtime.Handlers;

/// <summary>
/// Business logic a service task calls by name (<c>g2g:action="leave.reserve"</c>) inside the command that reaches
/// it: what it reads and writes through <see cref="ServiceTaskContext.Db"/>'s connection commits or rolls back with
/// the command. Registered with <see cref="HandlerServiceCollectionExtensions.AddServiceTaskHandler{THandler}"/>;
/// an unknown name is refused when the definition is deployed. Resolved from the command's scope when called.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>
    /// Runs the handler and returns the variables it sets. Throw <see cref="ServiceTaskRefusedException"/> to refuse
    /// the step with a message for the user (nothing of the command is kept), <see cref="BpmnErrorException"/> for a
    /// business error a boundary event catches; any other failure becomes an incident.
    /// </summary>
    IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context);
}

/// <summary>What a handler sees: the command's database context (in its transaction), the instance, the call.</summary>
public sealed record ServiceTaskContext(
    G2GDbContext Db, ProcessInstanceRecord Instance, ServiceCall Call, IWorkingCalendar Calendar, IServiceProvider Services)
{
    /// <summary>The element of the service task.</summary>
    public string ElementId => Call.ElementId;

    /// <summary>The command's instant.</summary>
    public DateTimeOffset Now => Call.Now;

    /// <summary>A variable visible at the service task, or null.</summary>
    public Value? Variable(string name) => Call.Variables.TryGetVariable(name, out var value) ? value : null;
}

/// <summary>
/// A business rule refused the step (a leave above the balance, a room already booked): the command is refused with
/// this message and, when it comes from a form field, that field; nothing is written. The message is a
/// <see cref="RuntimeText"/> of the module's catalogue, shown in the reader's language.
/// </summary>
public sealed class ServiceTaskRefusedException(RuntimeText text, string? field = null) : Exception(text.English)
{
    /// <summary>Why the step was refused.</summary>
    public RuntimeText Text { get; } = text;

    /// <summary>The form field the refusal is about, if any.</summary>
    public string? Field { get; } = field;
}
