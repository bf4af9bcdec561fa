using System.Text.Json;
using CsCheck;
using G2G.Engine.Expressions;
using G2G.Engine.Time;
using Xunit.Abstractions;

namespace G2G.Engine.Tests.Fuzzing;

/// <summary>
/// Expressions, scripts and JSON values built from the language's own pieces (docs/expressions.md) and then garbled: parsing
/// answers with a value or a positioned syntax error, evaluation with a value or an <see cref="ExpressionEvaluationException"/>;
/// nothing else is thrown, nothing runs away.
/// </summary>
public class ExpressionFuzzTests(ITestOutputHelper output)
{
    private static readonly EvaluationContext Context = new()
    {
        Now = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8)),
        Calendar = WorkingCalendar.ChinaDefault,
    };

    /// <summary>Variables of every kind, including the edge values of each.</summary>
    private static readonly DictionaryVariableScope Scope = new(new Dictionary<string, Value>
    {
        ["n"] = Value.FromObject(79228162514264337593543950335m),
        ["tiny"] = Value.FromObject(0.0000000000000000000000000001m),
        ["zero"] = Value.FromObject(0),
        ["s"] = Value.FromObject("审批 text\n'\""),
        ["empty"] = Value.FromObject(""),
        ["d"] = Value.FromObject(DateTimeOffset.MaxValue),
        ["early"] = Value.FromObject(DateTimeOffset.MinValue),
        ["lines"] = Value.FromObject(Enumerable.Range(0, 50).Select(i => new Dictionary<string, object?> { ["amount"] = i * 1000.5m, ["name"] = $"l{i}" }).ToList()),
        ["big"] = Value.FromObject(Enumerable.Range(0, 9_000).ToArray()),
        ["form"] = Value.FromObject(new Dictionary<string, object?> { ["amount"] = 12000, ["tags"] = new[] { "urgent" }, ["address"] = null, ["in"] = true }),
        ["nothing"] = Value.FromObject(null),
        ["flag"] = Value.FromObject(true),
    });

    private static readonly string[] Atoms =
    [
        "1", "0", "-1", "0.5", "1e3", "1e28", "79228162514264337593543950335", "1.5E-2", "'审批'", "\"it's\"", "'\\u0041'", "''", "true", "false", "null",
        "@2026-11-22", "@2026-11-22T09:30", "@9999-12-31T23:59:59Z", "@0001-01-01", "@P3D", "@PT4H", "@P1Y2M", "@-P1D", "@PT1.5S", "@P9999Y",
        "[]", "[1, 2, 3,]", "{}", "{ a: 1, 'b c': [true] }", "n", "tiny", "zero", "s", "empty", "d", "early", "lines", "big", "form", "nothing", "flag",
        "form.amount", "form.address?.city", "lines[0]", "lines[-1]", "lines?[99]", "form['in']", "big[8999]", "lines[0.5]", "missing",
    ];

    private static readonly string[] Binary = ["+", "-", "*", "/", "%", "=", "==", "!=", "<>", "<", "<=", ">", ">=", "in", "not in", "and", "or", "&&", "||"];

    private static readonly string[] Functions =
    [
        "abs", "addWorkingDays", "addWorkingHours", "all", "any", "avg", "ceil", "coalesce", "concat", "contains", "count", "date", "day",
        "daysBetween", "distinct", "duration", "endsWith", "exists", "filter", "first", "floor", "isNull", "isWorkingDay", "join", "last",
        "len", "lower", "map", "max", "min", "month", "now", "number", "replace", "round", "sort", "split", "startsWith", "string",
        "substring", "sum", "today", "trim", "upper", "weekday", "year", "nosuch",
    ];

    /// <summary>Well-formed-looking expressions of bounded depth.</summary>
    private static Gen<string> ExpressionOf(int depth) => depth == 0
        ? Gen.OneOf(Atoms)
        : Gen.Frequency(
            (3, Gen.OneOf(Atoms)),
            (3, Gen.Select(ExpressionOf(depth - 1), Gen.OneOf(Binary), ExpressionOf(depth - 1), (a, op, b) => $"{a} {op} {b}")),
            (3, Gen.Select(Gen.OneOf(Functions), ExpressionOf(depth - 1).Array[0, 3], (f, args) => $"{f}({string.Join(", ", args)})")),
            (2, Gen.Select(Gen.OneOf("map", "filter", "count", "any", "all", "sum", "sort"), ExpressionOf(depth - 1), ExpressionOf(depth - 1),
                (f, list, body) => $"{f}({list}, x -> {body.Replace("n", "x", StringComparison.Ordinal)})")),
            (1, Gen.Select(ExpressionOf(depth - 1), ExpressionOf(depth - 1), ExpressionOf(depth - 1), (c, a, b) => $"if {c} then {a} else {b}")),
            (1, Gen.Select(Gen.OneOf("not ", "-", "!", "("), ExpressionOf(depth - 1), (op, e) => op == "(" ? $"({e})" : op + e)),
            (1, Gen.Select(ExpressionOf(depth - 1).Array[0, 4], items => $"[{string.Join(", ", items)}]")),
            (1, Gen.Select(ExpressionOf(depth - 1), Gen.OneOf(".amount", "?.name", "[0]", "?[-1]", "['x']", ".in"), (e, path) => $"({e}){path}")));

    /// <summary>An expression, then garbled at the character level in one case out of three.</summary>
    private static readonly Gen<string> Source = Gen.Select(ExpressionOf(4), Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.String[0, 6], Garble);

    private static string Garble(string source, int how, int at, string text)
    {
        if (source.Length == 0) return text;
        var i = at % source.Length;
        return how switch
        {
            0 => source.Remove(i, 1),
            1 => source.Insert(i, text),
            2 => source[..i],
            3 => source.Insert(i, string.Concat(Enumerable.Repeat("(", at % 80))),
            _ => source,
        };
    }

    [Fact(Timeout = 30 * 60_000)]
    public async Task Expressions_ParseOrSayWhere_AndEvaluateOrFailWithACode()
    {
        var report = await Task.Run(() => FuzzRun.Check(Source, source =>
        {
            if (!Expression.TryParse(source, out var expression, out var error))
            {
                if (error.Offset < 0 || error.Offset > source.Length || string.IsNullOrWhiteSpace(error.Message))
                    throw new FuzzFinding($"Syntax error without a place or a message: {error}");
                return;
            }
            try
            {
                var value = expression.Evaluate(Scope, Context);
                _ = ValueJson.Parse(ValueJson.ToJsonString(value)); // every result can be stored as a variable
            }
            catch (ExpressionEvaluationException)
            {
            }
        }, s => s.Length, FuzzRun.Cases(1_500)));
        output.WriteLine($"Expressions: {report}");
    }

    [Fact(Timeout = 30 * 60_000)]
    public async Task Scripts_RunOrFailWithACode()
    {
        var statement = Gen.Select(Gen.OneOf("total", "form.amount", "form.x.y", "lines[0].amount", "big[5]", "nothing.a", "s"), ExpressionOf(3),
            (target, value) => $"{target} = {value}");
        var scripts = Gen.Select(statement.Array[1, 4], Gen.OneOf("\n", "; ", ";;", "\n\n"), (lines, separator) => string.Join(separator, lines));
        var report = await Task.Run(() => FuzzRun.Check(scripts, source =>
        {
            if (!Script.TryParse(source, out var script, out _))
                return;
            try
            {
                foreach (var (_, value) in script.Run(Scope, Context))
                    _ = ValueJson.ToJsonString(value);
            }
            catch (ExpressionEvaluationException)
            {
            }
        }, s => s.Length, FuzzRun.Cases(500)));
        output.WriteLine($"Scripts: {report}");
    }

    [Fact(Timeout = 30 * 60_000)]
    public async Task JsonValues_ReadOrFailWithAJsonException()
    {
        var json = Gen.Frequency(
            (3, Gen.Select(ExpressionOf(3), e => JsonSerializer.Serialize(e))),
            (3, Gen.OneOf("{\"a\":", "[1,2", "1e400", "-1e29", "79228162514264337593543950336", "\"\\ud800\"", "{\"$date\":\"x\"}",
                "{\"a\":1,\"a\":2}", "null", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                string.Concat(Enumerable.Repeat("[", 5_000)), "{\"\":{}}", "\"2026-11-22T09:30:00+08:00\"", "\"P3D\"", "true false")),
            (2, Gen.String[0, 40]));
        var report = await Task.Run(() => FuzzRun.Check(json, text =>
        {
            try
            {
                _ = ValueJson.ToJsonString(ValueJson.Parse(text));
            }
            catch (JsonException)
            {
            }
        }, s => s.Length, FuzzRun.Cases(1_000)));
        output.WriteLine($"JSON values: {report}");
    }
}
