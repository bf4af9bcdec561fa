using System.Text.Json;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// A task's form for any client to draw (/api/v1/tasks/{id}/form), and deployments of a BPMN file together with the
/// form schemas of its tasks (/api/v1/deployments).
/// </summary>
internal static class FormsApi
{
    public static void MapFormsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks/{id:long}/form", GetTaskFormAsync).WithTags("Tasks").WithName("GetTaskForm")
            .WithSummary("The task's form: the schema as deployed, its fields (required, read-only here) and their values.");
        api.MapPost("/deployments", DeployAsync).WithTags("Definitions").WithName("DeployWithForms")
            .WithSummary("Deploys a BPMN file with its user tasks' form schemas, by form key; a change makes a new version.")
            .WithMetadata(new FileBodyMetadata()).Refuses(Status403Forbidden, Status422UnprocessableEntity);
    }

    /// <summary>Visible to whoever may see the task; anyone else, or a task without a deployed form, gets 404.</summary>
    public static async Task<Ok<TaskForm>> GetTaskFormAsync(long id, TaskForms forms, CancellationToken ct) =>
        TypedResults.Ok(await forms.GetAsync(id, ct));

    /// <summary>Administrators and systems; an invalid file or form is 422 <c>definition-invalid</c> listing every problem.</summary>
    public static async Task<Results<Ok<IReadOnlyList<DeployedProcess>>, ValidationProblem>> DeployAsync(
        DeploymentRequest body, DeploymentService deployments, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Bpmn))
            errors["bpmn"] = [ApiText.Get("BpmnRequired")];
        foreach (var (key, schema) in body.Forms ?? [])
        {
            if (schema.ValueKind != JsonValueKind.Object)
                errors[$"forms.{key}"] = [ApiText.Get("FormSchemaObject")];
        }
        if (errors.Count > 0)
            return ApiResults.Invalid(errors);
        var forms = (body.Forms ?? []).ToDictionary(f => f.Key, f => f.Value.GetRawText(), StringComparer.Ordinal);
        var deployed = await deployments.DeployAsync(body.Bpmn!, body.Name ?? "upload.bpmn", forms, http.User.Actor(), ct);
        return TypedResults.Ok(deployed);
    }
}

/// <summary>A BPMN file (<c>bpmn</c>: its XML) with the form-js schemas of its user tasks, keyed by their g2g:formKey.</summary>
public sealed record DeploymentRequest([property: FileContent] string? Bpmn, string? Name = null, Dictionary<string, JsonElement>? Forms = null);
