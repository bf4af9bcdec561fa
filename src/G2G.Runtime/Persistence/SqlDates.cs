using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Date arithmetic that runs in the database, so reports can average durations with <c>AVG</c> instead of
/// loading rows. EF Core cannot subtract two <see cref="DateTimeOffset"/> columns portably here: on SQLite they
/// are ISO 8601 text (<see cref="UtcIsoStringConverter"/>), on PostgreSQL <c>timestamptz</c>. Each provider gets
/// its own translation of <see cref="SecondsBetween"/>: SQLite's <c>julianday()</c> reads the stored text
/// (fractional seconds included), PostgreSQL's <c>date_part('epoch', …)</c> the instant.
/// </summary>
public static class SqlDates
{
    private static readonly MethodInfo SecondsBetweenMethod = typeof(SqlDates).GetMethod(nameof(SecondsBetween))!;

    /// <summary>Seconds from <paramref name="start"/> to <paramref name="end"/>; only inside LINQ queries.</summary>
    public static double SecondsBetween(DateTimeOffset start, DateTimeOffset end) =>
        throw new InvalidOperationException($"{nameof(SecondsBetween)} runs only in database queries.");

    /// <summary>Maps <see cref="SecondsBetween"/> for the context's provider.</summary>
    internal static void Register(ModelBuilder builder, bool sqlite)
    {
        var real = new DoubleTypeMapping(sqlite ? "REAL" : "double precision");
        builder.HasDbFunction(SecondsBetweenMethod).HasTranslation(args => sqlite
            ? Multiply(Subtract(Call("julianday", real, args[1]), Call("julianday", real, args[0]), real), new SqlConstantExpression(86400.0, typeof(double), real), real)
            : Subtract(Epoch(args[1], real), Epoch(args[0], real), real));
    }

    private static SqlFunctionExpression Epoch(SqlExpression instant, RelationalTypeMapping real) =>
        Call("date_part", real, new SqlConstantExpression("epoch", typeof(string), new StringTypeMapping("text", System.Data.DbType.String)), instant);

    private static SqlFunctionExpression Call(string name, RelationalTypeMapping real, params SqlExpression[] args) =>
        new(name, args, nullable: true, argumentsPropagateNullability: [.. args.Select(_ => true)], typeof(double), real);

    private static SqlBinaryExpression Subtract(SqlExpression left, SqlExpression right, RelationalTypeMapping real) =>
        new(ExpressionType.Subtract, left, right, typeof(double), real);

    private static SqlBinaryExpression Multiply(SqlExpression left, SqlExpression right, RelationalTypeMapping real) =>
        new(ExpressionType.Multiply, left, right, typeof(double), real);
}
