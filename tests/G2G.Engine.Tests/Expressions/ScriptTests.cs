using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class ScriptTests
{
    private static IReadOnlyList<KeyValuePair<string, Value>> Run(string source, params (string, object?)[] variables) =>
        Script.Parse(source).Run(Scope(variables), Context);

    private static string Updates(string source, params (string, object?)[] variables) =>
        string.Join("; ", Run(source, variables).Select(u => $"{u.Key} = {u.Value}"));

    [Fact]
    public void Statements_RunInOrder_AndSeeEarlierResults() =>
        Assert.Equal("total = 30; big = true; label = 'total 30'",
            Updates("total = sum(map(lines, l -> l.amount))\nbig = total > 25; label = 'total ' + total",
                ("lines", new[] { Record(("amount", 10)), Record(("amount", 20)) })));

    [Fact]
    public void NestedPathAssignment_ReturnsTheUpdatedRootRecord() =>
        Assert.Equal("form = {amount: 5, approved: true}",
            Updates("form.approved = true", ("form", Record(("amount", 5), ("approved", false)))));

    [Fact]
    public void DeepAssignment_CreatesMissingRecordsAlongThePath() =>
        Assert.Equal("form = {address: {city: '北京'}, amount: 5}; result = {score: 1}",
            Updates("form.address.city = '北京'; result.score = 1", ("form", Record(("amount", 5), ("address", null)))));

    [Fact]
    public void IndexAssignment_CopiesTheListWithOneItemReplaced() =>
        Assert.Equal(
            "lines = [{amount: 1}, {amount: 99}]; " +
            "lines = [{amount: 1}, {amount: 99, checked: true}]; " +
            "lines = [{amount: 1}, {amount: 100, checked: true}]",
            Updates("lines[-1].amount = 99; lines[1].checked = true\nlines[1]['amount'] = lines[1].amount + 1",
                ("lines", new[] { Record(("amount", 1)), Record(("amount", 2)) })));

    [Fact]
    public void RepeatedAssignments_EachProduceAnUpdate()
    {
        var updates = Run("x = 1; x = x + 1; x = x * 10");
        Assert.Equal(["x", "x", "x"], updates.Select(u => u.Key));
        Assert.Equal(Value.From(20), updates[^1].Value);
    }

    [Fact]
    public void Run_DoesNotChangeTheCallersScope()
    {
        var scope = Scope(("x", 1));
        Script.Parse("x = 2").Run(scope, Context);
        Assert.True(scope.TryGetVariable("x", out var x));
        Assert.Equal(Value.From(1), x);
    }

    [Fact]
    public void ExpressionsMaySpanLinesInsideBrackets()
    {
        var updates = Run("total = sum(\n  [1,\n   2])\ncount = 1");
        Assert.Equal(["total", "count"], updates.Select(u => u.Key));
    }

    [Fact]
    public void BlankLinesCommentsAndExtraSemicolons_AreIgnored() =>
        Assert.Equal("a = 1; b = 2", Updates("// start\n\na = 1;;\n\n b = 2 ; // done\n"));

    [Fact]
    public void AssignedValueMayUseEquality() => Assert.Equal("same = true", Updates("same = a = 1", ("a", 1)));

    [Fact]
    public void RootAndAssignedVariables_SeparateInputsFromOutputs()
    {
        var script = Script.Parse("total = sum(lines, l -> l.amount)\nform.total = total\nform.approved = total < limit\nflag = x; x = 1; y = x");
        Assert.Equal(["lines", "form", "limit", "x"], script.RootVariables);
        Assert.Equal(["total", "form", "flag", "x", "y"], script.AssignedVariables);
    }

    [Theory]
    [InlineData("x = 1 y = 2", 6, "Expected ';' or a new line after the statement but found 'y'")]
    [InlineData("x == 1", 2, "Use '=' to assign, not '=='")]
    [InlineData("x", 1, "Expected '=' after the assignment target but found end of expression")]
    [InlineData("1 = x", 0, "A statement starts with the variable to assign, like 'total = ...', not '1'")]
    [InlineData("sum(x) = 1", 0, "A statement must assign a value, like 'x = ...'; a function call alone does nothing")]
    [InlineData("form?.x = 1", 4, "'?.' and '?[' cannot be used in the target of an assignment")]
    [InlineData("a = 1\nb = (2", 12, "Expected ')' but found end of expression")]
    [InlineData("a = 1\nb = sumx(l)", 10, "Unknown function 'sumx' (did you mean 'sum'?)")]
    public void SyntaxErrors_PointIntoTheScript(string source, int offset, string message)
    {
        Assert.False(Script.TryParse(source, out _, out var error));
        Assert.Equal((message, offset), (error!.Message, error.Offset));
    }

    [Fact]
    public void SyntaxErrorsOnLaterLines_ReportTheLine()
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => Script.Parse("a = 1\nb = (2"));
        Assert.Equal((2, 7), (ex.Error.Line, ex.Error.Column));
    }

    [Theory]
    [InlineData("n = 5; n.x = 1", EvaluationErrorCode.TypeMismatch, 9)]
    [InlineData("l[5] = 1", EvaluationErrorCode.ArgumentError, 1)]
    [InlineData("l['a'] = 1", EvaluationErrorCode.TypeMismatch, 1)]
    [InlineData("r[0] = 1", EvaluationErrorCode.TypeMismatch, 1)]
    [InlineData("a = 1\nb = missing", EvaluationErrorCode.MissingVariable, 10)]
    public void RuntimeErrors_HaveCodesAndPositions(string source, EvaluationErrorCode code, int offset)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Run(source, ("l", new[] { 1 }), ("r", Record())));
        Assert.Equal((code, offset), (error.Code, error.Offset));
        Assert.Equal(source, error.Source);
    }

    [Fact]
    public void StepLimit_CoversTheWholeRun()
    {
        var context = new EvaluationContext { Limits = new ExpressionLimits { MaxSteps = 4 } };
        var script = Script.Parse("a = 1; b = 2; c = 3; d = 4; e = 5");
        var error = Assert.Throws<ExpressionEvaluationException>(() => script.Run(DictionaryVariableScope.Empty, context));
        Assert.Equal(EvaluationErrorCode.LimitExceeded, error.Code);
    }

    [Fact]
    public void EmptyScript_DoesNothing()
    {
        var script = Script.Parse("  \n // nothing\n");
        Assert.Empty(script.Run(DictionaryVariableScope.Empty, Context));
        Assert.Empty(script.RootVariables);
        Assert.Empty(script.AssignedVariables);
    }
}
