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

    /// <summary>
    /// How long a file uploaded for a form's file field is kept while no submitted form holds it (the form was abandoned,
    /// or the file replaced before submitting); older ones are removed, with their file unless something else uses it.
    /// </summary>
    public TimeSpan OrphanUploadAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each node sweeps unsubmitted uploads older than <see cref="OrphanUploadAge"/>.</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Largest body (正文, Markdown) in characters.</summary>
    public int MaxBodyLength { get; set; } = 200_000;

    /// <summary>
    /// Deadlines of the 收文办理 steps for urgent documents (<c>Documents:UrgentDeadlines:特急:handle = 1wd</c>): per urgency,
    /// per step id, the deadline as <c>g2g:due</c> writes it (<c>2wh</c>, <c>1wd</c>), with the reminder
    /// <see cref="UrgentRemindBefore"/> before it. A step or urgency not named keeps the procedure's own deadline and
    /// reminder (平急 always does).
    /// </summary>
    public IDictionary<string, IDictionary<string, string>> UrgentDeadlines { get; } = new Dictionary<string, IDictionary<string, string>>(StringComparer.Ordinal)
    {
        [Records.Urgencies.VeryUrgent] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["signFor"] = "2wh", ["refused"] = "2wh", ["propose"] = "4wh", ["instruct"] = "4wh", ["handle"] = "1wd", ["close"] = "1wd",
        },
        [Records.Urgencies.Urgent] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["signFor"] = "4wh", ["refused"] = "4wh", ["propose"] = "1wd", ["instruct"] = "1wd", ["handle"] = "3wd", ["close"] = "1wd",
        },
    };

    /// <summary>How long before an urgent step's deadline its holder is reminded.</summary>
    public string UrgentRemindBefore { get; set; } = "1wh";

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
