using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using G2G.Runtime;

namespace G2G.Documents.Tests;

/// <summary>Every message of the documents module exists in Simplified Chinese and English, with the placeholders its factory fills.</summary>
public sealed partial class MessageCatalogTests
{
    [Fact]
    public void DocumentsMessages_AreComplete_InBothLanguages()
    {
        var chinese = DocumentsMessages.Templates.Entries(CultureInfo.InvariantCulture);
        var english = DocumentsMessages.Templates.Entries(CultureInfo.GetCultureInfo("en"));
        var factories = typeof(DocumentsMessages).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(RuntimeText)).ToList();
        Assert.Equal(factories.Select(f => f.Name).Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(chinese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        foreach (var factory in factories)
        {
            var samples = factory.GetParameters().Select(p => p.ParameterType == typeof(RuntimeText) ? DocumentsMessages.NoSeal()
                : p.ParameterType == typeof(string) ? "x" : Activator.CreateInstance(p.ParameterType)).ToArray();
            var text = (RuntimeText)factory.Invoke(null, samples)!;
            Assert.Equal(factory.Name, text.Key);
            var wanted = Enumerable.Range(0, samples.Length);
            Assert.True(wanted.SequenceEqual(Placeholders(chinese[factory.Name])), $"{factory.Name}: Chinese placeholders");
            Assert.True(wanted.SequenceEqual(Placeholders(english[factory.Name])), $"{factory.Name}: English placeholders");
            Assert.Matches(Han(), chinese[factory.Name]);
        }
    }

    private static int[] Placeholders(string template) =>
        [.. Placeholder().Matches(template).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
