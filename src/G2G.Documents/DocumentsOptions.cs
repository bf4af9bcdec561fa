namespace G2G.Documents;

/// <summary>Settings of the documents module (section <c>Documents</c>).</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    /// <summary>
    /// Folder of the content-addressed file store (bodies, attachments), relative to the content root; several nodes
    /// name one shared folder.
    /// </summary>
    public string FilesPath { get; set; } = "App_Data/documents";

    /// <summary>Largest attachment in bytes.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest body (正文, Markdown) in characters.</summary>
    public int MaxBodyLength { get; set; } = 200_000;

    /// <summary>The fonts of the printed document (<c>Documents:Fonts</c>).</summary>
    public Rendering.DocumentFontOptions Fonts { get; } = new();

    /// <summary>Media types an attachment may have.</summary>
    public IList<string> AllowedTypes { get; } =
    [
        "application/pdf", "application/ofd", "image/png", "image/jpeg", "text/plain", "text/markdown", "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];
}
