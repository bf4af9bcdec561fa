using System.Text.Json;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Forms;

/// <summary>
/// What a client needs to draw a task's form: the schema as deployed (form-js JSON), its fields as the server reads
/// them (which are required, which read-only at this step) and the current values of its fields from the instance.
/// </summary>
public sealed record TaskForm(long TaskId, string FormKey, int Version, long? DefinitionId, JsonElement Schema,
    IReadOnlyList<FormField> Fields, IReadOnlyDictionary<string, Value> Values);

/// <summary>
/// The form of a task: the one its instance's definition version shows (<see cref="ForVersion"/>), so a running instance
/// keeps its version's forms when a later version is published with an edited form. Completion checks the submission
/// against the same schema.
/// </summary>
public sealed class TaskForms(G2GDbContext db, RuntimeQueries queries)
{
    /// <summary>The task's form for whoever may see the task; anyone else gets the task's not-found.</summary>
    public async Task<TaskForm> GetAsync(long taskId, CancellationToken cancellationToken = default)
    {
        var task = await queries.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task.FormKey is not { } formKey)
        {
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.TaskHasNoForm(taskId, task.Name ?? task.ElementId));
        }
        var instance = await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id == task.InstanceId)
            .Select(i => new { i.DefinitionId, i.State }).FirstAsync(cancellationToken).ConfigureAwait(false);
        var row = await ForVersion(db, instance.DefinitionId, formKey).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.FormOfTaskNotDeployed(formKey, taskId));
        var schema = FormSchema.Parse(row.Schema);
        var variables = StoredState.Read(task.InstanceId, instance.State).Variables;
        var values = schema.Fields.Where(f => variables.ContainsKey(f.Key))
            .ToDictionary(f => f.Key, f => variables[f.Key], StringComparer.Ordinal);
        using var document = JsonDocument.Parse(row.Schema);
        return new TaskForm(task.Id, formKey, row.Version, row.DefinitionId, document.RootElement.Clone(), schema.Fields,
            values);
    }

    /// <summary>
    /// Every problem of a submission, by field: its values against the step's form (none without a form) and the step's
    /// opinion rule (<c>comment</c>). Empty when the step may be completed with it.
    /// </summary>
    internal static Dictionary<string, RuntimeText[]> SubmissionErrors(FormSchema? schema, bool opinionRequired,
        IReadOnlyDictionary<string, Value>? variables, string? comment)
    {
        var errors = schema is null
            ? new Dictionary<string, RuntimeText[]>(StringComparer.Ordinal)
            : new Dictionary<string, RuntimeText[]>(FormValidator.Validate(schema, variables), StringComparer.Ordinal);
        if (opinionRequired && string.IsNullOrWhiteSpace(comment))
            errors["comment"] = [RuntimeMessages.OpinionRequired()];
        return errors;
    }

    /// <summary>The form of the key deployed with a definition version.</summary>
    internal static IQueryable<FormDefinitionRecord> DeployedWith(G2GDbContext db, long definitionId, string formKey) =>
        db.Set<FormDefinitionRecord>().AsNoTracking().Where(f => f.DefinitionId == definitionId && f.FormKey == formKey)
            .OrderByDescending(f => f.Version);

    /// <summary>
    /// The forms of the key a definition version may show, the one it shows first: the form deployed with the version;
    /// else the latest of those deployed on their own (the workflows folder's <c>forms/</c>, the forms of a file deployed
    /// without a version of this process) or with an earlier version of the same process. A form deployed with a later
    /// version, or with another process, never reaches it: an instance keeps the forms of the version it runs on.
    /// </summary>
    internal static IQueryable<FormDefinitionRecord> ForVersion(G2GDbContext db, long definitionId, string formKey)
    {
        var version = db.ProcessDefinitions.Where(d => d.Id == definitionId);
        return db.Set<FormDefinitionRecord>().AsNoTracking()
            .Where(f => f.FormKey == formKey && (f.DefinitionId == null || f.DefinitionId == definitionId
                || db.ProcessDefinitions.Any(d => d.Id == f.DefinitionId && version.Any(v => v.ProcessKey == d.ProcessKey && d.Version < v.Version))))
            .OrderByDescending(f => f.DefinitionId == definitionId).ThenByDescending(f => f.Version);
    }

    /// <summary>The latest deployed form of the key, whichever way it was deployed.</summary>
    internal static IQueryable<FormDefinitionRecord> Latest(G2GDbContext db, string formKey) =>
        db.Set<FormDefinitionRecord>().AsNoTracking().Where(f => f.FormKey == formKey).OrderByDescending(f => f.Version);
}
