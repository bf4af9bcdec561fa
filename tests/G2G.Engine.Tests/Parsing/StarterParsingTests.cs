using G2G.Engine.Parsing;

namespace G2G.Engine.Tests.Parsing;

/// <summary><c>g2g:starters</c> on a process: who may start it themselves (docs/bpmn-extensions.md, "Who may start").</summary>
public class StarterParsingTests
{
    private static string WithStarters(string attribute) =>
        Bpmn.Around("<bpmn:task id=\"x\" />").Replace("<bpmn:process id=\"p\" isExecutable=\"true\">",
            $"<bpmn:process id=\"p\" isExecutable=\"true\" {attribute}>", StringComparison.Ordinal);

    [Fact]
    public void WithoutTheAttribute_AnyoneMayStart()
    {
        var document = BpmnParser.Parse(WithStarters(""));

        Assert.Empty(document.Diagnostics);
        Assert.Null(Assert.Single(document.Processes).Starters);
    }

    [Fact]
    public void None_LetsNobodyStart()
    {
        var document = BpmnParser.Parse(WithStarters("g2g:starters=\" none \""));

        Assert.Empty(document.Diagnostics);
        Assert.Empty(Assert.Single(document.Processes).Starters!);
    }

    [Fact]
    public void Rules_AreReadWithTheirLiteralArguments()
    {
        var document = BpmnParser.Parse(WithStarters("g2g:starters=\"position('档案员'), position(&quot;处长&quot;, 'gd-fin'), group('receivers'), user('zhang.min')\""));

        Assert.Empty(document.Diagnostics);
        Assert.Equal(
            [("position", "档案员"), ("position", "处长|gd-fin"), ("group", "receivers"), ("user", "zhang.min")],
            Assert.Single(document.Processes).Starters!.Select(r => (r.Kind, string.Join('|', r.Arguments))));
    }

    [Theory]
    [InlineData("g2g:starters=\"\"", "names nobody")]
    [InlineData("g2g:starters=\"leader()\"", "'leader' is not a starter rule")]
    [InlineData("g2g:starters=\"user(initiator.id)\"", "not quoted text")]
    [InlineData("g2g:starters=\"position('a', 'b', 'c')\"", "position takes 1 to 2 arguments, not 3")]
    [InlineData("g2g:starters=\"group\"", "write it as")]
    public void InvalidRules_AreNamed(string attribute, string explained)
    {
        var document = BpmnParser.Parse(WithStarters(attribute));

        var error = Assert.Single(document.Diagnostics, d => d.Code == "extension.invalid");
        Assert.Equal("p", error.ElementId);
        Assert.Contains("g2g:starters", error.Message, StringComparison.Ordinal);
        Assert.Contains(explained, error.Message, StringComparison.Ordinal);
    }
}
