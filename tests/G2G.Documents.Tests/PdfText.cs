using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace G2G.Documents.Tests;

/// <summary>Reading a printed document back with PdfPig: its text without spaces, runs of letters, and elements in order.</summary>
internal static class PdfText
{
    /// <summary>The text of every page, spaces left out.</summary>
    public static string Text(PdfDocument pdf) => string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The letters of the first occurrence of <paramref name="text"/> on the page (spaces left out).</summary>
    public static List<Letter> Run(IReadOnlyList<Letter> letters, string text)
    {
        letters = [.. letters.Where(l => !string.IsNullOrWhiteSpace(l.Value))];
        var all = string.Concat(letters.Select(l => l.Value));
        var at = all.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' is not on the page: {all}");
        return [.. letters.Skip(at).Take(text.Length)];
    }

    /// <summary>Each element is found after the one before it.</summary>
    public static void AssertInOrder(string text, params string[] elements)
    {
        var at = 0;
        foreach (var element in elements)
        {
            var found = text.IndexOf(element, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{element}' does not follow position {at} in: {text}");
            at = found + element.Length;
        }
    }
}
