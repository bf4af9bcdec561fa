using Bunit;
using G2G.Web.Components.Design;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The designer's properties panel: it shows each g2g: attribute of the selected element, writes a valid change back
/// as one change of that attribute (the page turns it into a modeling command), and refuses an invalid value with a
/// message in the field, sending nothing.
/// </summary>
public sealed class PropertiesPanelTests : WorkContext
{
    private static readonly Dictionary<string, string> HeadAttributes = new()
    {
        ["assignee"] = "departmentHead(initiator.department)", ["formKey"] = "leave/approve", ["due"] = "1wd", ["remindBefore"] = "2wh",
        ["remindEvery"] = "1wd", ["escalateAfter"] = "1wd", ["escalateTo"] = "leader(initiator.agency)",
        ["operations"] = "sendBack,addSigner,transfer", ["sendBackTo"] = "previous,initiator", ["opinion"] = "required",
    };

    /// <summary>How long a check waits for the panel to answer a change (MudBlazor's fields answer asynchronously).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<AttributeChange> _changes = [];
    private readonly List<MultiInstanceSettings?> _loops = [];

    private IRenderedComponent<PropertiesPanel> Render(DesignerElement element) =>
        Context.Render<PropertiesPanel>(p => p.Add(c => c.Element, element)
            .Add(c => c.AttributesChanged, change => _changes.Add(change))
            .Add(c => c.MultiInstanceChanged, settings => _loops.Add(settings)));

    private static DesignerElement Head(MultiInstanceSettings? loop = null) => new("head", "UserTask", "处长审批", HeadAttributes, loop);

    [Fact]
    public void EveryAttributeOfAUserTask_IsShownInItsField()
    {
        var panel = Render(Head());

        foreach (var (name, value) in HeadAttributes.Where(a => a.Key is not ("operations" or "opinion")))
            Assert.Equal(value, panel.Find($"#prop-{name}").GetAttribute("value"));
        Assert.Equal("处长审批", panel.Find("#prop-name").GetAttribute("value"));
        var checkedOperations = panel.FindAll("input[data-operation]").Where(o => o.HasAttribute("checked"))
            .Select(o => o.GetAttribute("data-operation"));
        Assert.Equal(["sendBack", "addSigner", "transfer"], checkedOperations);
        Assert.Contains("必填", panel.Find("[data-testid=properties]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assignee", "position('处长', initiator.department)")]
    [InlineData("escalateTo", "group('收发室')")]
    [InlineData("formKey", "leave/review")]
    [InlineData("due", "3wd")]
    [InlineData("remindBefore", "4wh")]
    [InlineData("remindEvery", "P1D")]
    [InlineData("escalateAfter", "1.5wh")]
    [InlineData("due", "${coalesce(deadlines.signFor, '1wd')}")]
    [InlineData("sendBackTo", "apply")]
    public void AValidValue_IsWrittenBack_AsAChangeOfThatAttribute(string name, string value)
    {
        var panel = Render(Head());

        panel.Find($"#prop-{name}").Change(value);

        panel.WaitForAssertion(() => Assert.Single(_changes), Patience);
        var change = _changes[0];
        Assert.Equal(new Dictionary<string, string?> { [name] = value }, change.Values);
        Assert.Empty(panel.FindAll($"#prop-{name}-error"));
    }

    [Fact]
    public void AnEmptiedField_RemovesTheAttribute_AndTheNameIsWrittenAsTheName()
    {
        var panel = Render(Head());

        panel.Find("#prop-formKey").Change("  ");
        panel.WaitForAssertion(() => Assert.Single(_changes), Patience);
        panel.Find("#prop-name").Change("科长审批");
        panel.WaitForAssertion(() => Assert.Equal(2, _changes.Count), Patience);

        Assert.Equal(new Dictionary<string, string?> { ["formKey"] = null }, _changes[0].Values);
        Assert.Equal(("科长审批", 0), (_changes[1].Name, _changes[1].Values.Count));
    }

    [Theory]
    [InlineData("due", "three days", "不是有效的期限")]
    [InlineData("remindEvery", "3 weeks", "不是有效的期限")]
    [InlineData("remindBefore", "${coalesce(deadlines.remind, '4wh')", "不是有效的期限表达式")]
    [InlineData("due", "${coalesce(deadlines.signFor '1wd')}", "不是有效的期限表达式")]
    [InlineData("escalateAfter", "${deadlines.escalate}", "不是有效的期限")]
    [InlineData("assignee", "boss(", "不是有效的办理人规则")]
    [InlineData("escalateTo", "leader(initiator.agency", "不是有效的办理人规则")]
    public void AnInvalidValue_IsRefusedWithAMessage_AndNothingIsSent(string name, string value, string message)
    {
        var panel = Render(Head());

        panel.Find($"#prop-{name}").Change(value);

        Assert.Contains(message, panel.WaitForElement($"#prop-{name}-error", Patience).TextContent, StringComparison.Ordinal);
        Assert.Empty(_changes);
    }

    [Fact]
    public void TickingAnOperation_WritesTheListInThePanelsOrder()
    {
        var panel = Render(Head());

        panel.Find("input[data-operation=withdraw]").Change(true);
        panel.WaitForAssertion(() => Assert.Single(_changes), Patience);
        panel.Find("input[data-operation=sendBack]").Change(false);
        panel.WaitForAssertion(() => Assert.Equal(2, _changes.Count), Patience);

        Assert.Equal("sendBack,withdraw,addSigner,transfer", _changes[0].Values["operations"]);
        Assert.Equal("withdraw,addSigner,transfer", _changes[1].Values["operations"]); // the first change is kept until the canvas answers
    }

    [Fact]
    public void AMultiInstanceStep_ShowsItsKindAndSettings_AndAnEmptiedVoteCondition_IsRefused()
    {
        var vote = new MultiInstanceSettings(false, "departments", "dept", "nrOfApproved / nrOfInstances > 0.6");
        var panel = Render(Head(vote));

        Assert.Equal(MultiInstanceKind.Vote, MultiInstanceKinds.Of(vote));
        Assert.Equal("departments", panel.Find("#prop-collection").GetAttribute("value"));
        Assert.Equal("dept", panel.Find("#prop-elementVariable").GetAttribute("value"));
        Assert.Equal("nrOfApproved / nrOfInstances > 0.6", panel.Find("#prop-completionCondition").GetAttribute("value"));

        panel.Find("#prop-collection").Change("reviewers");
        panel.WaitForAssertion(() => Assert.Equal(vote with { Collection = "reviewers" }, Assert.Single(_loops)), Patience);

        panel.Find("#prop-completionCondition").Change("");
        Assert.Single(_loops);
        Assert.Contains("票签需要完成条件", panel.WaitForElement("#prop-completionCondition-error", Patience).TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, MultiInstanceKind.None)]
    [InlineData("", MultiInstanceKind.All)]
    [InlineData("nrOfCompletedInstances>=1", MultiInstanceKind.Any)]
    [InlineData("nrOfApproved / nrOfInstances > 0.5", MultiInstanceKind.Vote)]
    public void TheKindOfAMultiInstanceStep_IsReadFromItsCompletionCondition_AndWrittenBackTheSame(string? condition, MultiInstanceKind kind)
    {
        var settings = condition is null ? null : new MultiInstanceSettings(false, "people", "person", condition == "" ? null : condition);

        Assert.Equal(kind, MultiInstanceKinds.Of(settings));
        Assert.Equal(kind, MultiInstanceKinds.Of(MultiInstanceKinds.Settings(kind, settings)));
        Assert.Equal(MultiInstanceKind.Sequential, MultiInstanceKinds.Of(MultiInstanceKinds.Settings(MultiInstanceKind.Sequential, settings)));
    }

    [Fact]
    public void AServiceTask_EditsItsAction_AndACallActivity_RefusesAVersionThatIsNotOne()
    {
        var service = Render(new DesignerElement("check", "ServiceTask", null, new Dictionary<string, string>(), null));
        service.Find("#prop-action").Change("leave.reserve");
        service.WaitForAssertion(() => Assert.Equal("leave.reserve", Assert.Single(_changes).Values["action"]), Patience);
        Assert.Empty(service.FindAll("#prop-due"));

        var call = Render(new DesignerElement("archive", "CallActivity", "归档", new Dictionary<string, string>(), null));
        call.Find("#prop-version").Change("v2");
        Assert.Contains("latest", call.WaitForElement("#prop-version-error", Patience).TextContent, StringComparison.Ordinal);
        call.Find("#prop-version").Change("2");
        call.WaitForAssertion(() => Assert.Equal("2", _changes[^1].Values["version"]), Patience);
    }

    [Fact]
    public void InEnglish_TheFieldsAndMessagesSpeakEnglish()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        var panel = Render(Head());

        panel.Find("#prop-due").Change("soon");

        Assert.Contains("Deadline", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("Not a valid deadline", panel.WaitForElement("#prop-due-error", Patience).TextContent, StringComparison.Ordinal);
    }
}
