using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using G2G.Runtime.Security;

namespace G2G.Runtime.Organisation.Import;

/// <summary>
/// Imports an organisation from CSV or JSON (docs/organisation.md, "Import"). The file is read completely first;
/// then every item is applied in one transaction through the same changes as the administration service, in
/// dependency order (agencies parents first, guidance lines, departments parents first, users, department heads,
/// positions, groups, members, delegations). An item that already exists exactly as written is left unchanged, so a
/// file can be imported again; one that exists differently is a problem. Every problem is collected with its
/// location. A dry run, or a run with any problem, rolls everything back: the import is all or nothing.
/// </summary>
public sealed class OrganisationImporter(
    G2GDbContext db, IPasswordHasher<G2GUser> passwords, ILookupNormalizer normalizer, CallerContext callers, TimeProvider clock)
{
    /// <summary>Checks a file against the current organisation and reports what would happen; changes nothing.</summary>
    public Task<ImportReport> DryRunAsync(string content, ImportFormat format, string actor, CancellationToken cancellationToken = default) =>
        ImportAsync(content, format, actor, dryRun: true, cancellationToken);

    /// <summary>Imports a file; with any problem nothing is changed and the report lists them.</summary>
    public async Task<ImportReport> ImportAsync(string content, ImportFormat format, string actor, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        AccessRefusals.RequireAdministrator(callers, "import an organisation");
        var document = format == ImportFormat.Json ? JsonOrganisationReader.Read(content) : CsvOrganisationReader.Read(content);
        document.CheckDuplicates();
        if (document.Problems.Count > 0)
            return new ImportReport(dryRun, false, Ordered(document.Problems), 0, 0, []);

        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var run = new Run(new OrganisationChanges(db, passwords, normalizer, clock, actor), cancellationToken);
            await run.ApplyAsync(document).ConfigureAwait(false);
            if (run.Problems.Count > 0 || dryRun)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return new ImportReport(dryRun, false, Ordered(run.Problems), run.Created, run.Unchanged, run.Problems.Count > 0 ? [] : run.Items);
            }
            run.Changes.Audit("organisation.imported", $"导入组织机构 ({format}): {run.Created} created, {run.Unchanged} unchanged",
                new { format = format.ToString(), sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), created = run.Created, unchanged = run.Unchanged });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ImportReport(false, true, [], run.Created, run.Unchanged, run.Items);
        }
        catch (DbUpdateException exception)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.ImportRaced(), inner: exception);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>CSV problems in line order; JSON problems in the order found.</summary>
    private static List<ImportProblem> Ordered(List<ImportProblem> problems) =>
        problems.All(p => p.Location.StartsWith("line ", StringComparison.Ordinal))
            ? [.. problems.OrderBy(p => int.Parse(p.Location.AsSpan(5), CultureInfo.InvariantCulture))]
            : problems;

    private sealed class Run(OrganisationChanges changes, CancellationToken cancellationToken)
    {
        public OrganisationChanges Changes => changes;
        public List<ImportProblem> Problems { get; } = [];
        public int Created { get; private set; }
        public int Unchanged { get; private set; }
        public List<ImportedItem> Items { get; } = [];

        public async Task ApplyAsync(OrganisationDocument document)
        {
            await StepAsync("agency", a => a.Id, ParentsFirst(document.Agencies, a => a.Id, a => a.ParentId, "agency"),
                a => changes.CreateAgencyAsync(a, acceptExisting: true, cancellationToken)).ConfigureAwait(false);
            await StepAsync("guidance", l => $"{l.SuperiorId}→{l.SubordinateId}", document.GuidanceLines,
                l => changes.AddGuidanceLineAsync(l.SuperiorId, l.SubordinateId, acceptExisting: true, cancellationToken)).ConfigureAwait(false);
            var createdDepartments = new HashSet<string>(StringComparer.Ordinal);
            await StepAsync("department", d => d.Id, ParentsFirst(document.Departments, d => d.Id, d => d.ParentId, "department"), async d =>
            {
                // The head is set after the users exist.
                var outcome = await changes.CreateDepartmentAsync(d with { HeadUserId = null }, acceptExisting: true, cancellationToken).ConfigureAwait(false);
                createdDepartments.Add(d.Id);
                return outcome;
            }).ConfigureAwait(false);
            await StepAsync("user", u => u.Id, document.Users,
                u => changes.CreateUserAsync(u, acceptExisting: true, cancellationToken)).ConfigureAwait(false);
            await StepAsync("head", d => $"{d.Id}: {d.HeadUserId}", document.Departments.Where(d => d.Item.HeadUserId is not null && createdDepartments.Contains(d.Item.Id)),
                d => changes.SetDepartmentHeadAsync(d.Id, d.HeadUserId, acceptExisting: true, cancellationToken), count: false).ConfigureAwait(false);
            await StepAsync("position", p => $"{p.UserId}: {p.Name} @ {p.UnitId ?? "—"}", document.Positions,
                p => changes.AssignPositionAsync(p.UserId, p.Name, p.UnitId, acceptExisting: true, cancellationToken)).ConfigureAwait(false);
            await StepAsync("group", g => g.Id, document.Groups,
                g => changes.CreateGroupAsync(g.Id, g.Name, g.AgencyId, acceptExisting: true, cancellationToken)).ConfigureAwait(false);
            await StepAsync("member", m => $"{m.GroupId}: {m.UserId}", document.Members,
                m => changes.AddGroupMemberAsync(m.GroupId, m.UserId, acceptExisting: true, cancellationToken)).ConfigureAwait(false);
            await StepAsync("delegation", d => $"{d.FromUserId}→{d.ToUserId} {d.StartsOn:yyyy-MM-dd}–{d.EndsOn:yyyy-MM-dd}", document.Delegations,
                async d => (await changes.CreateDelegationAsync(d, acceptExisting: true, cancellationToken).ConfigureAwait(false)).Outcome).ConfigureAwait(false);
        }

        private async Task StepAsync<T>(string kind, Func<T, string> key, IEnumerable<Located<T>> items, Func<T, Task<ChangeOutcome>> apply, bool count = true)
        {
            foreach (var item in items)
            {
                try
                {
                    var outcome = await apply(item.Item).ConfigureAwait(false);
                    Items.Add(new ImportedItem(kind, key(item.Item), item.Location, outcome));
                    if (!count)
                        continue;
                    if (outcome == ChangeOutcome.Created)
                        Created++;
                    else
                        Unchanged++;
                }
                catch (RuntimeException refused)
                {
                    Problems.Add(new(item.Location, refused.Message));
                }
            }
        }

        /// <summary>Orders items so a parent defined in the file comes before its children; a cycle of parents is a problem on each item in it.</summary>
        private List<Located<T>> ParentsFirst<T>(List<Located<T>> items, Func<T, string> id, Func<T, string?> parent, string what)
        {
            var byId = items.GroupBy(i => id(i.Item), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var ordered = new List<Located<T>>();
            var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: being visited, true: done
            foreach (var item in items)
                Visit(item, []);
            return ordered;

            void Visit(Located<T> item, List<string> trail)
            {
                var key = id(item.Item);
                if (state.TryGetValue(key, out var done))
                {
                    if (!done)
                    {
                        var cycle = trail.SkipWhile(t => t != key).Append(key);
                        Problems.Add(new(item.Location, $"{what} '{key}' is its own ancestor: {string.Join(" → ", cycle)}."));
                    }
                    return;
                }
                state[key] = false;
                trail.Add(key);
                if (parent(item.Item) is { } parentId && byId.TryGetValue(parentId, out var parentItem))
                    Visit(parentItem, trail);
                trail.RemoveAt(trail.Count - 1);
                state[key] = true;
                if (!Problems.Any(p => p.Location == item.Location))
                    ordered.Add(item);
            }
        }
    }
}
