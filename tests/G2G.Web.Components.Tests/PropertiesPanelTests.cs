using Bunit;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Organisation;
using G2G.Web.Components.Design;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

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

    private static readonly TaskChoice[] UserTasks = [new("apply", "填写请假单"), new("head", "处长审批"), new("deputy", "分管领导审批")];

    private readonly List<AttributeChange> _changes = [];
    private readonly List<MultiInstanceSettings?> _loops = [];
    private readonly List<string> _categories = [];

    public PropertiesPanelTests() => Context.Services.AddSingleton<IDirectorySearch>(new FixedDirectory());

    private IRenderedComponent<PropertiesPanel> Render(DesignerElement element) =>
        Context.Render<PropertiesPanel>(p => p.Add(c => c.Element, element)
            .Add(c => c.AttributesChanged, change => _changes.Add(change))
            .Add(c => c.MultiInstanceChanged, settings => _loops.Add(settings))
            .Add(c => c.CategoryChanged, space => _categories.Add(space)));

    private static DesignerElement Head(MultiInstanceSettings? loop = null) => new("head", "UserTask", "处长审批", HeadAttributes, loop, UserTasks);

    /// <summary>A directory of a few entries of each kind, searched by id or name as the organisation is.</summary>
    private sealed class FixedDirectory : IDirectorySearch
    {
        private static readonly DirectoryEntry[] Entries =
        [
            new(DirectoryKind.Person, "li.ming", "李明", "预算处 · 财政厅"), new(DirectoryKind.Person, "wang.fang", "王芳", "办公室 · 财政厅"),
            new(DirectoryKind.Position, "处长", "处长", null), new(DirectoryKind.Position, "分管领导", "分管领导", null),
            new(DirectoryKind.Department, "czt-ysc", "预算处", "财政厅"), new(DirectoryKind.Agency, "czt", "财政厅", null),
            new(DirectoryKind.Group, "shoufa", "收发室", "财政厅"),
        ];

        public Task<IReadOnlyList<DirectoryEntry>> SearchAsync(DirectoryKind kind, string? text, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<DirectoryEntry>>([.. Entries.Where(e => e.Kind == kind
                && (string.IsNullOrEmpty(text) || e.Id.Contains(text, StringComparison.Ordinal) || e.Name.Contains(text, StringComparison.Ordinal)))]);
    }

    /// <summary>Picks the entry of a picker's autocomplete (searching it as typing would), as choosing from its list does.</summary>
    private static async Task PickAsync(IRenderedComponent<PropertiesPanel> panel, string inputId, string text)
    {
        var picker = panel.FindComponents<MudAutocomplete<DirectoryEntry>>().Single(a => a.FindAll($"#{inputId}").Count > 0);
#pragma warning disable MUD0012 // the test searches as typing would
        var found = Assert.Single((await picker.Instance.SearchFunc!(text, CancellationToken.None)!)!);
#pragma warning restore MUD0012
        await panel.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(found));
    }

    private static async Task ChooseAsync<T>(IRenderedComponent<PropertiesPanel> panel, string inputId, T value)
    {
        var select = panel.FindComponents<MudSelect<T>>().Single(s => s.FindAll($"#{inputId}").Count > 0);
        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public void EveryAttributeOfAUserTask_IsShownInItsField()
    {
        var panel = Render(Head());

        foreach (var (name, value) in HeadAttributes.Where(a => a.Key is not ("operations" or "opinion" or "sendBackTo")))
            Assert.Equal(value, panel.Find($"#prop-{name}").GetAttribute("value"));
        Assert.Equal("处长审批", panel.Find("#prop-name").GetAttribute("value"));
        var checkedOperations = panel.FindAll("input[data-operation]").Where(o => o.HasAttribute("checked"))
            .Select(o => o.GetAttribute("data-operation"));
        Assert.Equal(["sendBack", "addSigner", "transfer"], checkedOperations);
        var targets = panel.FindAll("input[data-target]").Where(o => o.HasAttribute("checked")).Select(o => o.GetAttribute("data-target"));
        Assert.Equal(["previous", "initiator"], targets);
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

    [Fact]
    public async Task ThePositionPicker_SearchesTheOrganisation_AndWritesARuleWithThePickedDepartment()
    {
        var panel = Render(Head());
        panel.Find("[data-testid=assignee-pick]").Click();
        Assert.Equal("（请选择）", panel.Find("[data-testid=assignee-rule]").TextContent); // a position is the default kind; none picked yet

        await PickAsync(panel, "assignee-entry", "处长");
        Assert.Equal("position('处长', initiator.department)", panel.Find("[data-testid=assignee-rule]").TextContent);
        await ChooseAsync(panel, "assignee-unit", RuleUnit.Department);
        Assert.True(panel.Find("[data-testid=assignee-use]").HasAttribute("disabled")); // which department?
        await PickAsync(panel, "assignee-unit-entry", "预算");
        panel.Find("[data-testid=assignee-use]").Click();

        panel.WaitForAssertion(() => Assert.Equal("position('处长', 'czt-ysc')", Assert.Single(_changes).Values["assignee"]), Patience);
        Assert.Empty(panel.FindAll("[data-testid=assignee-picker]")); // closed once used
    }

    [Fact]
    public async Task ThePeoplePicker_CollectsSeveralPeople_AndTheGroupAndLeaderKindsWriteTheirRules()
    {
        var panel = Render(Head());
        panel.Find("[data-testid=escalateTo-pick]").Click();

        await ChooseAsync(panel, "escalateTo-kind", RuleKind.Users);
        await PickAsync(panel, "escalateTo-entry", "李明");
        await PickAsync(panel, "escalateTo-entry", "wang");
        Assert.Equal("users(['li.ming', 'wang.fang'])", panel.Find("[data-testid=escalateTo-rule]").TextContent);
        Assert.Contains("李明（li.ming）· 预算处 · 财政厅", panel.Find("[data-testid=escalateTo-picker]").TextContent, StringComparison.Ordinal);

        await ChooseAsync(panel, "escalateTo-kind", RuleKind.Group);
        await PickAsync(panel, "escalateTo-entry", "收发");
        Assert.Equal("group('shoufa')", panel.Find("[data-testid=escalateTo-rule]").TextContent);

        await ChooseAsync(panel, "escalateTo-kind", RuleKind.Leader);
        Assert.Equal("leader(initiator.agency)", panel.Find("[data-testid=escalateTo-rule]").TextContent);
        await ChooseAsync(panel, "escalateTo-kind", RuleKind.Initiator);
        panel.Find("[data-testid=escalateTo-use]").Click();
        panel.WaitForAssertion(() => Assert.Equal("initiator()", Assert.Single(_changes).Values["escalateTo"]), Patience);
    }

    [Theory]
    [InlineData(RuleKind.User, new[] { "o'brien" }, RuleUnit.InitiatorDepartment, null, "user('o\\'brien')")]
    [InlineData(RuleKind.User, new string[0], RuleUnit.InitiatorDepartment, null, null)]
    [InlineData(RuleKind.Position, new[] { "科员" }, RuleUnit.Agency, "czt", "position('科员', 'czt')")]
    [InlineData(RuleKind.Position, new[] { "科员" }, RuleUnit.InitiatorAgency, null, "position('科员', initiator.agency)")]
    [InlineData(RuleKind.DepartmentHead, new string[0], RuleUnit.Department, "czt-ysc", "departmentHead('czt-ysc')")]
    [InlineData(RuleKind.DepartmentHead, new string[0], RuleUnit.Agency, "czt", null)]
    [InlineData(RuleKind.Leader, new string[0], RuleUnit.Agency, null, null)]
    public void ARuleIsWritten_OnlyWhenComplete_WithIdsAsQuotedLiterals(RuleKind kind, string[] picked, RuleUnit unit, string? unitId, string? rule)
    {
        Assert.Equal(rule, RuleText.Write(kind, picked, unit, unitId));
        if (rule is not null)
            Assert.True(G2G.Engine.Parsing.AssignmentRuleParser.TryParse(rule, out _, out var error), error); // the engine reads what the picker writes
    }

    [Fact]
    public void SendBackTargets_AreTheDiagramsOtherUserTasks_AndTickingOneWritesTheList()
    {
        var panel = Render(Head());

        Assert.Equal(["previous", "initiator", "apply", "deputy"], panel.FindAll("input[data-target]").Select(t => t.GetAttribute("data-target")));
        Assert.Contains("填写请假单（apply）", panel.Find("[data-testid=send-back-targets]").TextContent, StringComparison.Ordinal);
        panel.Find("input[data-target=apply]").Change(true);
        panel.WaitForAssertion(() => Assert.Single(_changes), Patience);
        panel.Find("input[data-target=previous]").Change(false);
        panel.WaitForAssertion(() => Assert.Equal(2, _changes.Count), Patience);

        Assert.Equal("previous,initiator,apply", _changes[0].Values["sendBackTo"]);
        Assert.Equal("initiator,apply", _changes[1].Values["sendBackTo"]);
    }

    [Fact]
    public void ASendBackTargetTheDiagramNoLongerHas_IsShownAndCanBeUnticked()
    {
        var panel = Render(new DesignerElement("head", "UserTask", "处长审批", new Dictionary<string, string> { ["sendBackTo"] = "gone" }, null, UserTasks));

        panel.Find("input[data-target=gone]").Change(false);

        panel.WaitForAssertion(() => Assert.Null(Assert.Single(_changes).Values["sendBackTo"]), Patience); // none: any earlier step
    }

    [Fact]
    public async Task TheProcess_ShowsItsStartersAndCategory_RefusesAStarterRuleThatIsNotOne_AndWritesTheCategoryAsTheNamespace()
    {
        var panel = Render(Process("position('科员')"));

        Assert.Equal("position('科员')", panel.Find("#prop-starters").GetAttribute("value"));
        Assert.Contains("办公事务", panel.Find("[data-testid=properties]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("#prop-assignee"));

        panel.Find("#prop-starters").Change("position(initiator.department)");
        Assert.Contains("不是有效的发起人规则", panel.WaitForElement("#prop-starters-error", Patience).TextContent, StringComparison.Ordinal);
        Assert.Empty(_changes);
        panel.Find("#prop-starters").Change("none");
        panel.WaitForAssertion(() => Assert.Equal("none", Assert.Single(_changes).Values["starters"]), Patience);

        await ChooseAsync(panel, "prop-category", "finance");
        Assert.Equal(["urn:g2g:workflows:finance"], _categories);
    }

    private static DesignerElement Process(string starters) =>
        new("leave", "Process", "请假", new Dictionary<string, string> { ["starters"] = starters }, null, TargetNamespace: "urn:g2g:workflows:office");

    [Fact]
    public async Task TheStartersPicker_AddsAPositionInAPickedDepartment_AndAPerson_ToTheList_AndAClosedRuleLeavesIt()
    {
        var panel = Render(Process("position('科员')"));
        Assert.Equal(["position('科员')"], panel.FindAll("[data-testid=starters-list] .mud-chip").Select(c => c.TextContent.Trim()));

        panel.Find("[data-testid=starters-pick]").Click();
        await PickAsync(panel, "starters-entry", "处长");
        Assert.Equal("position('处长')", panel.Find("[data-testid=starters-rule]").TextContent); // held anywhere, by default
        await ChooseAsync(panel, "starters-unit", RuleUnit.Department);
        Assert.True(panel.Find("[data-testid=starters-use]").HasAttribute("disabled")); // which department?
        await PickAsync(panel, "starters-unit-entry", "预算");
        Assert.Equal("position('处长', 'czt-ysc')", panel.Find("[data-testid=starters-rule]").TextContent);
        panel.Find("[data-testid=starters-use]").Click();
        panel.WaitForAssertion(() => Assert.Equal("position('科员'), position('处长', 'czt-ysc')", Assert.Single(_changes).Values["starters"]), Patience);
        Assert.Empty(panel.FindAll("[data-testid=starters-picker]")); // closed once used

        panel.Find("[data-testid=starters-pick]").Click();
        await ChooseAsync(panel, "starters-kind", RuleKind.User);
        await PickAsync(panel, "starters-entry", "李明");
        panel.Find("[data-testid=starters-use]").Click();
        panel.WaitForAssertion(() => Assert.Equal(2, _changes.Count), Patience);
        var written = _changes[1].Values["starters"]!;
        Assert.Equal("position('科员'), position('处长', 'czt-ysc'), user('li.ming')", written);
        Assert.True(StarterRule.TryParseList(written, out var rules, out _)); // the engine reads what the picker writes
        Assert.Equal(["position", "position", "user"], rules.Select(r => r.Kind));

        panel.FindAll("[data-testid=starters-list] .mud-chip-close-button")[0].Click(); // position('科员')
        panel.WaitForAssertion(() => Assert.Equal("position('处长', 'czt-ysc'), user('li.ming')", _changes[^1].Values["starters"]), Patience);
    }

    [Fact]
    public async Task APickedStarter_ReplacesNone_AndIsNotAddedTwice_AndTheLastOneClosedLetsAnyoneStart()
    {
        var panel = Render(Process(StarterRule.Nobody));
        Assert.Empty(panel.FindAll("[data-testid=starters-list]"));

        panel.Find("[data-testid=starters-pick]").Click();
        await ChooseAsync(panel, "starters-kind", RuleKind.Group);
        await PickAsync(panel, "starters-entry", "收发");
        panel.Find("[data-testid=starters-use]").Click();
        panel.WaitForAssertion(() => Assert.Equal("group('shoufa')", Assert.Single(_changes).Values["starters"]), Patience);

        panel.Find("[data-testid=starters-pick]").Click();
        await ChooseAsync(panel, "starters-kind", RuleKind.Group);
        await PickAsync(panel, "starters-entry", "收发");
        panel.Find("[data-testid=starters-use]").Click();
        panel.WaitForAssertion(() => Assert.Equal("group('shoufa')", _changes[^1].Values["starters"]), Patience);

        panel.Find("[data-testid=starters-list] .mud-chip-close-button").Click();
        panel.WaitForAssertion(() => Assert.Null(_changes[^1].Values["starters"]), Patience); // no attribute: anyone may start
    }

    [Fact]
    public async Task APickedStarter_IsRefusedWithTheFieldsMessage_WhileTheFieldHoldsAnInvalidList()
    {
        var panel = Render(Process("position('科员')"));
        panel.Find("#prop-starters").Change("position(initiator.department)");
        panel.WaitForElement("#prop-starters-error", Patience);
        Assert.Empty(panel.FindAll("[data-testid=starters-list]"));

        panel.Find("[data-testid=starters-pick]").Click();
        await ChooseAsync(panel, "starters-kind", RuleKind.User);
        await PickAsync(panel, "starters-entry", "李明");
        panel.Find("[data-testid=starters-use]").Click();

        panel.WaitForAssertion(() => Assert.Equal("position(initiator.department), user('li.ming')", panel.Find("#prop-starters").GetAttribute("value")), Patience);
        Assert.Contains("不是有效的发起人规则", panel.Find("#prop-starters-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(_changes);
    }

    [Theory]
    [InlineData(RuleKind.Position, new[] { "科员" }, RuleUnit.Anywhere, null, "position('科员')")]
    [InlineData(RuleKind.Position, new[] { "科员" }, RuleUnit.Agency, "czt", "position('科员', 'czt')")]
    [InlineData(RuleKind.Position, new[] { "科员" }, RuleUnit.Department, null, null)]
    [InlineData(RuleKind.Position, new[] { "科员" }, RuleUnit.InitiatorDepartment, null, null)]
    [InlineData(RuleKind.User, new[] { "o'brien" }, RuleUnit.Anywhere, null, "user(\"o'brien\")")]
    [InlineData(RuleKind.User, new[] { "o'b\"x" }, RuleUnit.Anywhere, null, null)]
    [InlineData(RuleKind.Group, new[] { "shoufa" }, RuleUnit.Anywhere, null, "group('shoufa')")]
    [InlineData(RuleKind.Users, new[] { "li.ming" }, RuleUnit.Anywhere, null, null)]
    [InlineData(RuleKind.Initiator, new string[0], RuleUnit.Anywhere, null, null)]
    public void AStarterRuleIsWritten_OnlyWhenComplete_AndOnlyOfTheKindsStartersHave(RuleKind kind, string[] picked, RuleUnit unit, string? unitId, string? rule)
    {
        Assert.Equal(rule, RuleText.WriteStarter(kind, picked, unit, unitId));
        if (rule is not null)
            Assert.True(StarterRule.TryParseList(rule, out _, out var errors), string.Join(" ", errors)); // the engine reads what the picker writes
    }
}
