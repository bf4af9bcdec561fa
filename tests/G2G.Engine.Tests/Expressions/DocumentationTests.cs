using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Expressions;

public class DocumentationTests
{
    private static string ReadDocs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "expressions.md");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/expressions.md not found above the test output folder.");
    }

    [Fact]
    public void LanguageReference_DocumentsEveryBuiltInFunction()
    {
        var docs = ReadDocs();
        var undocumented = Functions.Names.Where(name => !docs.Contains($"`{name}(", StringComparison.Ordinal)).Order().ToList();
        Assert.Empty(undocumented);
    }

    [Fact]
    public void LanguageReference_ExamplesParse()
    {
        var docs = ReadDocs();
        var start = docs.IndexOf("## Quick examples", StringComparison.Ordinal);
        var block = docs[(docs.IndexOf("```text", start, StringComparison.Ordinal) + 7)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length >= 10);
        foreach (var line in lines) Assert.True(Expression.TryParse(line, out _, out var error), $"{line}: {error}");
    }
}
