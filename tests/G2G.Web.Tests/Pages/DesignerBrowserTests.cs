using System.Globalization;
using System.Xml.Linq;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// /designer in a real browser on the demo province: the administrator opens the leave procedure in bpmn-js's modeler,
/// adds a step after 销假 and makes it a service task, sees the engine's validation error at that step on the canvas and
/// in the list, fixes it in the properties panel and publishes version 2, which the list then shows and compares with
/// version 1 (the step marked added); a property edit is
/// refused while invalid, then undone and redone; a Camunda Modeler file from the MIWG conformance set is imported and
/// exported with its diagram unchanged; a clerk gets the not-found page and no link.
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class DesignerBrowserTests : IAsyncLifetime
{
    private readonly DemoBrowser _browser = new();

    public Task InitializeAsync() => _browser.StartAsync();

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    [ChromiumFact]
    public async Task TheAdministrator_AddsAStep_SeesItsErrorOnTheCanvas_FixesItInThePanel_AndPublishesVersion2()
    {
        var page = await _browser.SignInAsync("zhou.wen");
        await _browser.OpenAsync(page, "/inbox");
        await page.Locator("nav.sections a[href=designer]").ClickAsync(); // the header links designers to it
        await DemoBrowser.InteractiveAsync(page);
        var leave = page.Locator(".procedure[data-process-key=leave]");
        await leave.Locator("tr[data-version='1']").WaitForAsync();
        await leave.Locator("[data-testid=open-latest]").ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(".canvas .djs-element[data-element-id=reportBack]").WaitForAsync();
        Assert.Contains("第 1 版", await page.Locator("[data-testid=opened]").InnerTextAsync(), StringComparison.Ordinal);

        // A new step after 销假, made a service task: it names no action yet.
        var step = await AppendServiceTaskAsync(page, "服务环节");

        await page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        var message = page.Locator($"[data-testid=diagnostics] li.error button[data-element-id='{step}']");
        await message.WaitForAsync();
        Assert.Contains($"服务任务“{step}”没有指定动作", await message.InnerTextAsync(), StringComparison.Ordinal); // in the page's language
        await page.Locator($".canvas .djs-element.g2g-error[data-element-id='{step}']").WaitForAsync(); // marked on the canvas
        await page.Locator($".canvas .g2g-diagnostic-error[data-element-id='{step}']").WaitForAsync(); // with its badge

        await page.Locator(".canvas .djs-element[data-element-id=reportBack]").ClickAsync(); // another element, then the message selects the step
        await page.GetByTestId("properties").GetByText("销假").WaitForAsync();
        await message.ClickAsync();
        await page.GetByTestId("properties").GetByRole(AriaRole.Heading, new() { Name = step }).WaitForAsync();
        await page.Locator("#prop-action").FillAsync("leave.reserve");
        await page.Locator("#prop-action").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=diagnostics] li.error")).ToHaveCountAsync(0); // a warning is left: a dead end
        await page.Locator($".canvas .djs-element.g2g-warning[data-element-id='{step}']").WaitForAsync();
        await DemoBrowser.ScreenshotAsync(page, "designer");

        await page.GetByRole(AriaRole.Button, new() { Name = "发布新版本" }).ClickAsync();
        var version2 = page.Locator(".procedure[data-process-key=leave] tr[data-version='2']");
        await version2.WaitForAsync();
        var row = await version2.InnerTextAsync();
        Assert.Contains("周文", row, StringComparison.Ordinal);
        Assert.Contains("流程设计器", row, StringComparison.Ordinal);
        Assert.Contains("已发布", row, StringComparison.Ordinal);

        // Compared with version 1: the new step is marked added on version 2's drawing; 销假 (its new outgoing flow) is not changed.
        await version2.GetByTestId("compare").ClickAsync();
        await page.Locator($".canvas[data-side=newer] .djs-element.g2g-added[data-element-id='{step}']").WaitForAsync();
        await page.Locator($".canvas[data-side=newer] .g2g-diff-added[data-element-id='{step}']").WaitForAsync();
        Assert.Contains(step, await page.GetByTestId("diff-summary").Locator("li.added").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".canvas .djs-element.g2g-changed[data-element-id=reportBack]").CountAsync());
        await DemoBrowser.ScreenshotAsync(page, "designer-compare");

        using var scope = _browser.Services.CreateScope();
        var published = await scope.ServiceProvider.GetRequiredService<DeploymentService>().GetXmlAsync("leave", 2);
        var service = XDocument.Parse(published).Descendants().Single(e => (string?)e.Attribute("id") == step);
        Assert.Equal("serviceTask", service.Name.LocalName);
        Assert.Equal("leave.reserve", (string?)service.Attribute(XName.Get("action", "urn:g2g:bpmn:1.0")));
    }

    [ChromiumFact]
    public async Task TheEnginesMessages_AreInEnglish_OnAnEnglishPage_WithTheirLineAndElement()
    {
        var page = await _browser.SignInAsync("zhou.wen", "en-US");
        await _browser.OpenAsync(page, "/designer/leave");
        var step = await AppendServiceTaskAsync(page, "Service task");

        await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        var message = page.Locator($"[data-testid=diagnostics] li.error button[data-element-id='{step}']");
        await message.WaitForAsync();
        var text = await message.InnerTextAsync();
        Assert.Contains($"Service task '{step}' names no action; set g2g:action to a registered action.", text, StringComparison.Ordinal);
        Assert.Matches(@"line \d+", text);
        var badge = page.Locator($".canvas .g2g-diagnostic-error[data-element-id='{step}']");
        Assert.Contains($"Service task '{step}' names no action", await badge.GetAttributeAsync("title"), StringComparison.Ordinal);
    }

    /// <summary>Appends a task after 销假 and makes it a service task (which names no action yet); returns its id.</summary>
    private static async Task<string> AppendServiceTaskAsync(IPage page, string kindLabel)
    {
        await page.Locator(".canvas .djs-element[data-element-id=reportBack]").ClickAsync();
        await page.Locator(".djs-context-pad [data-action='append.append-task']").ClickAsync();
        await page.Keyboard.PressAsync("Escape"); // leaves the label editor bpmn-js opens on a new shape
        await page.Locator(".djs-context-pad [data-action=replace]").ClickAsync();
        await page.Locator(".djs-popup [data-id=replace-with-service-task]").ClickAsync();
        await page.GetByTestId("properties").GetByText(kindLabel).WaitForAsync();
        return (await page.GetByTestId("properties").Locator(".mud-typography-caption").InnerTextAsync()).Split('·')[1].Trim();
    }

    [ChromiumFact]
    public async Task APropertyEdit_IsRefusedWhileInvalid_ThenUndoneAndRedone()
    {
        var page = await _browser.SignInAsync("zhou.wen");
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") console.Add(message.Text); };
        await _browser.OpenAsync(page, "/designer/leave");
        await page.Locator(".canvas .djs-element[data-element-id=head]").ClickAsync();
        var due = page.Locator("#prop-due");
        Assert.Equal("1wd", await due.InputValueAsync());

        await due.FillAsync("three days");
        await due.PressAsync("Tab");
        await page.Locator("#prop-due-error").GetByText("不是有效的期限").WaitForAsync();
        Assert.True(await page.GetByTestId("undo").IsDisabledAsync()); // nothing reached the canvas

        await due.FillAsync("3wd");
        await due.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("undo")).ToBeEnabledAsync();
        await page.GetByTestId("undo").ClickAsync();
        await Assertions.Expect(due).ToHaveValueAsync("1wd");
        await page.GetByTestId("redo").ClickAsync();
        await Assertions.Expect(due).ToHaveValueAsync("3wd");

        // 会签 → 票签: the completion condition is written with the loop.
        await page.Locator("#prop-multi-instance").Locator("xpath=..").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "票签（按比例）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#prop-completionCondition")).ToHaveValueAsync("nrOfApproved / nrOfInstances > 0.5");
        await page.Locator(".canvas .djs-element[data-element-id=head] .djs-visual").WaitForAsync();

        // The keyboard is bpmn-js 18's own, bound to the canvas: Ctrl+Z on the diagram undoes the 票签, and no
        // deprecated keyboard.bindTo configuration is reported in the console.
        await page.Locator(".canvas .djs-element[data-element-id=head]").ClickAsync();
        await page.Keyboard.PressAsync("Control+Z");
        await Assertions.Expect(page.Locator("#prop-completionCondition")).ToHaveCountAsync(0);
        Assert.DoesNotContain(console, text => text.Contains("keyboard", StringComparison.OrdinalIgnoreCase));
    }

    [ChromiumFact]
    public async Task ATasksForm_IsEditedInTheFormEditor_AndPublished_WithTheNewVersion()
    {
        var page = await _browser.SignInAsync("zhou.wen");
        await _browser.OpenAsync(page, "/designer/leave");
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(".canvas .djs-element[data-element-id=head]").ClickAsync();
        await page.GetByTestId("edit-form").ClickAsync();

        // form-js's editor opens on the form version 1 shows (leave/approve, from the workflows folder).
        var editor = page.GetByTestId("form-editor");
        await page.Locator("[data-testid=form-editor][data-open=true]").WaitForAsync();
        Assert.Contains("leave/approve", await editor.InnerTextAsync(), StringComparison.Ordinal);
        await editor.Locator(".fjs-element[data-field-type=textarea]").ClickAsync(); // 事由 Reason
        await editor.Locator(".bio-properties-panel-group-header", new() { HasText = "General" }).ClickAsync(); // form-js's properties group
        var label = editor.Locator("#bio-properties-panel-label");
        await label.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("请假事由 Reason");
        await editor.Locator(".fjs-editor-container .fjs-element").GetByText("请假事由 Reason").WaitForAsync();
        await DemoBrowser.ScreenshotAsync(page, "designer-form");
        await page.GetByTestId("form-save").ClickAsync();
        await Assertions.Expect(editor).ToHaveCountAsync(0);
        Assert.Contains("未保存", await page.Locator("[data-testid=opened]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "发布新版本" }).ClickAsync();
        await page.Locator(".procedure[data-process-key=leave] tr[data-version='2']").WaitForAsync();

        // Version 2 carries the edited form: its tasks show and check it.
        using var scope = _browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var version2 = await db.ProcessDefinitions.SingleAsync(d => d.ProcessKey == "leave" && d.Version == 2);
        var carried = await db.Set<FormDefinitionRecord>().SingleAsync(f => f.DefinitionId == version2.Id);
        Assert.Equal("leave/approve", carried.FormKey);
        var form = FormSchema.Parse(carried.Schema);
        Assert.Equal("请假事由 Reason", form.Fields.Single(f => f.Key == "reason").Label);
        Assert.Equal("开始日期 From", form.Fields.Single(f => f.Key == "startDate").Label);
        Assert.Equal(["leaveType", "startDate", "endDate", "days", "balanceLeft", "reason", "decision"], form.Fields.Select(f => f.Key)); // the rest as it was
        Assert.Equal(["date", "date"], form.Fields.Where(f => f.Key.EndsWith("Date", StringComparison.Ordinal)).Select(f => f.Type)); // our spelling of dates
    }

    [ChromiumFact]
    public async Task ACamundaModelerFile_IsImported_AndExportedWithItsDiagramUnchanged()
    {
        var file = ConformanceFile("miwg-bpmn-io/C.1.0-export.bpmn");
        if (file is null)
            return; // the MIWG folder is not beside the repository (the engine's conformance tests say so, skipped)
        var page = await _browser.SignInAsync("zhou.wen");
        await _browser.OpenAsync(page, "/designer");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.WaitForURLAsync(url => url.EndsWith("/designer/Process_1mgwbq0", StringComparison.Ordinal));
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(".canvas .djs-shape").First.WaitForAsync();
        Assert.Contains("草稿", await page.Locator("[data-testid=opened]").InnerTextAsync(), StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出 .bpmn" }).ClickAsync());
        Assert.Equal("Process_1mgwbq0.bpmn", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal(Diagram(await File.ReadAllTextAsync(file)), Diagram(exported));
    }

    [ChromiumFact]
    public async Task AClerk_GetsTheNotFoundPage_AndNoLink()
    {
        var page = await _browser.SignInAsync("chen.jing");
        await _browser.OpenAsync(page, "/inbox");
        Assert.Equal(0, await page.Locator("nav.sections a[href=designer]").CountAsync());
        var response = await page.GotoAsync(_browser.Address + "/designer");
        Assert.Equal(404, response?.Status);
        response = await page.GotoAsync(_browser.Address + "/designer/leave");
        Assert.Equal(404, response?.Status);
        await page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" }).WaitForAsync();
    }

    /// <summary>Every shape's bounds and every edge's waypoints, by diagram element id: what "the diagram" is.</summary>
    private static List<string> Diagram(string xml)
    {
        XNamespace di = "http://www.omg.org/spec/BPMN/20100524/DI";
        string Number(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        var document = XDocument.Parse(xml);
        var shapes = document.Descendants(di + "BPMNShape").Select(s => s.Elements().First(b => b.Name.LocalName == "Bounds") is var b
            ? $"{(string?)s.Attribute("bpmnElement")} {Number(b, "x")},{Number(b, "y")} {Number(b, "width")}x{Number(b, "height")}" : "");
        var edges = document.Descendants(di + "BPMNEdge").Select(e => $"{(string?)e.Attribute("bpmnElement")} "
            + string.Join(" ", e.Elements().Where(w => w.Name.LocalName == "waypoint").Select(w => $"{Number(w, "x")},{Number(w, "y")}")));
        return [.. shapes.Concat(edges).Order(StringComparer.Ordinal)];
    }

    /// <summary>A file of the MIWG conformance set (shared/conformance beside the repository, or G2G_CONFORMANCE_DIR), or null.</summary>
    private static string? ConformanceFile(string relative)
    {
        if (Environment.GetEnvironmentVariable("G2G_CONFORMANCE_DIR") is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, relative)) ? Path.Combine(configured, relative) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var folder in new[] { Path.Combine(dir.FullName, "shared", "conformance"), Path.Combine(dir.FullName, "..", "shared", "conformance") })
            {
                if (File.Exists(Path.Combine(folder, relative)))
                    return Path.GetFullPath(Path.Combine(folder, relative));
            }
        }
        return null;
    }
}
