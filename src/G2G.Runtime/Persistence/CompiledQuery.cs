using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace G2G.Runtime.Persistence;

/// <summary>
/// A query compiled once per EF model. A compiled query binds to the model it first runs against, and
/// SQLite and PostgreSQL build different models of <see cref="G2GDbContext"/>; one process can hold both
/// (the test suites do), so each model gets its own compilation.
/// </summary>
internal sealed class CompiledQuery<TParameter, TResult>(Expression<Func<G2GDbContext, TParameter, CancellationToken, TResult?>> query)
    where TResult : class
{
    private readonly ConcurrentDictionary<IModel, Func<G2GDbContext, TParameter, CancellationToken, Task<TResult?>>> _compiled = new();

    /// <summary>Runs the query on <paramref name="db"/>, compiling it first for that context's model.</summary>
    public Task<TResult?> RunAsync(G2GDbContext db, TParameter parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = _compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery(query)!);
        return run(db, parameter, cancellationToken);
    }
}
