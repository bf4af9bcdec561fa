using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Expressions;
using G2G.Engine.Time;

namespace G2G.Engine.Tests.Expressions;

public class ValueTests
{
    private enum Priority { Urgent }

    public static TheoryData<object?, string> ClrValues => new()
    {
        { null, "null" },
        { true, "true" },
        { 42, "42" },
        { 42L, "42" },
        { (short)-3, "-3" },
        { (byte)7, "7" },
        { 18446744073709551615UL, "18446744073709551615" },
        { 0.25, "0.25" },
        { 1.5f, "1.5" },
        { 12.50m, "12.5" },
        { "文本", "'文本'" },
        { 'c', "'c'" },
        { Priority.Urgent, "'Urgent'" },
        { new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.FromHours(2)), "@2026-11-22T09:30:00+02:00" },
        { new DateTime(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc), "@2026-11-22T09:30:00+00:00" },
        { new DateTime(2026, 11, 22, 9, 30, 0, DateTimeKind.Unspecified), "@2026-11-22T09:30:00+08:00" },
        { new DateOnly(2026, 11, 22), "@2026-11-22T00:00:00+08:00" },
        { new IsoDuration(0, 0, 0, 3, 0, 0, 0), "@P3D" },
        { TimeSpan.FromMinutes(90), "@PT1H30M" },
        { new[] { 1, 2 }, "[1, 2]" },
        { new List<object?> { "a", null, new[] { true } }, "['a', null, [true]]" },
        { new Dictionary<string, object?> { ["b"] = 1, ["a"] = "x" }, "{a: 'x', b: 1}" },
        { new Dictionary<string, Value> { ["v"] = Value.True }, "{v: true}" },
        { new Hashtable { ["k"] = 1 }, "{k: 1}" },
        { Value.From("already"), "'already'" },
    };

    [Theory]
    [MemberData(nameof(ClrValues))]
    public void FromObject_ConvertsClrValues(object? input, string expected) =>
        Assert.Equal(expected, Value.FromObject(input).ToString());

    [Fact]
    public void FromObject_ReadsJsonElements()
    {
        using var document = JsonDocument.Parse("{\"a\":[1,\"x\"]}");
        Assert.Equal("{a: [1, 'x']}", Value.FromObject(document.RootElement).ToString());
    }

    [Fact]
    public void FromObject_UsesTheGivenOffsetForLocalDates() =>
        Assert.Equal("@2026-11-22T00:00:00+00:00", Value.FromObject(new DateOnly(2026, 11, 22), TimeSpan.Zero).ToString());

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void FromObject_RejectsDoublesThatAreNotDecimals(double input) =>
        Assert.Throws<ArgumentException>(() => Value.FromObject(input));

    [Fact]
    public void FromObject_RejectsUnknownTypesAndNonStringKeysAndCycles()
    {
        Assert.Throws<ArgumentException>(() => Value.FromObject(new object()));
        Assert.Throws<ArgumentException>(() => Value.FromObject(new Hashtable { [1] = 1 }));
        var cycle = new List<object?>();
        cycle.Add(cycle);
        Assert.Throws<ArgumentException>(() => Value.FromObject(cycle));
    }

    [Fact]
    public void ToString_WritesExpressionLiterals_ThatParseBackToEqualValues()
    {
        var value = Value.FromObject(new Dictionary<string, object?>
        {
            ["text"] = "it's \\ \n\t\u0001",
            ["full name"] = "x",
            ["list"] = new object?[] { 1.5m, null, false, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) },
            ["due"] = new IsoDuration(0, 1, 0, 0, 2, 0, 0),
        });
        Assert.Equal("{due: @P1MT2H, 'full name': 'x', list: [1.5, null, false, @2026-01-02T03:04:05+00:00], text: 'it\\'s \\\\ \\n\\t\\u0001'}", value.ToString());
        var reparsed = Expression.Parse(value.ToString()).Evaluate(DictionaryVariableScope.Empty, new EvaluationContext());
        Assert.Equal(value, reparsed);
    }

    [Fact]
    public void EqualValues_HaveEqualHashes()
    {
        (Value, Value)[] pairs =
        [
            (Value.From(1m), Value.From(1.000m)),
            (Value.FromObject(new object[] { 1, "a", new[] { 2 } }), Value.FromObject(new object[] { 1.0m, "a", new[] { 2.0m } })),
            (Value.FromObject(new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 }), Value.FromObject(new Dictionary<string, object?> { ["b"] = 2, ["a"] = 1 })),
            (Value.From(new IsoDuration(0, 0, 1, 0, 0, 0, 0)), Value.From(new IsoDuration(0, 0, 0, 7, 0, 0, 0))),
            (Value.From(new IsoDuration(1, 0, 0, 0, 0, 0, 0)), Value.From(new IsoDuration(0, 12, 0, 0, 0, 0, 0))),
            (Value.FromObject(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8))), Value.FromObject(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))),
        ];
        foreach (var (a, b) in pairs)
        {
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void ListHashes_DependOnContent_NotJustLength()
    {
        var hashes = Enumerable.Range(0, 100).Select(i => Value.FromObject(new[] { i, i + 1 }).GetHashCode()).Distinct().Count();
        Assert.True(hashes > 90);
    }

    [Fact]
    public void DifferentKinds_AreNeverEqual()
    {
        Assert.NotEqual(Value.From(1), Value.From("1"));
        Assert.NotEqual(Value.From(true), Value.From(1));
        Assert.NotEqual(Value.Null, Value.From(""));
        Assert.NotEqual<Value>(ListValue.Empty, RecordValue.Empty);
    }

    [Fact]
    public void RecordValue_AlwaysComparesKeysOrdinally()
    {
        var record = new RecordValue(ImmutableDictionary.Create<string, Value>(StringComparer.OrdinalIgnoreCase).Add("A", Value.True));
        Assert.False(record.Fields.ContainsKey("a"));
    }
}
