using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using G2G.Engine.Execution;
using G2G.Engine.Validation;
using G2G.Runtime;

namespace G2G.Office.Tests;

/// <summary>
/// Every message a person can read from the runtime, the engine's rejections and diagnostics and the office procedures
/// exists in Simplified Chinese and English, with the placeholders its factory fills, and nothing else is in the files.
/// </summary>
public sealed partial class MessageCatalogTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void RuntimeMessages_AndTheEnginesRejectionsAndDiagnostics_AreComplete_InBothLanguages()
    {
        var expected = Factories(typeof(RuntimeMessages));
        foreach (var method in typeof(Rejections).GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => m.ReturnType == typeof(CommandRejectedException)))
        {
            var rejected = (CommandRejectedException)method.Invoke(null, Samples(method))!;
            Assert.Equal(method.Name, rejected.Reason);
            var key = RuntimeMessages.EngineKey(rejected.Reason);
            Assert.Equal(method.GetParameters().Length, rejected.Arguments.Count);
            expected[key] = RuntimeMessages.EngineRejection(rejected);
            Assert.Equal(rejected.Template, RuntimeMessages.Templates.Find(key, English));
        }
        foreach (var method in typeof(DiagnosticTexts).GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => m.ReturnType == typeof(DiagnosticText)))
        {
            var text = (DiagnosticText)method.Invoke(null, Samples(method))!;
            Assert.Equal(method.Name, text.Reason);
            Assert.Equal(method.GetParameters().Length, text.Arguments.Count);
            var key = RuntimeMessages.DiagnosticKey(text.Reason);
            expected[key] = RuntimeMessages.EngineDiagnostic(text);
            Assert.Equal(text.Template, RuntimeMessages.Templates.Find(key, English));
        }

        AssertComplete(RuntimeMessages.Templates, expected);
    }

    [Fact]
    public void OfficeMessages_AreComplete_InBothLanguages() =>
        AssertComplete(OfficeMessages.Templates, Factories(typeof(OfficeMessages)));

    [Fact]
    public void AText_IsRenderedInTheReadersLanguage_WithNestedTextsInTheSameLanguage_AndEnglishForLogs()
    {
        var state = OfficeMessages.RecordsStateRejected();
        var refusal = OfficeMessages.RecordsOnlyGrantRevoked(42, state);

        Assert.Equal("申请 42 已被驳回，只有已获准的申请才能收回。", refusal.In(Chinese));
        Assert.Equal("Request 42 is rejected; only a grant is revoked.", refusal.In(English));
        Assert.Equal(refusal.In(English), new RuntimeException(RuntimeErrorCode.Conflict, refusal).Message);
        Assert.Equal(nameof(OfficeMessages.RecordsOnlyGrantRevoked), refusal.Key);
        Assert.Equal("流程实例 7 不存在。", RuntimeMessages.InstanceNotFound(7).In(CultureInfo.GetCultureInfo("zh-Hans")));
    }

    [Fact]
    public void AnEngineRejection_IsRenderedFromItsReason_AndItsEnglishIsTheEnginesMessage()
    {
        var rejected = Rejections.CannotWithdraw("拟稿");
        var text = RuntimeMessages.EngineRejection(rejected);

        Assert.Equal("步骤“拟稿”无法撤回：下一步骤已经办理。", text.In(Chinese));
        Assert.Equal(rejected.Message, text.English);
    }

    [Fact]
    public void AnEnginesDiagnostic_IsRenderedFromItsReason_WithItsDescribedElement_AndItsEnglishIsTheEnginesMessage()
    {
        var text = DiagnosticTexts.Unreachable(DiagnosticTexts.NamedElement("userTask", "approve", "处长审批"));
        var rendered = RuntimeMessages.EngineDiagnostic(text);

        Assert.Equal("节点 userTask“approve”（处长审批）无法从任何开始事件到达。", rendered.In(Chinese));
        Assert.Equal("The userTask 'approve' (处长审批) cannot be reached from any start event.", rendered.In(English));
        Assert.Equal(text.English, rendered.English);
    }

    /// <summary>Each public factory of <paramref name="catalog"/> by its key (checked to be its name), called with sample arguments.</summary>
    private static Dictionary<string, RuntimeText> Factories(Type catalog)
    {
        var factories = new Dictionary<string, RuntimeText>(StringComparer.Ordinal);
        foreach (var method in catalog.GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => m.ReturnType == typeof(RuntimeText) && m.GetParameters().All(p => p.ParameterType.Assembly != typeof(Rejections).Assembly)))
        {
            var text = (RuntimeText)method.Invoke(null, Samples(method))!;
            Assert.Equal(method.Name, text.Key);
            Assert.Equal(method.GetParameters().Length, text.Arguments.Count);
            factories[method.Name] = text;
        }
        Assert.NotEmpty(factories);
        return factories;
    }

    private static void AssertComplete(TextCatalog catalog, Dictionary<string, RuntimeText> expected)
    {
        var chinese = catalog.Entries(CultureInfo.InvariantCulture);
        var english = catalog.Entries(English);
        Assert.Empty(expected.Keys.Except(chinese.Keys).Select(k => $"no Chinese template: {k}"));
        Assert.Empty(expected.Keys.Except(english.Keys).Select(k => $"no English template: {k}"));
        Assert.Empty(chinese.Keys.Union(english.Keys).Except(expected.Keys).Select(k => $"template without a factory: {k}"));
        foreach (var (key, sample) in expected)
        {
            var count = sample.Arguments.Count;
            var wanted = Enumerable.Range(0, count).ToArray();
            Assert.True(wanted.SequenceEqual(Placeholders(chinese[key])), $"{key}: Chinese placeholders {chinese[key]} for {count} argument(s)");
            Assert.True(wanted.SequenceEqual(Placeholders(english[key])), $"{key}: English placeholders {english[key]} for {count} argument(s)");
            Assert.True(Han().IsMatch(chinese[key]), $"{key}: the Chinese template has no Chinese character or punctuation: {chinese[key]}");
            _ = sample.In(Chinese); // well-formed for the factory's argument types: no stray braces or bad format strings
            _ = sample.In(English);
        }
    }

    private static int[] Placeholders(string template) =>
        [.. Placeholder().Matches(template).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    /// <summary>A value of each parameter's type, to call a factory.</summary>
    private static object?[] Samples(MethodInfo method) => [.. method.GetParameters().Select(p =>
        p.ParameterType == typeof(string) ? "x"
        : p.ParameterType == typeof(RuntimeText) ? RuntimeMessages.OpinionRequired()
        : p.ParameterType == typeof(DiagnosticText) ? DiagnosticTexts.Element("userTask", "x")
        : p.ParameterType == typeof(object) ? DiagnosticTexts.Condition()
        : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
        : null)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]")]
    private static partial Regex Han();
}
