using G2G.Engine.Parsing;
using G2G.Engine.Validation;
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
    public async Task<DesignerDraft> SaveDraftAsync(string xml, int? basedOnVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        AccessRefusals.RequireDesigner(callers, "save drafts");
        var process = BpmnParser.Parse(xml).ExecutableProcesses.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Key))
            ?? throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.DraftWithoutProcess());
        var record = await db.Set<ProcessDraftRecord>().FirstOrDefaultAsync(d => d.ProcessKey == process.Key, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            record = new ProcessDraftRecord { ProcessKey = process.Key, Xml = xml, SavedBy = Actor };
            db.Add(record);
        }
        record.Name = process.Name;
        record.Xml = xml;
        record.BasedOnVersion = basedOnVersion;
        record.SavedBy = Actor;
        record.SavedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return View(record);
    }

    /// <summary>Discards a procedure's draft.</summary>
    public async Task DiscardDraftAsync(string processKey, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "discard drafts");
        if (await Drafts().Where(d => d.ProcessKey == processKey).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NoSuchDraft(processKey));
    }

    /// <summary>The engine's diagnostics of the diagram, as a deploy would report them (errors and warnings, by line).</summary>
    public async Task<IReadOnlyList<Diagnostic>> ValidateAsync(string xml, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireDesigner(callers, "validate definitions");
        return (await deployments.ValidateAsync(xml, cancellationToken).ConfigureAwait(false)).Diagnostics;
    }

    /// <summary>
    /// Validates the diagram and, without errors, deploys it as a new version of each changed process (published, so new
    /// instances start from it) and removes their drafts. With errors nothing is written and the diagnostics are returned.
    /// </summary>
    public async Task<DesignerPublication> PublishAsync(string xml, CancellationToken cancellationToken = default)
    {
        var diagnostics = await ValidateAsync(xml, cancellationToken).ConfigureAwait(false);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return new DesignerPublication(diagnostics, []);
        var deployed = await deployments.DeployAsync(xml, Source, Actor, cancellationToken).ConfigureAwait(false);
        var keys = deployed.Select(d => d.ProcessKey).ToList();
        await Drafts().Where(d => keys.Contains(d.ProcessKey)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return new DesignerPublication(diagnostics, deployed);
    }

    private DbSet<ProcessDraftRecord> Drafts() => db.Set<ProcessDraftRecord>();

    private string Actor => callers.Current?.UserId ?? "system";

    private static DesignerDraft View(ProcessDraftRecord record) =>
        new(record.ProcessKey, record.Name, record.BasedOnVersion, record.SavedBy, record.SavedAt);
}
