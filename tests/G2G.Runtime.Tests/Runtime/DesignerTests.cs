using G2G.Engine.Validation;
using G2G.Runtime.Definitions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// The process designer's server side: drafts saved and listed, publishing as a new version with who and from where,
/// a diagram with errors refused with the engine's diagnostics and nothing written, the designer role required, running
/// instances counted per version; and the workflows folder never redeploying an unchanged file over a newer version
/// published in the designer, while a changed file still wins.
/// </summary>
public abstract class DesignerTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly Caller Designer = new("she.ji", null, null, ClearanceLevel.Unclassified, [], [SystemRoles.Designer], null);
    private static readonly Caller Clerk = new("ke.yuan", null, null, ClearanceLevel.Unclassified, [], [], null);

    private static string Xml(string key, string taskName, string? extra = null) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" name="设计 {taskName}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t" name="{taskName}" g2g:assignee="initiator()" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
            {extra}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private Task<T> As<T>(Caller caller, Func<DesignerService, Task<T>> work) => Runtime.In(s =>
    {
        s.GetRequiredService<CallerContext>().Current = caller;
        return work(s.GetRequiredService<DesignerService>());
    });

    [DatabaseFact]
    public async Task ADraft_IsListedWithWhoAndWhen_AndPublishing_MakesAVersionByTheDesigner_AndRemovesTheDraft()
    {
        var key = $"p{Guid.NewGuid():N}";
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(Xml(key, "办理"), "folder/test.bpmn", "system"));

        var draft = await As(Designer, d => d.SaveDraftAsync(Xml(key, "审核"), 1));
        Assert.Equal((key, "设计 审核", 1, "she.ji"), (draft.ProcessKey, draft.Name, draft.BasedOnVersion, draft.SavedBy));
        var listed = Assert.Single(await As(Designer, d => d.ListAsync()), p => p.ProcessKey == key);
        Assert.Equal("she.ji", listed.Draft?.SavedBy);
        Assert.Equal([1], listed.Versions.Select(v => v.Version));
        var saved = await As(Designer, d => d.GetDraftAsync(key));
        Assert.Contains("审核", saved?.Xml, StringComparison.Ordinal);

        var publication = await As(Designer, d => d.PublishAsync(saved!.Value.Xml));

        Assert.False(publication.Refused);
        var deployed = Assert.Single(publication.Deployed);
        Assert.Equal((2, DeploymentOutcome.Created), (deployed.Version, deployed.Outcome));
        listed = Assert.Single(await As(Designer, d => d.ListAsync()), p => p.ProcessKey == key);
        Assert.Null(listed.Draft);
        Assert.Equal([("system", "folder/test.bpmn"), ("she.ji", DesignerService.Source)], listed.Versions.Select(v => (v.DeployedBy, v.Source)));
        Assert.True(listed.Latest!.IsPublished);
        Assert.Equal("设计 审核", listed.Name);
    }

    [DatabaseFact]
    public async Task PublishingADiagramWithErrors_ReturnsTheEnginesDiagnosticsAtTheirElements_AndWritesNothing()
    {
        var key = $"p{Guid.NewGuid():N}";
        var broken = Xml(key, "办理", """<bpmn:serviceTask id="check" name="核对" />""");
        var before = await Runtime.Query(db => db.ProcessDefinitions.CountAsync());

        var publication = await As(Designer, d => d.PublishAsync(broken));

        Assert.True(publication.Refused);
        Assert.Empty(publication.Deployed);
        var error = Assert.Single(publication.Diagnostics, d => d.Code == "service.no-action");
        Assert.Equal((DiagnosticSeverity.Error, "check"), (error.Severity, error.ElementId));
        Assert.True(error.Line > 0);
        Assert.Equal(publication.Diagnostics, await As(Designer, d => d.ValidateAsync(broken))); // validation says the same
        Assert.Equal(before, await Runtime.Query(db => db.ProcessDefinitions.CountAsync()));
    }

    [DatabaseFact]
    public async Task ACopy_IsADraftUnderTheNewIdAndName_WithItsDrawing_AndABadOrTakenIdIsRefusedOnItsField()
    {
        var key = $"p{Guid.NewGuid():N}";
        var drawn = Xml(key, "办理").Replace("</bpmn:definitions>", $$"""
              <bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="dia">
                <bpmndi:BPMNPlane id="plane" bpmnElement="{{key}}">
                  <bpmndi:BPMNShape id="t_di" bpmnElement="t"><dc:Bounds x="200" y="80" width="100" height="80" /></bpmndi:BPMNShape>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """, StringComparison.Ordinal);
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(drawn, "test.bpmn"));
        var copyKey = $"c{Guid.NewGuid():N}";

        var copy = await As(Designer, d => d.CopyAsync(key, null, $" {copyKey} ", "请假（试行）"));

        Assert.Equal((copyKey, "请假（试行）", "she.ji"), (copy.ProcessKey, copy.Name, copy.SavedBy));
        var xml = (await As(Designer, d => d.GetDraftAsync(copyKey)))!.Value.Xml;
        Assert.Contains($"bpmnElement=\"{copyKey}\"", xml, StringComparison.Ordinal);
        Assert.Contains("<dc:Bounds x=\"200\" y=\"80\"", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(key, xml, StringComparison.Ordinal);
        Assert.Null(await As(Designer, d => d.GetDraftAsync(key))); // the original is untouched

        foreach (var (bad, message) in new[] { ("1abc", "cannot be a process id"), ("a b", "cannot be a process id"), (key, "is taken"), (copyKey, "is taken") })
        {
            var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, d => d.CopyAsync(key, null, bad, null)));
            Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
            Assert.Contains(message, Assert.Single(refused.FieldErrors!["key"]).English, StringComparison.Ordinal);
        }
        var missing = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, d => d.CopyAsync("no-such-process", null, $"c{Guid.NewGuid():N}", null)));
        Assert.Equal(RuntimeErrorCode.NotFound, missing.Code);
        Assert.Equal(1, await Runtime.Query(db => db.Set<ProcessDraftRecord>().CountAsync(d => d.ProcessKey == copyKey || d.ProcessKey == "1abc" || d.ProcessKey == "a b")));
    }

    [DatabaseFact]
    public async Task ADraftMustNameAProcess_AndDiscardingRemovesIt()
    {
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, d => d.SaveDraftAsync("<not-bpmn/>", null)));
        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);

        var key = $"p{Guid.NewGuid():N}";
        await As(Designer, d => d.SaveDraftAsync(Xml(key, "办理"), null));
        await As(Designer, async d => { await d.DiscardDraftAsync(key); return true; });
        Assert.Null(await As(Designer, d => d.GetDraftAsync(key)));
        var missing = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, async d => { await d.DiscardDraftAsync(key); return true; }));
        Assert.Equal(RuntimeErrorCode.NotFound, missing.Code);
    }

    [DatabaseFact]
    public async Task SomeoneWithoutTheDesignerRole_IsRefusedEverything_AndNothingIsWritten()
    {
        var key = $"p{Guid.NewGuid():N}";
        foreach (var attempt in new Func<DesignerService, Task>[]
                 {
                     d => d.ListAsync(), d => d.SaveDraftAsync(Xml(key, "办理"), null), d => d.ValidateAsync(Xml(key, "办理")),
                     d => d.PublishAsync(Xml(key, "办理")),
                 })
        {
            var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Clerk, async d => { await attempt(d); return true; }));
            Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
            Assert.Equal("ke.yuan", refused.Refusal?.Actor);
        }
        Assert.False(await Runtime.Query(db => db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == key)));
        Assert.False(await Runtime.Query(db => db.Set<ProcessDraftRecord>().AnyAsync(d => d.ProcessKey == key)));
    }

    [DatabaseFact]
    public async Task TheList_CountsTheInstancesRunningOnEachVersion()
    {
        var key = $"p{Guid.NewGuid():N}";
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(Xml(key, "办理"), "test.bpmn"));
        await Runtime.StartAsync(key);
        await Runtime.StartAsync(key);
        await As(Designer, d => d.PublishAsync(Xml(key, "审核")));
        await Runtime.StartAsync(key);

        var listed = Assert.Single(await As(Designer, d => d.ListAsync()), p => p.ProcessKey == key);

        Assert.Equal([(1, 2), (2, 1)], listed.Versions.Select(v => (v.Version, v.Running)));
    }

    [DatabaseFact]
    public async Task AFormEditedInTheDesigner_IsSavedWithTheDraft_AndPublishedWithTheNewVersion_WhileAnUnusableOneIsAnErrorAtItsTask()
    {
        var key = $"p{Guid.NewGuid():N}";
        var formKey = $"{key}/t";
        var xml = Xml(key, "办理").Replace("g2g:assignee=", $"g2g:formKey=\"{formKey}\" g2g:assignee=", StringComparison.Ordinal);
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(xml, "folder/test.bpmn",
            new Dictionary<string, string> { [formKey] = """{"components":[{"type":"textfield","key":"reason","label":"事由"}]}""" }, "system"));
        Assert.Contains("事由", await As(Designer, d => d.GetFormAsync(key, 1, formKey)), StringComparison.Ordinal); // as version 1 shows it
        Assert.Null(await As(Designer, d => d.GetFormAsync(key, 1, $"{key}/unknown")));

        const string edited = """{"components":[{"type":"textfield","key":"reason","label":"请假事由"},{"type":"number","key":"days","label":"天数"}]}""";
        var forms = new Dictionary<string, string> { [formKey] = edited, [$"{key}/gone"] = edited }; // no task names the second any more
        await As(Designer, d => d.SaveDraftAsync(xml, 1, forms));
        Assert.Equal([formKey], (await As(Designer, d => d.GetDraftFormsAsync(key))).Keys);

        var unusable = new Dictionary<string, string> { [formKey] = """{"components":[{"type":"number","label":"天数"}]}""" };
        var refused = await As(Designer, d => d.PublishAsync(xml, unusable));
        var error = Assert.Single(refused.Diagnostics);
        Assert.Equal((DesignerService.FormInvalid, "t", DiagnosticSeverity.Error), (error.Code, error.ElementId, error.Severity));
        Assert.Contains("has no \"key\"", error.Message, StringComparison.Ordinal);
        Assert.Single(await Runtime.In(s => s.GetRequiredService<DeploymentService>().ListVersionsAsync(key))); // nothing written

        var draftForms = await As(Designer, d => d.GetDraftFormsAsync(key));
        var published = await As(Designer, d => d.PublishAsync(xml, draftForms));

        Assert.Equal((2, DeploymentOutcome.Created), (published.Deployed[0].Version, published.Deployed[0].Outcome)); // the form alone is a change
        var carried = await Runtime.Query(db => db.Set<FormDefinitionRecord>().SingleAsync(f => f.DefinitionId == published.Deployed[0].DefinitionId));
        Assert.Equal((formKey, edited), (carried.FormKey, carried.Schema));
        Assert.Empty(await As(Designer, d => d.GetDraftFormsAsync(key))); // the draft went with publishing
        Assert.Equal(edited, await As(Designer, d => d.GetFormAsync(key, 2, formKey)));
        await Assert.ThrowsAsync<RuntimeException>(() => As(Clerk, d => d.GetDraftFormsAsync(key)));
    }

    [DatabaseFact]
    public async Task TheWorkflowsFolder_KeepsANewerDesignerVersion_WhileItsFileIsUnchanged_AndAChangedFileWins()
    {
        var key = $"p{Guid.NewGuid():N}";
        var folder = Directory.CreateTempSubdirectory("g2g-workflows-").FullName;
        try
        {
            var file = Path.Combine(folder, "procedure", "procedure.bpmn");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, Xml(key, "办理"));
            Task<DirectoryDeployment> Start() => Runtime.In(s => s.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(folder));
            async Task<int> Latest() => (await Runtime.In(s => s.GetRequiredService<DeploymentService>().ListVersionsAsync(key)))[^1].Version;

            await Start();
            await As(Designer, d => d.PublishAsync(Xml(key, "设计器改过")));
            Assert.Equal(2, await Latest());

            var restart = await Start(); // the file has not changed since version 1 came from it
            Assert.Equal(0, restart.Created);
            Assert.Equal(2, await Latest());

            await File.WriteAllTextAsync(file, Xml(key, "文件改过"));
            var changed = await Start();
            Assert.Equal(1, changed.Created);
            Assert.Equal(3, await Latest());
            Assert.Contains("文件改过", await Runtime.In(s => s.GetRequiredService<DeploymentService>().GetXmlAsync(key, 3)), StringComparison.Ordinal);
            Assert.Equal(0, (await Start()).Created);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class SqliteDesignerTests(SqliteTestDatabase database) : DesignerTests<SqliteTestDatabase>(database);

public sealed class PostgresDesignerTests(PostgresTestDatabase database) : DesignerTests<PostgresTestDatabase>(database);
