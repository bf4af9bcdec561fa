using G2G.Engine.Expressions;
using G2G.Engine.Time;

namespace G2G.Engine.Execution;

/// <summary>What the host lends the executor: the working calendar and its service actions.</summary>
public sealed class ExecutionOptions
{
    public static ExecutionOptions Default { get; } = new();

    /// <summary>Working days and office hours for due dates and working-time timers (default: China's official calendar).</summary>
    public IWorkingCalendar Calendar { get; init; } = WorkingCalendar.ChinaDefault;

    /// <summary>The named actions service tasks call.</summary>
    public IServiceActions Services { get; init; } = ServiceActions.None;

    /// <summary>How many node visits one command may make before it is stopped as an endless loop.</summary>
    public int MaxStepsPerCommand { get; init; } = 10_000;
}

/// <summary>The named actions the host registers for service tasks (<c>g2g:action</c>).</summary>
public interface IServiceActions
{
    bool Exists(string action);

    /// <summary>Runs the action. Return output variables, or throw <see cref="BpmnErrorException"/> for a business error.</summary>
    IReadOnlyDictionary<string, Value> Invoke(string action, ServiceCall context);
}

/// <summary>The context of one service task invocation.</summary>
public sealed record ServiceCall(string ElementId, IVariableScope Variables, DateTimeOffset Now);

/// <summary>A business error a service action throws; BPMN error boundary events catch it by code.</summary>
public sealed class BpmnErrorException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>A simple registry of service actions keyed by name.</summary>
public sealed class ServiceActions : IServiceActions
{
    public static ServiceActions None { get; } = new();

    private readonly Dictionary<string, Func<ServiceCall, IReadOnlyDictionary<string, Value>>> _actions = new(StringComparer.Ordinal);

    public ServiceActions Add(string action, Func<ServiceCall, IReadOnlyDictionary<string, Value>> handler)
    {
        _actions[action] = handler;
        return this;
    }

    public bool Exists(string action) => _actions.ContainsKey(action);

    public IReadOnlyDictionary<string, Value> Invoke(string action, ServiceCall context) =>
        _actions.TryGetValue(action, out var handler)
            ? handler(context)
            : throw new InvalidOperationException($"No service action named '{action}' is registered.");
}
