using G2G.Engine.Expressions;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Forms;

/// <summary>
/// Forms deployed with their definition: stored with the version in the database, served for a task (schema, fields,
/// read-only fields of the step, current values) and used to check its completion, per definition version: an instance
/// keeps its version's forms when a later version is published with an edited one.
/// </summary>
public abstract class FormDeploymentTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static string Xml(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
          <bpmn:process id="{key}" name="请假" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="apply" />
            <bpmn:userTask id="apply" name="申请" g2g:assignee="initiator()" g2g:formKey="{key}/apply" />
            <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="review" />
            <bpmn:userTask id="review" name="审核" g2g:assignee="user('head')" g2g:formKey="{key}/review" />
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string ApplyForm(int maxDays) =>
        $$$"""{"components":[{"type":"number","key":"days","label":"天数","validate":{"required":true,"max":{{{maxDays}}}}}]}""";

    private const string ReviewForm =
        """{"components":[{"type":"number","key":"days","label":"天数","readonly":true},{"type":"textarea","key":"note","label":"意见"}]}""";

    private static Dictionary<string, string> Forms(string key, int maxDays) =>
        new() { [$"{key}/apply"] = ApplyForm(maxDays), [$"{key}/review"] = ReviewForm };

    private Task<IReadOnlyList<DeployedProcess>> DeployAsync(string key, Dictionary<string, string> forms) =>
        Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(Xml(key), key + ".bpmn", forms, "admin"));

    private Task<TaskForm> FormAsync(long taskId) => Runtime.In(s => s.GetRequiredService<TaskForms>().GetAsync(taskId));

    [DatabaseFact]
    public async Task FormsDeployedWithAVersion_DrawAndCheckThatVersionsTasks()
    {
        var key = $"fd{Guid.NewGuid():N}"[..14];
        var first = Assert.Single(await DeployAsync(key, Forms(key, 5)));
        var early = await Runtime.StartAsync(key);
        var second = Assert.Single(await DeployAsync(key, Forms(key, 10)));   // only a form changed: a new version
        var late = await Runtime.StartAsync(key);
        Assert.Equal((1, 2, DeploymentOutcome.Created), (first.Version, second.Version, second.Outcome));

        var earlyForm = await FormAsync((await Runtime.TaskAsync(early, "apply")).Id);
        var lateForm = await FormAsync((await Runtime.TaskAsync(late, "apply")).Id);
        Assert.Equal((first.DefinitionId, 5m), (earlyForm.DefinitionId, earlyForm.Fields.Single().Max));
        Assert.Equal((second.DefinitionId, 10m), (lateForm.DefinitionId, lateForm.Fields.Single().Max));
        Assert.Equal("天数", earlyForm.Schema.GetProperty("components")[0].GetProperty("label").GetString());

        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            Runtime.CompleteAsync(earlyForm.TaskId, "zhang.san", null, ("days", 8)));
        Assert.Equal(["days"], refused.FieldErrors!.Keys);
        await Runtime.CompleteAsync(lateForm.TaskId, "zhang.san", null, ("days", 8));
    }

    [DatabaseFact]
    public async Task AnInstance_KeepsTheFormsOfItsVersion_WhenALaterVersionIsPublishedWithAnEditedForm()
    {
        var key = $"fd{Guid.NewGuid():N}"[..14];
        var folder = Directory.CreateTempSubdirectory("g2g-workflows-").FullName;
        try
        {
            // Version 1 from the workflows folder, its forms deployed on their own (forms/*.json), as the shipped procedures are.
            Directory.CreateDirectory(Path.Combine(folder, key, "forms"));
            await File.WriteAllTextAsync(Path.Combine(folder, key, $"{key}.bpmn"), Xml(key));
            await File.WriteAllTextAsync(Path.Combine(folder, key, "forms", "apply.json"), ApplyForm(5));
            await File.WriteAllTextAsync(Path.Combine(folder, key, "forms", "review.json"), ReviewForm);
            Task<DirectoryDeployment> StartNode() => Runtime.In(s => s.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(folder));
            Assert.Equal((1, 2), ((await StartNode()).Created, (await Runtime.Query(db => db.Set<FormDefinitionRecord>().CountAsync(f => f.FormKey.StartsWith(key))))));
            var onVersion1 = await Runtime.StartAsync(key);
            var alsoOnVersion1 = await Runtime.StartAsync(key);

            // Version 2 published with the apply form edited (as the designer publishes: only the edited form is carried).
            var second = Assert.Single(await DeployAsync(key, new() { [$"{key}/apply"] = ApplyForm(10) }));
            var onVersion2 = await Runtime.StartAsync(key);

            var form1 = await FormAsync((await Runtime.TaskAsync(onVersion1, "apply")).Id);
            var form2 = await FormAsync((await Runtime.TaskAsync(onVersion2, "apply")).Id);
            Assert.Equal((null, 5m), (form1.DefinitionId, form1.Fields.Single().Max)); // version 1's form, not version 2's
            Assert.Equal((second.DefinitionId, 10m), (form2.DefinitionId, form2.Fields.Single().Max));
            var refused = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.CompleteAsync(form1.TaskId, "zhang.san", null, ("days", 8)));
            Assert.Equal(["days"], refused.FieldErrors!.Keys); // checked against the form it shows
            await Runtime.CompleteAsync(form1.TaskId, "zhang.san", null, ("days", 4));
            await Runtime.CompleteAsync(form2.TaskId, "zhang.san", null, ("days", 8));
            Assert.Equal(["days", "note"], (await FormAsync((await Runtime.TaskAsync(onVersion2, "review")).Id)).Fields.Select(f => f.Key)); // the unedited form is shared

            // The node starts again with the folder unchanged: nothing is deployed over version 2's form.
            Assert.Equal((0, 0), ((await StartNode()).Created, (await StartNode()).Forms));
            Assert.Equal(3, await Runtime.Query(db => db.Set<FormDefinitionRecord>().CountAsync(f => f.FormKey.StartsWith(key))));

            // Version 3 without a form of its own takes version 2's, the latest before it; version 1 still keeps its own.
            await DeployAsync(key, []);
            var onVersion3 = await Runtime.StartAsync(key);
            Assert.Equal(10m, (await FormAsync((await Runtime.TaskAsync(onVersion3, "apply")).Id)).Fields.Single().Max);
            Assert.Equal(5m, (await FormAsync((await Runtime.TaskAsync(alsoOnVersion1, "apply")).Id)).Fields.Single().Max);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [DatabaseFact]
    public async Task TheNextStepsForm_ShowsItsReadOnlyFields_WithTheValuesEnteredBefore()
    {
        var key = $"fd{Guid.NewGuid():N}"[..14];
        await DeployAsync(key, Forms(key, 5));
        var id = await Runtime.StartAsync(key);
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san", null, ("days", 3));

        var review = await FormAsync((await Runtime.TaskAsync(id, "review")).Id);

        Assert.Equal($"{key}/review", review.FormKey);
        Assert.Equal([("days", true), ("note", false)], review.Fields.Select(f => (f.Key, f.ReadOnly)));
        Assert.Equal(Value.From(3), review.Values["days"]);
        Assert.False(review.Values.ContainsKey("note"));
    }

    [DatabaseFact]
    public async Task TheSameFileWithTheSameForms_IsUnchanged()
    {
        var key = $"fd{Guid.NewGuid():N}"[..14];
        await DeployAsync(key, Forms(key, 5));

        var again = Assert.Single(await DeployAsync(key, Forms(key, 5)));

        Assert.Equal((1, DeploymentOutcome.Unchanged), (again.Version, again.Outcome));
        Assert.Equal(2, await Runtime.Query(db => db.Set<FormDefinitionRecord>().CountAsync(f => f.FormKey.StartsWith(key))));
    }

    [DatabaseFact]
    public async Task AFormNoTaskUses_OrABrokenSchema_IsRefused_NamingIt_AndNothingIsWritten()
    {
        var key = $"fd{Guid.NewGuid():N}"[..14];
        var forms = Forms(key, 5);
        forms[$"{key}/aply"] = ApplyForm(5);
        forms[$"{key}/review"] = """{"components":[{"key":"x"}]}""";

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => DeployAsync(key, forms));

        Assert.Equal(RuntimeErrorCode.DefinitionInvalid, refused.Code);
        Assert.Contains(refused.Details, d => d.English.Contains($"'{key}/aply' is not the g2g:formKey", StringComparison.Ordinal));
        Assert.Contains(refused.Details, d => d.English.Contains($"'{key}/review' is not a usable form schema", StringComparison.Ordinal));
        Assert.False(await Runtime.Query(db => db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == key)));
        Assert.False(await Runtime.Query(db => db.Set<FormDefinitionRecord>().AnyAsync(f => f.FormKey.StartsWith(key))));
    }

    [DatabaseFact]
    public async Task ATaskWhoseFormIsNotDeployed_AnswersNotFound()
    {
        var key = $"fd{Guid.NewGuid():N}"[..14];
        await DeployAsync(key, []);
        var id = await Runtime.StartAsync(key);

        var missing = await Assert.ThrowsAsync<RuntimeException>(async () => await FormAsync((await Runtime.TaskAsync(id, "apply")).Id));

        Assert.Equal(RuntimeErrorCode.NotFound, missing.Code);
        Assert.Contains("is not deployed", missing.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteFormDeploymentTests(SqliteTestDatabase database) : FormDeploymentTests<SqliteTestDatabase>(database);

public sealed class PostgresFormDeploymentTests(PostgresTestDatabase database) : FormDeploymentTests<PostgresTestDatabase>(database);
