using System.Globalization;
using System.Xml.Linq;
using Bunit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Runtime.Supervision;
using G2G.Web.Components.Pages;
using G2G.Web.Components.Supervision;
using G2G.Web.Components.Work;

namespace G2G.Web.Components.Tests;

/// <summary>
/// Step names are written in both languages in the diagram ("处长审批 Department head's approval", as process names are);
/// the inbox, the task's history, the instance page and the supervision lists show the half of the page's language,
/// and every user task the product ships has both halves.
/// </summary>
public sealed class StepNameTests : WorkContext
{
    private const string HeadStep = "处长审批 Department head's approval";

    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static TaskView Task(string? title) =>
        new(7, 3, "head", HeadStep, "leave", title, "leave/approve", "wu.fang", [], [], "sf-fin", "open", null,
            DateTimeOffset.UnixEpoch, null, null, null, null, 2, ClearanceLevel.Unclassified, false);

    private static void InCulture(string culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

    [Theory]
    [InlineData("zh-CN", "处长审批")]
    [InlineData("en", "Department head's approval")]
    public void TheInbox_ShowsTheStepInThePagesLanguage(string culture, string expected)
    {
        InCulture(culture);
        var grid = Context.Render<TaskGrid>(p => p
            .Add(g => g.Load, (_, _, _, _, _) => System.Threading.Tasks.Task.FromResult(new Page<TaskView>([Task(null), Task("郑凯的请假")], 1, 20, 2)))
            .Add(g => g.Now, DateTimeOffset.UnixEpoch).Add(g => g.ShowDue, true));

        grid.WaitForAssertion(() => Assert.Equal(2, grid.FindAll("tbody tr").Count));
        var rows = grid.FindAll("tbody tr");
        Assert.Equal([expected, expected], rows.Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Equal(expected, rows[0].QuerySelector("a.task-title")!.TextContent.Trim()); // untitled: the step names it
        Assert.DoesNotContain(culture == "en" ? "处长审批" : "Department", grid.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "处长审批", "退回至填写请假单")]
    [InlineData("en", "Department head's approval", "to Fill in the leave request")]
    public void TheTasksHistory_NamesStepsInThePagesLanguage(string culture, string step, string sentBackTo)
    {
        InCulture(culture);
        var history = Context.Render<TaskHistory>(p => p
            .Add(h => h.Records, [new AuditView(1, DateTimeOffset.UnixEpoch, "wu.fang", "task.sent-back", 7, "head", "apply", "请补充")])
            .Add(h => h.StepNames, new Dictionary<string, string?> { ["head"] = HeadStep, ["apply"] = "填写请假单 Fill in the leave request" }));

        var cells = history.FindAll("tbody td");
        Assert.Equal(step, cells[1].TextContent.Trim());
        Assert.Contains(sentBackTo, cells[3].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "请假", "处长审批")]
    [InlineData("en", "Leave", "Department head's approval")]
    public void TheInstancePage_ReadsTheDiagramsNamesInThePagesLanguage(string culture, string process, string step)
    {
        InCulture(culture);
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="{Bpmn.NamespaceName}"><bpmn:process id="leave" name="请假 Leave">
              <bpmn:userTask id="head" name="{HeadStep}" /></bpmn:process></bpmn:definitions>
            """;

        var (name, steps) = InstancePage.Describe(xml, "leave");

        Assert.Equal((process, step), (name, steps["head"]));
        var timeline = Context.Render<G2G.Web.Components.Instances.InstanceTimeline>(p => p
            .Add(t => t.Records, [new AuditView(1, DateTimeOffset.UnixEpoch, "wu.fang", "task.completed", 7, "head", "approve", null)])
            .Add(t => t.StepNames, steps));
        Assert.Equal(step, timeline.Find(".step").TextContent.Trim());
    }

    [Theory]
    [InlineData("zh-CN", "处长审批")]
    [InlineData("en", "Department head's approval")]
    public void TheSupervisorsOverdueList_ShowsTheStepInThePagesLanguage(string culture, string expected)
    {
        InCulture(culture);
        var item = new OverdueItem(7, 3, "郑凯的请假", HeadStep, "leave", "sf-fin", "sf-fin-ysc-1", "wu.fang", DateTimeOffset.UnixEpoch, 30,
            AgingBucket.UpTo3Days);
        var grid = Context.Render<OverdueGrid>(p => p
            .Add(g => g.Load, (_, _, _) => System.Threading.Tasks.Task.FromResult((new Page<OverdueItem>([item], 1, 20, 1), DirectoryNames.None)))
            .Add(g => g.Urge, (OverdueItem _) => { }));

        grid.WaitForAssertion(() => Assert.Single(grid.FindAll("tbody tr")));
        Assert.Equal(expected, grid.Find("tbody tr").QuerySelectorAll("td")[1].TextContent.Trim());
    }

    /// <summary>Every user task of every shipped procedure has a Chinese and an English name, each shown alone in its language.</summary>
    [Fact]
    public void EveryShippedUserTask_IsNamedInBothLanguages()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.bpmn", SearchOption.AllDirectories);
        Assert.True(files.Length >= 14, $"only {files.Length} procedures found");
        var tasks = files.SelectMany(file => XDocument.Load(file).Descendants(Bpmn + "userTask")
            .Select(task => (Where: $"{Path.GetFileName(file)}#{(string?)task.Attribute("id")}", Name: (string?)task.Attribute("name") ?? ""))).ToList();
        Assert.True(tasks.Count >= 50, $"only {tasks.Count} user tasks found");

        var missing = new List<string>();
        foreach (var (where, name) in tasks)
        {
            InCulture("zh-CN");
            var chinese = FormModel.LocalLabel(name);
            InCulture("en");
            var english = FormModel.LocalLabel(name);
            if (chinese == english || !chinese.Any(IsHan) || chinese.Any(char.IsAsciiLetter) || english.Any(IsHan) || !english.Any(char.IsAsciiLetter))
                missing.Add($"{where} \"{name}\"");
        }
        Assert.True(missing.Count == 0, "not named in both languages: " + string.Join(", ", missing));
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
