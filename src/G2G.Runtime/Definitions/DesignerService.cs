using System.Text.Json;
using System.Xml;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;
using G2G.Runtime.Forms;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Definitions;

/// <summary>One version of a procedure as the designer lists it: who deployed it from where, and how many instances run on it.</summary>
public sealed record DesignerVersion(int Version, string? Name, DateTimeOffset DeployedAt, string? DeployedBy, string? Source, bool IsPublished, int Running);

/// <summary>A procedure's draft without its XML: who saved it when, from which version.</summary>
public sealed record DesignerDraft(string ProcessKey, string? Name, int? BasedOnVersion, string SavedBy, DateTimeOffset SavedAt);

/// <summary>A procedure in the designer's list: its versions (oldest first) and its draft, if any.</summary>
public sealed record DesignerProcedure(string ProcessKey, IReadOnlyList<DesignerVersion> Versions, DesignerDraft? Draft)
{
    /// <summary>The latest version's name (a draft's name for a procedure never published), else the key.</summary>
    public string Name => Latest?.Name ?? Draft?.Name ?? ProcessKey;

    public DesignerVersion? Latest => Versions.Count > 0 ? Versions[^1] : null;
}

/// <summary>What publishing from the designer did: the versions deployed, or the errors that refused the diagram (nothing written).</summary>
public sealed record DesignerPublication(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<DeployedProcess> Deployed)
{
    public bool Refused => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// The process designer's server side (/designer): the procedures with their versions and drafts, drafts saved and
/// discarded, diagrams validated by the engine's own validator exactly as a deploy validates them, and publishing as
/// a new version through <see cref="DeploymentService"/> (audited with who and when). Administrators and process
/// designers only (<see cref="SystemRoles.Designer"/>).
/// </summary>
public sealed class DesignerService(G2GDbContext db, DeploymentService deployments, CallerContext callers, TimeProvider clock)
{
    /// <summary>The source recorded for versions published in the designer.</summary>
    public const string Source = "designer";

    /// <summary>Every procedure with a version or a draft, by key.</summary>
    public async Task<IReadOnlyList<DesignerProcedure>> ListAsync(CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "open the process designer");
        var versions = await db.ProcessDefinitions.AsNoTracking()
            .Select(d => new { d.Id, d.ProcessKey, d.Version, d.Name, d.DeployedAt, d.DeployedBy, d.Source, d.IsPublished })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var running = await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Status == InstanceStatus.Running)
            .GroupBy(i => i.DefinitionId).Select(g => new { DefinitionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.DefinitionId, r => r.Count, cancellationToken).ConfigureAwait(false);
        var drafts = await Drafts().AsNoTracking().Select(d => new DesignerDraft(d.ProcessKey, d.Name, d.BasedOnVersion, d.SavedBy, d.SavedAt))
            .ToDictionaryAsync(d => d.ProcessKey, cancellationToken).ConfigureAwait(false);
        var byKey = versions.ToLookup(v => v.ProcessKey);
        return [.. byKey.Select(g => g.Key).Union(drafts.Keys).Order(StringComparer.Ordinal).Select(key => new DesignerProcedure(
            key,
            [.. byKey[key].OrderBy(v => v.Version).Select(v => new DesignerVersion(v.Version, v.Name, v.DeployedAt, v.DeployedBy, v.Source, v.IsPublished,
                running.GetValueOrDefault(v.Id)))],
            drafts.GetValueOrDefault(key)))];
    }

    /// <summary>The XML of a deployed version (diagram included).</summary>
    public Task<string> GetVersionXmlAsync(string processKey, int version, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "open the process designer");
        return deployments.GetXmlAsync(processKey, version, cancellationToken);
    }

    /// <summary>A procedure's draft with its XML, or null.</summary>
    public async Task<(DesignerDraft Draft, string Xml)?> GetDraftAsync(string processKey, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "open the process designer");
        var record = await db.Set<ProcessDraftRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.ProcessKey == processKey, cancellationToken)
            .ConfigureAwait(false);
        return record is null ? null : (View(record), record.Xml);
    }

    /// <summary>
    /// Saves the diagram as the draft of its executable process (replacing an earlier draft of that key). A draft need not
    /// be valid — it is work in progress — but it must name a process: otherwise it is refused and nothing is written.
    /// </summary>
    public Task<DesignerDraft> SaveDraftAsync(string xml, int? basedOnVersion, CancellationToken cancellationToken = default) =>
        SaveDraftAsync(xml, basedOnVersion, new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// Saves the diagram as its process's draft with the form schemas edited in the designer (by form key; a schema no
    /// user task of the diagram names any more is left out). Forms need not be valid yet either.
    /// </summary>
    public async Task<DesignerDraft> SaveDraftAsync(string xml, int? basedOnVersion, IReadOnlyDictionary<string, string> forms,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(forms);
        AccessRefusals.RequireDesigner(callers, "save drafts");
        var document = BpmnParser.Parse(xml);
        var process = document.ExecutableProcesses.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Key))
            ?? throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.DraftWithoutProcess());
        var used = UsedForms(document, forms);
        var record = await db.Set<ProcessDraftRecord>().FirstOrDefaultAsync(d => d.ProcessKey == process.Key, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            record = new ProcessDraftRecord { ProcessKey = process.Key, Xml = xml, SavedBy = Actor };
            db.Add(record);
        }
        record.Name = process.Name;
        record.Xml = xml;
        record.Forms = used.Count == 0 ? null : JsonSerializer.Serialize(used);
        record.BasedOnVersion = basedOnVersion;
        record.SavedBy = Actor;
        record.SavedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return View(record);
    }

    /// <summary>The form schemas saved with a procedure's draft, by form key; empty without a draft or edited forms.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetDraftFormsAsync(string processKey, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "open the process designer");
        var forms = await Drafts().AsNoTracking().Where(d => d.ProcessKey == processKey).Select(d => d.Forms)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return forms is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(forms)!;
    }

    /// <summary>
    /// The schema of a form key as a version of a procedure shows it to its tasks (<see cref="TaskForms.ForVersion"/>: the
    /// one deployed with that version, else the latest deployed on its own or with an earlier version); without a version,
    /// the latest deployed under the key; null when none was ever deployed.
    /// </summary>
    public async Task<string?> GetFormAsync(string processKey, int? version, string formKey, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "open the process designer");
        if (version is { } number
            && await db.ProcessDefinitions.AsNoTracking().Where(d => d.ProcessKey == processKey && d.Version == number).Select(d => (long?)d.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } definitionId
            && await TaskForms.ForVersion(db, definitionId, formKey).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } deployed)
            return deployed;
        return await TaskForms.Latest(db, formKey).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why a form schema cannot be used (the check a deploy makes), or null when it can.</summary>
    public string? FormProblem(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        AccessRefusals.RequireDesigner(callers, "validate definitions");
        return DeployedForms.SchemaProblem(schema);
    }

    /// <summary>
    /// Copies a version of a procedure (the latest without <paramref name="version"/>) under a new process id and name, as
    /// the draft of the new id, drawing and all. The id must be an XML name no version or draft uses: otherwise it is
    /// refused on the field <c>key</c> and nothing is written.
    /// </summary>
    public async Task<DesignerDraft> CopyAsync(string processKey, int? version, string newKey, string? newName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        AccessRefusals.RequireDesigner(callers, "save drafts");
        newKey = newKey.Trim();
        if (!IsProcessKey(newKey))
            throw RuntimeException.ForField("key", RuntimeMessages.CopyKeyInvalid(newKey));
        if (await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == newKey, cancellationToken).ConfigureAwait(false)
            || await Drafts().AnyAsync(d => d.ProcessKey == newKey, cancellationToken).ConfigureAwait(false))
            throw RuntimeException.ForField("key", RuntimeMessages.CopyKeyTaken(newKey));
        var from = version ?? await db.ProcessDefinitions.Where(d => d.ProcessKey == processKey).MaxAsync(d => (int?)d.Version, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NoPublishedProcess(processKey));
        var xml = await deployments.GetXmlAsync(processKey, from, cancellationToken).ConfigureAwait(false);
        var copy = BpmnXmlEditor.RenameProcess(xml, processKey, newKey, string.IsNullOrWhiteSpace(newName) ? null : newName.Trim());
        return await SaveDraftAsync(copy, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a text can be a process id: an XML name without a colon (the id of the process element).</summary>
    public static bool IsProcessKey(string text)
    {
        try
        {
            XmlConvert.VerifyNCName(text);
            return true;
        }
        catch (Exception notAName) when (notAName is XmlException or ArgumentNullException)
        {
            return false;
        }
    }

    /// <summary>Discards a procedure's draft.</summary>
    public async Task DiscardDraftAsync(string processKey, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "discard drafts");
        if (await Drafts().Where(d => d.ProcessKey == processKey).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NoSuchDraft(processKey));
    }

    /// <summary>The engine's diagnostics of the diagram, as a deploy would report them (errors and warnings, by line).</summary>
    public Task<IReadOnlyList<Diagnostic>> ValidateAsync(string xml, CancellationToken cancellationToken = default) =>
        ValidateAsync(xml, new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// The engine's diagnostics of the diagram and, when it has no errors, a <c>form.invalid</c> error at each user task
    /// whose form (edited in the designer) a deploy would refuse.
    /// </summary>
    public async Task<IReadOnlyList<Diagnostic>> ValidateAsync(string xml, IReadOnlyDictionary<string, string> forms,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forms);
        AccessRefusals.RequireDesigner(callers, "validate definitions");
        var document = await deployments.ValidateAsync(xml, cancellationToken).ConfigureAwait(false);
        if (document.HasErrors)
            return document.Diagnostics;
        var problems = UsedForms(document, forms).Select(f => (f.Key, Problem: DeployedForms.SchemaProblem(f.Value)))
            .Where(f => f.Problem is not null).ToDictionary(f => f.Key, f => f.Problem!, StringComparer.Ordinal);
        return [.. document.Diagnostics, .. document.ExecutableProcesses.SelectMany(p => p.AllNodes.OfType<UserTask>())
            .Where(t => t.Settings.FormKey is { } key && problems.ContainsKey(key))
            .Select(t => new Diagnostic(DiagnosticSeverity.Error, FormInvalid, t.Id, t.Kind, t.Position.Line, t.Position.Column,
                DiagnosticTexts.FormUnusable(t.Settings.FormKey!, problems[t.Settings.FormKey!])))];
    }

    /// <summary>The code of a diagnostic about a form edited in the designer that a deploy would refuse.</summary>
    public const string FormInvalid = "form.invalid";

    /// <summary>
    /// Validates the diagram and, without errors, deploys it as a new version of each changed process (published, so new
    /// instances start from it) and removes their drafts. With errors nothing is written and the diagnostics are returned.
    /// </summary>
    public Task<DesignerPublication> PublishAsync(string xml, CancellationToken cancellationToken = default) =>
        PublishAsync(xml, new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// Publishes the diagram with the forms edited in the designer (by form key): each new version carries them, so its
    /// tasks show and check them; the other tasks keep the forms deployed before. A form no user task names is left out.
    /// </summary>
    public async Task<DesignerPublication> PublishAsync(string xml, IReadOnlyDictionary<string, string> forms, CancellationToken cancellationToken = default)
    {
        var diagnostics = await ValidateAsync(xml, forms, cancellationToken).ConfigureAwait(false);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return new DesignerPublication(diagnostics, []);
        var deployed = await deployments.DeployAsync(xml, Source, UsedForms(BpmnParser.Parse(xml), forms), Actor, cancellationToken).ConfigureAwait(false);
        var keys = deployed.Select(d => d.ProcessKey).ToList();
        await Drafts().Where(d => keys.Contains(d.ProcessKey)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return new DesignerPublication(diagnostics, deployed);
    }

    /// <summary>The forms whose key a user task of the document's executable processes names.</summary>
    private static Dictionary<string, string> UsedForms(BpmnDocument document, IReadOnlyDictionary<string, string> forms)
    {
        var used = document.ExecutableProcesses.SelectMany(DeployedForms.KeysOf).ToHashSet(StringComparer.Ordinal);
        return forms.Where(f => used.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }

    private DbSet<ProcessDraftRecord> Drafts() => db.Set<ProcessDraftRecord>();

    private string Actor => callers.Current?.UserId ?? "system";

    private static DesignerDraft View(ProcessDraftRecord record) =>
        new(record.ProcessKey, record.Name, record.BasedOnVersion, record.SavedBy, record.SavedAt);
}
