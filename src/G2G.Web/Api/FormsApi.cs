using System.Text.Json;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// A task's form for any client to draw (/api/v1/tasks/{id}/form), the files of forms' file fields (/api/v1/files to
/// upload one, /api/v1/instances/{id}/files/{sha256} to read it back), and deployments of a BPMN file together with the
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
        // Any media type reaches the store, which checks it against Documents:AllowedTypes (400 on file).
        api.MapPost("/files", UploadFileAsync).WithTags("Tasks").Accepts<byte[]>("*/*").WithMetadata(new FileBodyMetadata())
            .WithSummary("Stores a file for a form's file field (the body, its media type as Content-Type, ?name=) and returns the reference to submit.");
        api.MapGet("/instances/{id:long}/files/{sha256}", FileAsync).WithTags("Instances").Produces<byte[]>(Status200OK, "application/octet-stream")
            .Refuses(Status409Conflict).WithSummary("A file of the instance's form fields, its hash checked: whoever may see the instance.");
    }

    /// <summary>The reference (<c>name</c>, <c>contentType</c>, <c>size</c>, <c>sha256</c>) goes into the file field's list.</summary>
    public static async Task<Ok<FieldFile>> UploadFileAsync(string? name, HttpRequest request, FormFileStore files, CancellationToken ct) =>
        TypedResults.Ok(await files.StoreAsync("file", "file", null, name, request.ContentType, request.Body, ct));

    public static async Task<FileContentHttpResult> FileAsync(long id, string sha256, FormFileStore files, CancellationToken ct)
    {
        var (file, content) = await files.ReadAsync(id, sha256, ct);
        return TypedResults.File(content, file.ContentType, file.Name);
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
