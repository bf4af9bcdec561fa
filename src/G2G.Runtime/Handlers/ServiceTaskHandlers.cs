using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Time;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Handlers;

/// <summary>The names of the registered handlers and their types (one per node).</summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);

    internal void Add(string name, Type type)
    {
        if (!_types.TryAdd(name, type))
            throw new InvalidOperationException($"A service task handler named '{name}' is already registered.");
    }

    public bool Contains(string name) => _types.ContainsKey(name);

    internal bool TryGet(string name, out Type? type) => _types.TryGetValue(name, out type);

    internal bool IsEmpty => _types.Count == 0;
}

/// <summary>
/// The actions a node offers service tasks: the plain ones of <see cref="ServiceActions"/> and the handlers. Deploys
/// check names against it; a handler runs only inside a command (<see cref="ServiceTaskHandlers.ForCommand"/>).
/// </summary>
public sealed class RuntimeServiceActions(ServiceActions plain, HandlerRegistry handlers) : IServiceActions
{
    public bool Exists(string action) => plain.Exists(action) || handlers.Contains(action);

    public IReadOnlyDictionary<string, Value> Invoke(string action, ServiceCall context) =>
        plain.Exists(action) || !handlers.Contains(action)
            ? plain.Invoke(action, context)
            : throw new InvalidOperationException($"Handler '{action}' runs only inside a command of the runtime.");
}

/// <summary>Gives a command the service actions it may call, with handlers bound to its database context.</summary>
public sealed class ServiceTaskHandlers(IServiceProvider services, HandlerRegistry registry, ServiceActions plain)
{
    /// <summary>Null when no handler is registered (the node's default actions serve).</summary>
    internal CommandServiceActions? ForCommand(G2GDbContext db, ProcessInstanceRecord instance, IWorkingCalendar calendar) =>
        registry.IsEmpty ? null : new CommandServiceActions(plain, registry, services, db, instance, calendar);

    /// <summary>Tells every <see cref="IInstanceEndedHandler"/> that the command ended <paramref name="instance"/>.</summary>
    internal void Ended(G2GDbContext db, ProcessInstanceRecord instance, DateTimeOffset now)
    {
        foreach (var handler in services.GetServices<IInstanceEndedHandler>())
            handler.Ended(new InstanceEndedContext(db, instance, instance.Status, now));
    }
}

/// <summary>One command's service actions; remembers a handler's refusal so the command can report it as such.</summary>
internal sealed class CommandServiceActions(
    ServiceActions plain, HandlerRegistry registry, IServiceProvider services, G2GDbContext db, ProcessInstanceRecord instance,
    IWorkingCalendar calendar) : IServiceActions
{
    /// <summary>The refusal of the last handler that refused, if any.</summary>
    public ServiceTaskRefusedException? Refusal { get; private set; }

    /// <summary>
    /// A handler's write the database refused, if any: a unique key or a row another command wrote meanwhile is a lost race,
    /// which the command retries, rather than a fault of the step.
    /// </summary>
    public DbUpdateException? WriteFailure { get; private set; }

    public bool Exists(string action) => plain.Exists(action) || registry.Contains(action);

    public IReadOnlyDictionary<string, Value> Invoke(string action, ServiceCall context)
    {
        if (!registry.TryGet(action, out var type))
            return plain.Invoke(action, context);
        var handler = (IServiceTaskHandler)services.GetRequiredService(type!);
        try
        {
            return handler.Invoke(new ServiceTaskContext(db, instance, context, calendar, services));
        }
        catch (ServiceTaskRefusedException refused)
        {
            Refusal = refused;
            throw;
        }
        catch (DbUpdateException failed)
        {
            WriteFailure = failed;
            throw;
        }
    }
}

/// <summary>Registers service task handlers.</summary>
public static class HandlerServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="THandler"/> (scoped) under <paramref name="name"/>.</summary>
    public static IServiceCollection AddServiceTaskHandler<THandler>(this IServiceCollection services, string name)
        where THandler : class, IServiceTaskHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        Registry(services).Add(name, typeof(THandler));
        services.AddScoped<THandler>();
        return services;
    }

    /// <summary>Registers <typeparamref name="THandler"/> (scoped), called whenever a command ends an instance.</summary>
    public static IServiceCollection AddInstanceEndedHandler<THandler>(this IServiceCollection services)
        where THandler : class, IInstanceEndedHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<IInstanceEndedHandler, THandler>();
        return services;
    }

    internal static HandlerRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(HandlerRegistry))?.ImplementationInstance is HandlerRegistry registry)
            return registry;
        registry = new HandlerRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
