using G2G.Documents;
using G2G.Documents.Seals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/documents: official documents (公文, docs/documents.md). The issuing agency's staff and, once dispatched, the
/// recipient agencies' staff read a document up to their clearance; its seal is checked on every view and every file
/// is re-hashed when read (a changed file: 409, audited, never served). Documents are drafted, signed and dispatched
/// only through 发文办理; the drafter adds attachments while the document is a draft.
/// </summary>
internal static class DocumentsApi
{
    public static void MapDocumentsApi(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync).WithSummary("Documents the caller's agency issued or received (filter by state, issuing agency), newest first.");
        documents.MapGet("/{id:long}", GetAsync).WithSummary("One document with its recipients, attachments and the seal checked now.");
        documents.MapGet("/{id:long}/body", BodyAsync).Produces<string>(Status200OK, "text/markdown").Refuses(Status409Conflict)
            .WithSummary("The body (正文) as Markdown, its hash checked.");
        documents.MapGet("/{id:long}/pdf", PdfAsync).Produces<byte[]>(Status200OK, "application/pdf").Refuses(Status409Conflict)
            .WithSummary("The document printed after GB/T 9704 (A4, fonts embedded); the seal is printed only while it holds. inline=true: shown in the browser, not downloaded.");
        // Any media type reaches the service, which checks it against Documents:AllowedTypes (400 on contentType).
        documents.MapPost("/{id:long}/attachments", AddAttachmentAsync).Accepts<byte[]>("*/*")
            .WithMetadata(new FileBodyMetadata()).Refuses(Status403Forbidden, Status409Conflict)
            .WithSummary("Adds an attachment (the request body, its media type as Content-Type, ?name=): the drafter, before numbering.");
        documents.MapGet("/seals", SealKeysAsync).Refuses(Status403Forbidden)
            .WithSummary("The seal keys of every agency or one (?agency=): current and retired, with their certificates' subjects and thumbprints. Administrators.");
        documents.MapPost("/seals/{agencyId}/rotate", RotateSealAsync).Refuses(Status403Forbidden, Status404NotFound, Status409Conflict)
            .WithSummary("Gives the agency a new seal key; the old certificate is kept so what it sealed still verifies. Administrators; audited.");
        documents.MapGet("/archive", ArchiveAsync)
            .WithSummary("The archive (归档) of the caller's agencies; expired=true: filed items past their retention, for 档案销毁审批.");
        documents.MapGet("/archive/{id:long}", ArchiveItemAsync).WithSummary("One archive item, with its destruction record once destroyed.");
        documents.MapGet("/{id:long}/attachments/{position:int}", AttachmentAsync).Produces<byte[]>(Status200OK, "application/octet-stream")
            .Refuses(Status409Conflict).WithSummary("An attachment's file, its hash checked.");
    }

    private static async Task<Ok<IReadOnlyList<DocumentSummary>>> ListAsync(string? state, string? agency, DocumentService documents,
        CancellationToken ct) =>
        TypedResults.Ok(await documents.ListAsync(state, agency, ct));

    private static async Task<Ok<DocumentView>> GetAsync(long id, DocumentService documents, CancellationToken ct) =>
        TypedResults.Ok(await documents.GetAsync(id, ct));

    private static async Task<FileContentHttpResult> BodyAsync(long id, DocumentService documents, HttpContext http, CancellationToken ct) =>
        File(await documents.BodyAsync(id, http.User.Actor(), ct));

    /// <summary>The PDF as a download, or with <paramref name="inline"/> shown in the browser (the document page's preview).</summary>
    private static async Task<FileContentHttpResult> PdfAsync(long id, bool? inline, DocumentService documents, HttpContext http, CancellationToken ct)
    {
        var pdf = await documents.PdfAsync(id, http.User.Actor(), ct);
        if (inline != true)
            return File(pdf);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = pdf.FileName }.ToString();
        return TypedResults.File(pdf.Content, pdf.ContentType);
    }

    private static async Task<FileContentHttpResult> AttachmentAsync(long id, int position, DocumentService documents, HttpContext http,
        CancellationToken ct) =>
        File(await documents.AttachmentAsync(id, position, http.User.Actor(), ct));

    private static async Task<Created<AttachmentView>> AddAttachmentAsync(long id, string? name, HttpRequest request, DocumentService documents,
        CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var attachment = await documents.AddAttachmentAsync(id, name, request.ContentType, buffer.ToArray(), request.HttpContext.User.Actor(), ct);
        return TypedResults.Created($"{ApiExtensions.Prefix}/documents/{id}/attachments/{attachment.Position}", attachment);
    }

    private static async Task<Ok<IReadOnlyList<ArchiveItemView>>> ArchiveAsync(bool? expired, string? state, DocumentService documents,
        CancellationToken ct) =>
        TypedResults.Ok(await documents.ArchiveAsync(expired ?? false, state, ct));

    private static async Task<Ok<ArchiveItemView>> ArchiveItemAsync(long id, DocumentService documents, CancellationToken ct) =>
        TypedResults.Ok(await documents.ArchiveItemAsync(id, ct));

    private static async Task<Ok<IReadOnlyList<SealKeyView>>> SealKeysAsync(string? agency, SealKeyService seals, CancellationToken ct) =>
        TypedResults.Ok(await seals.ListAsync(agency, ct));

    private static async Task<Ok<SealKeyView>> RotateSealAsync(string agencyId, SealKeyService seals, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await seals.RotateAsync(agencyId, http.User.Actor(), ct));

    private static FileContentHttpResult File(StoredFile file) => TypedResults.File(file.Content, file.ContentType, file.FileName);
}
